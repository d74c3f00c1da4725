namespace OasisEth.Executor;

/// <summary>A data directory the chain refuses to open (another genesis, missing or damaged records); the message
/// names the directory.</summary>
public sealed class ChainOpenException(string message, Exception? inner = null) : Exception(message, inner);
