namespace OasisEth.Executor;

/// <summary>What to fork: a JSON-RPC node's URL and the block (null: the remote's latest block when the fork is
/// made; afterwards the number is fixed and stored with the chain).</summary>
public sealed record ForkConfig(Uri Url, ulong? BlockNumber = null);
