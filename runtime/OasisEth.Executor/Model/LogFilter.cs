using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// eth_getLogs filter. Either <see cref="BlockHash"/> or the inclusive range [<see cref="FromBlock"/>,
/// <see cref="ToBlock"/>] (already resolved from tags by the caller). <see cref="Addresses"/> empty = any.
/// <see cref="Topics"/>[i] null or empty = any topic at position i, else one of the listed values.
/// </summary>
public sealed record LogFilter
{
    public ulong FromBlock { get; init; }
    public ulong ToBlock { get; init; }
    public Hash256? BlockHash { get; init; }
    public IReadOnlyList<Address> Addresses { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<Hash256>?> Topics { get; init; } = [];
}
