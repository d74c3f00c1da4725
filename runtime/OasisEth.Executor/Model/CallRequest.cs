using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>eth_call / eth_estimateGas arguments; null = not given (the chain picks the default).</summary>
public sealed record CallRequest
{
    public Address? From { get; init; }
    public Address? To { get; init; }
    public ulong? Gas { get; init; }
    public UInt256? GasPrice { get; init; }
    public UInt256? MaxFeePerGas { get; init; }
    public UInt256? MaxPriorityFeePerGas { get; init; }
    public UInt256? Value { get; init; }
    public byte[] Data { get; init; } = [];
    public ulong? Nonce { get; init; }
    public AccessListItem[]? AccessList { get; init; }
}
