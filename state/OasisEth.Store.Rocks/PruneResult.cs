namespace OasisEth.Store.Rocks;

/// <summary>What one <see cref="NodeStore.Prune"/> call removed.</summary>
public readonly record struct PruneResult(int RoundsRemoved, long NodesRemoved);
