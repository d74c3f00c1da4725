namespace OasisEth.StateTest;

/// <summary>Which state a case runs on.</summary>
public enum StateBackend
{
    /// <summary>A self-contained <see cref="OasisEth.State.InMemoryWorldState"/>; the root is its own Ethereum root.</summary>
    InMemory,

    /// <summary>
    /// <c>pre</c> written into an Oasis MKVS tree, the case run on an <see cref="OasisEth.State.InMemoryWorldState"/>
    /// reading through it, the block's changes collected, applied and committed, and the Ethereum root computed
    /// from the tree: the production path to the state, checked against the fixtures.
    /// </summary>
    Mkvs,

    /// <summary>
    /// As <see cref="Mkvs"/>, but through the persistent store: <c>pre</c> is committed to a RocksDB
    /// <see cref="OasisEth.Store.Rocks.NodeStore"/> as a new round, the case reads through a tree opened from the
    /// store at that round, its changes are committed as the next round, and the Ethereum root (and any diff) is
    /// read from a tree reopened from the store at that round. One temporary store per worker, deleted when the
    /// run ends; old rounds are pruned as the run goes.
    /// </summary>
    Rocks,
}
