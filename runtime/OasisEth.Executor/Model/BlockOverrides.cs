using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>Block fields as the called code sees them (NUMBER, TIMESTAMP, GASLIMIT, BASEFEE, COINBASE,
/// PREVRANDAO, BLOBBASEFEE); null keeps the block's own value. The gas limit also bounds the call's gas.</summary>
public sealed record BlockOverrides
{
    public ulong? Number { get; init; }
    public ulong? Time { get; init; }
    public ulong? GasLimit { get; init; }
    public UInt256? BaseFee { get; init; }
    public Address? Coinbase { get; init; }
    public Hash256? PrevRandao { get; init; }
    public UInt256? BlobBaseFee { get; init; }
}
