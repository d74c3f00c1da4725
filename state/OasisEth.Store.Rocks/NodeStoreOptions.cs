namespace OasisEth.Store.Rocks;

/// <summary>Tuning knobs of a <see cref="NodeStore"/>; the defaults are the safe ones.</summary>
public sealed class NodeStoreOptions
{
    /// <summary>
    /// fsync the write-ahead log before <see cref="NodeStore.CommitRound"/> returns. True (the default) makes a
    /// returned commit survive power loss; false still survives a process crash (the WAL write reached the
    /// kernel) but a power cut may lose the last rounds, never leaving a half round.
    /// </summary>
    public bool SyncCommits { get; init; } = true;

    /// <summary>Bytes of encoded nodes kept in the managed LRU in front of RocksDB (0 disables it).</summary>
    public long NodeCacheBytes { get; init; } = 64L << 20;

    /// <summary>RocksDB block cache shared by all column families (uncompressed blocks).</summary>
    public long BlockCacheBytes { get; init; } = 128L << 20;

    /// <summary>Memtable size of the nodes column family (the refs, flat and aux families get half each; up to three
    /// memtables of each are held before a flush): the bulk of the store's native memory under writes. A 100k-node
    /// round (~10 MiB) should fit one nodes memtable so it is flushed as one sorted file.</summary>
    public long WriteBufferBytes { get; init; } = (long)RocksConfig.DefaultNodesWriteBuffer;

    /// <summary>
    /// Keep a flat key → value copy of the latest state (column family <c>flat</c>), updated from each round's
    /// write log in the round's batch, so a read of the latest state is one lookup instead of a trie walk.
    /// Fixed when the store is created (a store that skipped rounds cannot build it later); ignored on reopen.
    /// </summary>
    public bool FlatIndex { get; init; } = true;

    /// <summary>How a node's children are read from its bytes; MKVS nodes by default.</summary>
    public NodeChildrenReader ChildrenOf { get; init; } = MkvsNodeChildren.Reader;
}
