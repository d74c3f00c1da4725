using OasisEth.Primitives;

namespace OasisEth.Transactions;

public enum TxType : byte { Legacy = 0, AccessList = 1, DynamicFee = 2, Blob = 3, SetCode = 4 }

public sealed record AccessListItem(Address Address, UInt256[] StorageKeys);

/// <summary>An EIP-7702 authorization tuple as signed by the authority (yParity, r, s over chain id, address, nonce).</summary>
public sealed record AuthorizationTuple(UInt256 ChainId, Address Address, ulong Nonce, UInt256 YParity, UInt256 R, UInt256 S);

/// <summary>A transaction after decoding and sender recovery: what the processor executes.</summary>
public sealed class Transaction
{
    public TxType Type { get; init; }
    public ulong Nonce { get; init; }
    /// <summary>Legacy and EIP-2930 gas price.</summary>
    public UInt256 GasPrice { get; init; }
    /// <summary>EIP-1559 fee cap and tip (type 2, 3, 4).</summary>
    public UInt256 MaxFeePerGas { get; init; }
    public UInt256 MaxPriorityFeePerGas { get; init; }
    public ulong GasLimit { get; init; }
    /// <summary>Null for contract creation.</summary>
    public Address? To { get; init; }
    public UInt256 Value { get; init; }
    public byte[] Data { get; init; } = [];
    public AccessListItem[] AccessList { get; init; } = [];
    public UInt256 MaxFeePerBlobGas { get; init; }
    public Hash256[] BlobVersionedHashes { get; init; } = [];
    public AuthorizationTuple[] AuthorizationList { get; init; } = [];
    public Address Sender { get; init; }

    // Set by TransactionDecoder for a decoded transaction; a transaction built in code (state tests) leaves them zero.

    /// <summary>keccak256 of the transaction's bytes as received (the envelope with its type byte, for typed ones).</summary>
    public Hash256 Hash { get; init; }
    /// <summary>The chain id the signature commits to: the typed field, or EIP-155's from v; zero for an unprotected legacy transaction.</summary>
    public UInt256 ChainId { get; init; }
    /// <summary>The signature's v as encoded: 27/28 or chainId*2+35/36 for legacy, the y-parity 0/1 for typed transactions.</summary>
    public UInt256 V { get; init; }
    public UInt256 R { get; init; }
    public UInt256 S { get; init; }

    /// <summary>The same signed payload with the signature <paramref name="v"/>, <paramref name="r"/>,
    /// <paramref name="s"/>: what a signer encodes (and the dev node's impersonation mark).</summary>
    public Transaction WithSignature(in UInt256 v, in UInt256 r, in UInt256 s) => new()
    {
        Type = Type,
        ChainId = ChainId,
        Nonce = Nonce,
        GasPrice = GasPrice,
        MaxFeePerGas = MaxFeePerGas,
        MaxPriorityFeePerGas = MaxPriorityFeePerGas,
        GasLimit = GasLimit,
        To = To,
        Value = Value,
        Data = Data,
        AccessList = AccessList,
        MaxFeePerBlobGas = MaxFeePerBlobGas,
        BlobVersionedHashes = BlobVersionedHashes,
        AuthorizationList = AuthorizationList,
        V = v,
        R = r,
        S = s,
    };
    /// <summary>Set when the transaction was decoded from bytes whose encoding breaks a rule the processor reports (e.g. a type unsupported by the fork).</summary>
    public bool IsDynamicFee => Type >= TxType.DynamicFee;
}
