using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// A finished round: its block (header sealed over the new MKVS root), the receipts of its executed entries in
/// block order, the raw bytes of those entries, the rejected entries, the state write log that turns the parent's
/// state into <see cref="StateRoot"/>, and the state changes in the order they were applied (for caches).
/// </summary>
public sealed record SealedRound(Block Block, IReadOnlyList<StoredReceipt> Receipts, IReadOnlyList<byte[]> RawTransactions,
    IReadOnlyList<RejectedTransaction> Rejected, Hash256 StateRoot, IReadOnlyList<MkvsWriteLogEntry> StateWriteLog,
    IReadOnlyList<BlockChanges> Changes)
{
    public BlockHeader Header => Block.Header;
}
