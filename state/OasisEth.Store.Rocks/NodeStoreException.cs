namespace OasisEth.Store.Rocks;

/// <summary>
/// The node store cannot be opened or used: wrong schema, foreign or corrupt files, a missing node a commit
/// refers to. The message always names the data directory, so an operator knows which folder to look at.
/// </summary>
public sealed class NodeStoreException : Exception
{
    public NodeStoreException(string message) : base(message) { }

    public NodeStoreException(string message, Exception inner) : base(message, inner) { }
}
