namespace OasisEth.Executor;

/// <summary>The committed block of a round, the receipts of its executed transactions (in block order) and the
/// batch entries that were rejected (they changed no state and paid nothing).</summary>
public sealed record RoundResult(Block Block, IReadOnlyList<StoredReceipt> Receipts, IReadOnlyList<RejectedTransaction> Rejected);
