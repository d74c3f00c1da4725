namespace OasisEth.Executor;

/// <summary>The state of the asked block is not kept (pruned, or the block does not exist).</summary>
public sealed class StateUnavailableException(string message) : Exception(message);
