using OasisEth.Primitives;

namespace OasisEth.Execution;

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
    /// <summary>Set when the transaction was decoded from bytes whose encoding breaks a rule the processor reports (e.g. a type unsupported by the fork).</summary>
    public bool IsDynamicFee => Type >= TxType.DynamicFee;
}
