namespace OasisEth.Executor;

/// <summary>A committed block: its header and its executed transactions in order.</summary>
public sealed record Block(BlockHeader Header, IReadOnlyList<StoredTransaction> Transactions);
