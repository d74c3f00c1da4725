namespace OasisEth.Store.Rocks.Native;

/// <summary>Database-wide options (rocksdb_options_t used for the database), set fluently.</summary>
internal sealed class DbOptions() : OwnedHandle(RocksApi.rocksdb_options_create())
{
    protected override void Destroy(nint handle) => RocksApi.rocksdb_options_destroy(handle);

    public DbOptions SetCreateIfMissing(bool value) { RocksApi.rocksdb_options_set_create_if_missing(Handle, value ? (byte)1 : (byte)0); return this; }
    public DbOptions SetCreateMissingColumnFamilies(bool value) { RocksApi.rocksdb_options_set_create_missing_column_families(Handle, value ? (byte)1 : (byte)0); return this; }
    public DbOptions SetParanoidChecks(bool value) { RocksApi.rocksdb_options_set_paranoid_checks(Handle, value ? (byte)1 : (byte)0); return this; }
    public DbOptions SetWalRecoveryMode(Recovery mode) { RocksApi.rocksdb_options_set_wal_recovery_mode(Handle, (int)mode); return this; }
    public DbOptions IncreaseParallelism(int totalThreads) { RocksApi.rocksdb_options_increase_parallelism(Handle, totalThreads); return this; }
    public DbOptions SetMaxBackgroundCompactions(int value) { RocksApi.rocksdb_options_set_max_background_compactions(Handle, value); return this; }
    public DbOptions SetMaxBackgroundFlushes(int value) { RocksApi.rocksdb_options_set_max_background_flushes(Handle, value); return this; }
    public DbOptions SetBytesPerSync(ulong value) { RocksApi.rocksdb_options_set_bytes_per_sync(Handle, value); return this; }
    public DbOptions SetMaxTotalWalSize(ulong value) { RocksApi.rocksdb_options_set_max_total_wal_size(Handle, value); return this; }
    public DbOptions SetMaxOpenFiles(int value) { RocksApi.rocksdb_options_set_max_open_files(Handle, value); return this; }
    public DbOptions SetKeepLogFileNum(ulong value) { RocksApi.rocksdb_options_set_keep_log_file_num(Handle, (nuint)value); return this; }
    public DbOptions SetMaxLogFileSize(ulong value) { RocksApi.rocksdb_options_set_max_log_file_size(Handle, (nuint)value); return this; }
}

/// <summary>One column family's options (also a rocksdb_options_t in the C API), set fluently.</summary>
internal sealed class ColumnFamilyOptions() : OwnedHandle(RocksApi.rocksdb_options_create())
{
    protected override void Destroy(nint handle) => RocksApi.rocksdb_options_destroy(handle);

    /// <summary>Copies <paramref name="table"/> into a new table factory (later changes to it do not apply).</summary>
    public ColumnFamilyOptions SetBlockBasedTableFactory(BlockBasedTableOptions table) { RocksApi.rocksdb_options_set_block_based_table_factory(Handle, table.Handle); GC.KeepAlive(table); return this; }
    public ColumnFamilyOptions SetWriteBufferSize(ulong value) { RocksApi.rocksdb_options_set_write_buffer_size(Handle, (nuint)value); return this; }
    public ColumnFamilyOptions SetMaxWriteBufferNumber(int value) { RocksApi.rocksdb_options_set_max_write_buffer_number(Handle, value); return this; }
    public ColumnFamilyOptions SetCompression(Compression value) { RocksApi.rocksdb_options_set_compression(Handle, (int)value); return this; }
    public ColumnFamilyOptions SetLevelCompactionDynamicLevelBytes(bool value) { RocksApi.rocksdb_options_set_level_compaction_dynamic_level_bytes(Handle, value ? (byte)1 : (byte)0); return this; }
    /// <summary>A bloom filter over each memtable's whole keys, <paramref name="sizeRatio"/> of the memtable's size.</summary>
    public ColumnFamilyOptions SetMemtableWholeKeyBloom(double sizeRatio)
    {
        RocksApi.rocksdb_options_set_memtable_prefix_bloom_size_ratio(Handle, sizeRatio);
        RocksApi.rocksdb_options_set_memtable_whole_key_filtering(Handle, 1);
        return this;
    }
}

