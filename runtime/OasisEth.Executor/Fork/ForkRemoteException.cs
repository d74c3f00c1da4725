namespace OasisEth.Executor;

/// <summary>A read from the fork's remote node failed (unreachable, an error answer, a malformed answer).</summary>
public sealed class ForkRemoteException(string message) : Exception(message);
