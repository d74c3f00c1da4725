using OasisEth.Primitives;

namespace OasisEth.Transactions.Tests;

/// <summary>The fields of a transaction to sign in a test, with defaults that make a valid transfer; vary with <c>with</c>.</summary>
public sealed record TxSpec
{
    public TxType Type { get; init; } = TxType.Legacy;
    /// <summary>For legacy: zero signs without EIP-155.</summary>
    public UInt256 ChainId { get; init; } = 1;
    public ulong Nonce { get; init; } = 7;
    public UInt256 GasPrice { get; init; } = 10;
    public UInt256 MaxPriorityFeePerGas { get; init; } = 2;
    public UInt256 MaxFeePerGas { get; init; } = 30;
    public ulong GasLimit { get; init; } = 100_000;
    public Address? To { get; init; } = Address.Parse("0x095e7baea6a6c7c4c2dfeb977efac326af552d87");
    public UInt256 Value { get; init; } = 1_000;
    public byte[] Data { get; init; } = [0x60, 0x00, 0x01];
    public AccessListItem[] AccessList { get; init; } = [];
    public UInt256 MaxFeePerBlobGas { get; init; }
    public Hash256[] BlobVersionedHashes { get; init; } = [];
    public AuthorizationTuple[] AuthorizationList { get; init; } = [];

    public Transaction ToTransaction(in UInt256 v, in UInt256 r, in UInt256 s) => new()
    {
        Type = Type,
        ChainId = ChainId,
        Nonce = Nonce,
        GasPrice = Type <= TxType.AccessList ? GasPrice : UInt256.Zero,
        MaxPriorityFeePerGas = Type <= TxType.AccessList ? GasPrice : MaxPriorityFeePerGas,
        MaxFeePerGas = Type <= TxType.AccessList ? GasPrice : MaxFeePerGas,
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
}