/// <summary>Block-based table options, set fluently.</summary>
internal sealed class BlockBasedTableOptions() : OwnedHandle(RocksApi.rocksdb_block_based_options_create())
{
    protected override void Destroy(nint handle) => RocksApi.rocksdb_block_based_options_destroy(handle);

    /// <summary>The table shares <paramref name="cache"/> (RocksDB holds its own reference to it).</summary>
    public BlockBasedTableOptions SetBlockCache(Cache cache) { RocksApi.rocksdb_block_based_options_set_block_cache(Handle, cache.Handle); GC.KeepAlive(cache); return this; }
    /// <summary>A full (whole-file) bloom filter of <paramref name="bitsPerKey"/> bits per key; the options take
    /// ownership of the policy object.</summary>
    public BlockBasedTableOptions SetBloomFilter(double bitsPerKey) { RocksApi.rocksdb_block_based_options_set_filter_policy(Handle, RocksApi.rocksdb_filterpolicy_create_bloom_full(bitsPerKey)); return this; }
    public BlockBasedTableOptions SetWholeKeyFiltering(bool value) { RocksApi.rocksdb_block_based_options_set_whole_key_filtering(Handle, value ? (byte)1 : (byte)0); return this; }
    public BlockBasedTableOptions SetCacheIndexAndFilterBlocks(bool value) { RocksApi.rocksdb_block_based_options_set_cache_index_and_filter_blocks(Handle, value ? (byte)1 : (byte)0); return this; }
    public BlockBasedTableOptions SetBlockSize(ulong value) { RocksApi.rocksdb_block_based_options_set_block_size(Handle, (nuint)value); return this; }
}

/// <summary>An LRU block cache. Tables that use it hold their own reference, so it may be disposed once set.</summary>
internal sealed class Cache : OwnedHandle
{
    private Cache(nint handle) : base(handle) { }

    public static Cache CreateLru(ulong capacity) => new(RocksApi.rocksdb_cache_create_lru((nuint)capacity));

    protected override void Destroy(nint handle) => RocksApi.rocksdb_cache_destroy(handle);
}

/// <summary>Options of reads (the snapshot they see).</summary>
internal sealed class ReadOptions() : OwnedHandle(RocksApi.rocksdb_readoptions_create())
{
    protected override void Destroy(nint handle) => RocksApi.rocksdb_readoptions_destroy(handle);

    /// <summary>Reads see <paramref name="snapshot"/>; it must outlive every read made with these options.</summary>
    public ReadOptions SetSnapshot(Snapshot snapshot) { RocksApi.rocksdb_readoptions_set_snapshot(Handle, snapshot.Handle); return this; }
}

/// <summary>Options of writes (whether the WAL is synced before the write returns).</summary>
internal sealed class WriteOptions() : OwnedHandle(RocksApi.rocksdb_writeoptions_create())
{
    protected override void Destroy(nint handle) => RocksApi.rocksdb_writeoptions_destroy(handle);

    public WriteOptions SetSync(bool value) { RocksApi.rocksdb_writeoptions_set_sync(Handle, value ? (byte)1 : (byte)0); return this; }
}

/// <summary>The column families to open, each with its options ("default" first, with the options given here).</summary>
internal sealed class ColumnFamilies
{
    private readonly List<(string Name, ColumnFamilyOptions Options)> _families = [];

    public ColumnFamilies(ColumnFamilyOptions? defaultOptions = null) => _families.Add(("default", defaultOptions ?? new ColumnFamilyOptions()));

    public void Add(string name, ColumnFamilyOptions options) => _families.Add((name, options));

    public IReadOnlyList<(string Name, ColumnFamilyOptions Options)> Families => _families;
}
