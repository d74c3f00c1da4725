using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>A batch entry that was not executed: its position in the batch, its hash (keccak of the raw bytes,
/// also for undecodable ones) and why.</summary>
public sealed record RejectedTransaction(int BatchIndex, Hash256 Hash, string Reason);
