using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// What <see cref="MkvsTree.Commit"/> returns: the new root and the batch's write log (inserts sorted by key,
/// then deletes of keys that existed before the batch, sorted; keys inserted and removed within the batch are absent).
/// </summary>
public readonly record struct MkvsCommitResult(Hash256 Root, IReadOnlyList<MkvsWriteLogEntry> WriteLog);
