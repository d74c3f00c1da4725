namespace OasisEth.Executor;

/// <summary>A query the chain refuses (range too large, too many results); the message is meant for the client.</summary>
public sealed class ChainQueryException(string message) : Exception(message);
