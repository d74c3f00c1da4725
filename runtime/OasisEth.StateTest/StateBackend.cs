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
}
