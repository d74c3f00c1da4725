using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

/// <summary>
/// Every RocksDB option the store sets, each with its reason (the defaults RocksDB picks are tuned for
/// generic workloads; ours is: random 32-byte keys, point lookups only, one writer committing a few thousand
/// to a hundred thousand nodes per round, many lookups of keys that do not exist).
/// </summary>
internal static class RocksConfig
{
    public const string Nodes = "nodes";
    public const string Refs = "refs";
    public const string Rounds = "rounds";
    public const string Meta = "meta";
    public const string Flat = "flat";
    public const string Aux = "aux";
    public const string RoundKeys = "round-keys";

    /// <summary>All column families, in a fixed order (RocksDB's own "default" is opened but unused).</summary>
    public static readonly string[] Families = ["default", Nodes, Refs, Rounds, Meta, Flat, Aux, RoundKeys];

    /// <summary>
    /// The families of stores made before <c>aux</c> and <c>round-keys</c> existed. Such a store is opened with
    /// the two created empty (a pure addition: no existing key changes meaning, so the schema version stays).
    /// </summary>
    public static readonly string[] FamiliesV1Initial = ["default", Nodes, Refs, Rounds, Meta, Flat];

    /// <summary>The nodes family's memtable unless <see cref="NodeStoreOptions.WriteBufferBytes"/> says otherwise.</summary>
    public const ulong DefaultNodesWriteBuffer = 64UL << 20;

    public static DbOptions Db(bool create, bool addFamilies = false)
    {
        return new DbOptions()
            // Only the creation path may make a database: opening a directory that is not ours must fail,
            // not turn it silently into an empty store. Missing families are created only when the caller
            // checked that the store lacks exactly the families added since (see FamiliesV1Initial).
            .SetCreateIfMissing(create)
            .SetCreateMissingColumnFamilies(create || addFamilies)
            // Check file consistency eagerly (on open and in compaction) so corruption is reported as an error
            // naming the directory instead of served as wrong nodes later.
            .SetParanoidChecks(true)
            // A crash (SIGKILL, power loss) can leave a torn last WAL record; PointInTime drops the torn tail and
            // recovers every complete batch before it. A batch is one WAL record, so a round is all-or-nothing.
            // AbsoluteConsistency would refuse to open after an ordinary crash.
            .SetWalRecoveryMode(Recovery.PointInTime)
            // Two background threads (flush + compaction) on the 2-core machines we run on; commits are not
            // stalled behind a single thread doing both.
            .IncreaseParallelism(2)
            .SetMaxBackgroundCompactions(1)
            .SetMaxBackgroundFlushes(1)
            // Flush/compaction output is synced in 1 MiB steps, so the synced commit's fsync does not wait
            // behind hundreds of megabytes of dirty SST pages.
            .SetBytesPerSync(1 << 20)
            // Bounds how much WAL a restart replays (and the disk it takes): past 256 MiB the oldest memtables
            // are flushed. Recovery time after a crash stays in seconds.
            .SetMaxTotalWalSize(256UL << 20)
            // Keep table readers (their index and filter) open: point lookups would otherwise reopen files.
            // Bounded so a huge database does not exhaust file descriptors.
            .SetMaxOpenFiles(4096)
            // RocksDB's info LOG rolls forever by default; a few files are enough to diagnose.
            .SetKeepLogFileNum(4)
            .SetMaxLogFileSize(16UL << 20);
    }

    /// <param name="nodesWriteBuffer">Memtable size of the nodes family; refs, flat and aux get half each. Memtables
    /// are the largest native memory the store holds under writes (up to three of each family before a flush).</param>
    public static ColumnFamilies CreateFamilies(Cache blockCache, ulong nodesWriteBuffer = DefaultNodesWriteBuffer)
    {
        ulong half = Math.Max(nodesWriteBuffer / 2, 1UL << 20);
        var families = new ColumnFamilies(Small(blockCache));
        families.Add(Nodes, PointLookup(blockCache, writeBuffer: nodesWriteBuffer, compression: Compression.Lz4));
        families.Add(Refs, PointLookup(blockCache, writeBuffer: half, compression: Compression.Lz4));
        families.Add(Rounds, Small(blockCache));
        families.Add(Meta, Small(blockCache));
        families.Add(Flat, PointLookup(blockCache, writeBuffer: half, compression: Compression.Lz4));
        // aux: the executor's blocks, transactions, receipts and indexes. Point gets by hash/number plus
        // prefix scans; receipts and logs compress well, so LZ4 pays here.
        families.Add(Aux, PointLookup(blockCache, writeBuffer: half, compression: Compression.Lz4));
        // round-keys: one record per round (the state keys it changed), read only by a rollback.
        families.Add(RoundKeys, Small(blockCache));
        return families;
    }

    /// <summary>nodes, refs, flat: random keys, point gets, many misses (existence checks).</summary>
    private static ColumnFamilyOptions PointLookup(Cache blockCache, ulong writeBuffer, Compression compression)
    {
        var table = new BlockBasedTableOptions()
            // Shared cache: one memory budget for all families, hot blocks of whichever family win.
            .SetBlockCache(blockCache)
            // Full (not block-based) bloom filter, ~1% false positives at 10 bits/key: a commit checks every
            // new node for existence and a prune/commit reads refcounts that mostly miss, so misses must not
            // touch data blocks.
            .SetBloomFilter(10)
            .SetWholeKeyFiltering(true)
            // Index and filter blocks stay in the table readers' memory (~1% of the data: 10 bits/key of
            // filter plus one index entry per 4 KiB block), not in the block cache. Measured: with them in a
            // small block cache, data blocks evicted them and a cold read re-read a whole index block
            // (120 µs instead of a few µs); pruning 2M nodes took minutes for the same reason.
            .SetCacheIndexAndFilterBlocks(false)
            // 4 KiB blocks: keys are hashes with no locality, so a lookup uses one entry of its block; small
            // blocks read and decompress less per lookup.
            .SetBlockSize(4 << 10);
        return new ColumnFamilyOptions()
            .SetBlockBasedTableFactory(table)
            // A 100k-node round (~10 MiB) fits in one memtable, so it is flushed as one sorted file.
            .SetWriteBufferSize(writeBuffer)
            .SetMaxWriteBufferNumber(3)
            // A whole-key bloom filter per memtable (2% of its size, about 20 bits per entry of a node): the commit's and the
            // prune's refcount probes mostly ask for keys no memtable holds, and without it each such miss walked the
            // memtable's skip list (under automine, a quarter of the node's CPU was skip-list searches and inserts).
            .SetMemtableWholeKeyBloom(0.02)
            // LZ4: hashes do not compress, leaf values and labels somewhat; LZ4 costs little CPU on the read path.
            .SetCompression(compression)
            // Level sizes follow the actual data size: bounded space amplification (~1.1x) as the
            // database grows, which matters because pruning deletes continuously.
            .SetLevelCompactionDynamicLevelBytes(true);
    }

    /// <summary>rounds, meta, default: a few bytes per round; defaults except the shared cache.</summary>
    private static ColumnFamilyOptions Small(Cache blockCache)
    {
        var table = new BlockBasedTableOptions().SetBlockCache(blockCache);
        return new ColumnFamilyOptions()
            .SetBlockBasedTableFactory(table)
            // Tiny families: a small memtable is enough; max_total_wal_size forces their flush when the WAL grows.
            .SetWriteBufferSize(4UL << 20);
    }
}
