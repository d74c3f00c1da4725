namespace OasisEth.Host.Storage;

/// <summary>The host's storage answer could not be used: a proof that does not verify, or one without the node asked for.</summary>
public sealed class StateSyncException(string message) : Exception(message);
