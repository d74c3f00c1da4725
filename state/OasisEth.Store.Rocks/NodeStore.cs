using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

/// <summary>
/// A content-addressed store of state-tree nodes in RocksDB with per-round metadata: each round's new nodes,
/// reference-count updates, round record and (optionally) flat-index changes are written as one atomic,
/// WAL-backed batch, so after any crash the store is exactly at some committed round. Keeps the rounds not
/// yet pruned readable (<see cref="OpenTree"/>), and <see cref="Prune"/> deletes the nodes no kept root
/// reaches. One writer at a time (commits and prunes serialize on a lock); node reads are thread-safe and
/// may run during a commit. See README.md for the layout, options and the crash-safety argument.
/// </summary>
public sealed partial class NodeStore : IDisposable
{
    /// <summary>The most children a node format may report through <see cref="NodeChildrenReader"/>.</summary>
    public const int MaxChildren = 16;

    private readonly RocksDb _db;
    private readonly ColumnFamilyHandle _nodes;
    private readonly ColumnFamilyHandle _refs;
    private readonly ColumnFamilyHandle _rounds;
    private readonly ColumnFamilyHandle _meta;
    private readonly ColumnFamilyHandle _flat;
    private readonly ColumnFamilyHandle _aux;
    private readonly ColumnFamilyHandle _roundKeys;
    private readonly WriteOptions _commitWrite;
    private readonly WriteOptions _pruneWrite;
    private readonly NodeCache? _cache;
    private readonly NodeChildrenReader _childrenOf;
    private readonly Lock _writeLock = new();
    private readonly BatchedReads _reads;
    private ulong? _lastRound;
    /// <summary>
    /// Every round below this one is known to be gone (pruned). Scans of the <c>rounds</c> family start here rather
    /// than at the first key: each pruned round leaves a tombstone, and until compaction drops them a scan from
    /// the start would step over all of them (thousands per memtable), making every prune slower than the last.
    /// </summary>
    private long _pruneFloor;

    private ulong PruneFloor
    {
        get => (ulong)Interlocked.Read(ref _pruneFloor);
        set => Interlocked.Exchange(ref _pruneFloor, (long)value);
    }
    private volatile bool _disposed;

    private NodeStore(string dataDir, RocksDb db, NodeStoreOptions options, bool flatIndex, ulong? lastRound)
    {
        DataDirectory = dataDir;
        _db = db;
        _nodes = db.GetColumnFamily(RocksConfig.Nodes);
        _refs = db.GetColumnFamily(RocksConfig.Refs);
        _rounds = db.GetColumnFamily(RocksConfig.Rounds);
        _meta = db.GetColumnFamily(RocksConfig.Meta);
        _flat = db.GetColumnFamily(RocksConfig.Flat);
        _aux = db.GetColumnFamily(RocksConfig.Aux);
        _roundKeys = db.GetColumnFamily(RocksConfig.RoundKeys);
        // A commit is acknowledged only once its WAL record is on disk (unless the caller opted out).
        _commitWrite = new WriteOptions().SetSync(options.SyncCommits);
        // Prune batches need no fsync of their own: the WAL is ordered, so the next synced commit makes them
        // durable too, and a prune lost in a crash is simply redone by the next Prune.
        _pruneWrite = new WriteOptions().SetSync(false);
        _cache = options.NodeCacheBytes > 0 ? new NodeCache(options.NodeCacheBytes) : null;
        _childrenOf = options.ChildrenOf;
        _reads = new BatchedReads(db, dataDir);
        HasFlatIndex = flatIndex;
        _lastRound = lastRound;
    }

    /// <summary>The full path of the data directory (named in every error).</summary>
    public string DataDirectory { get; }

    /// <summary>Whether this store keeps the flat index of the latest state (fixed at creation).</summary>
    public bool HasFlatIndex { get; }

    /// <summary>The last committed round, or null for a store with no round yet.</summary>
    public ulong? LastRound
    {
        get { lock (_writeLock) return _lastRound; }
    }

    /// <summary>Node-cache hits and misses since open (reads served without / with RocksDB).</summary>
    public (long Hits, long Misses) CacheStats => _cache is null ? (0, 0) : (_cache.Hits, _cache.Misses);

    /// <summary>
    /// The stored encoding of the node with this hash, or null if the store does not hold it. The returned
    /// array may be shared with the cache: do not modify it. Usable as an <see cref="MkvsTree"/> loader.
    /// </summary>
    public byte[]? TryGetNode(Hash256 hash)
    {
        ThrowIfDisposed();
        if (_cache is not null && _cache.TryGet(hash, out var cached)) return cached;
        byte[]? value;
        try
        {
            value = _db.Get(hash.Bytes, _nodes);
        }
        catch (RocksDbException e)
        {
            throw Wrap("reading a node", e);
        }
        if (value is not null) _cache?.Set(hash, value);
        return value;
    }

    /// <summary>True if the store holds the node (without touching the node cache's recency order).</summary>
    public bool ContainsNode(Hash256 hash)
    {
        ThrowIfDisposed();
        return RefCountFromDb(hash) > 0;
    }

    /// <summary>The record of a kept round, if the store has it.</summary>
    public bool TryGetRound(ulong round, out RoundInfo info)
    {
        ThrowIfDisposed();
        Span<byte> key = stackalloc byte[8];
        StoreKeys.RoundKey(round, key);
        Span<byte> value = stackalloc byte[StoreKeys.RoundValueSize];
        bool found;
        try
        {
            found = _db.GetFixedSizeValue(key, value, _rounds);
        }
        catch (Exception e) when (e is RocksDbException)
        {
            throw Wrap("reading a round record", e);
        }
        info = found ? new RoundInfo(round, new Hash256(value[..32]), new Hash256(value[32..])) : default;
        return found;
    }

    /// <summary>The record of a kept round; throws if the round was never committed or was pruned.</summary>
    public RoundInfo GetRound(ulong round)
    {
        if (!TryGetRound(round, out var info))
            throw new KeyNotFoundException($"Round {round} is not in the node store at '{DataDirectory}' (not committed or pruned).");
        return info;
    }

    /// <summary>The oldest round still kept, or null when there is none.</summary>
    public ulong? FirstRound
    {
        get
        {
            ThrowIfDisposed();
            Span<byte> floor = stackalloc byte[8];
            StoreKeys.RoundKey(PruneFloor, floor);
            using var it = _db.NewIterator(_rounds);
            it.Seek(floor);
            return it.Valid() ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(it.GetKeySpan()) : null;
        }
    }

    /// <summary>
    /// The state tree at a kept round, loading nodes from this store on demand (and checking each against
    /// its hash). Modify and commit it to build the next round.
    /// </summary>
    /// <remarks>
    /// Safe while another thread commits, prunes or rolls back. A round that is not kept (pruned, rolled back
    /// or never committed) gives a <see cref="NodeStoreException"/> naming it; so does a read that needs a node
    /// after the round was pruned away meanwhile (nodes are hash-checked, so a read never returns wrong data).
    /// </remarks>
    public MkvsTree OpenTree(ulong round)
    {
        if (!TryGetRound(round, out var info)) throw RoundNotKept(round);
        return new MkvsTree(info.StateRoot, hash => TryGetNode(hash) ?? throw NodeGone(round, hash));
    }

    private NodeStoreException RoundNotKept(ulong round)
    {
        var (first, last) = (FirstRound, LastRound);
        string why = last is null ? "the store has no rounds"
            : round > last ? $"the last round is {last}"
            : first is { } f && round < f ? $"it was pruned; the oldest kept round is {f}"
            : "it was never committed or was rolled back";
        return new NodeStoreException($"Round {round} is not readable from the node store at '{DataDirectory}': {why}.");
    }

    private NodeStoreException NodeGone(ulong round, Hash256 hash) =>
        TryGetRound(round, out _)
            ? new NodeStoreException($"Node {hash} of kept round {round} is missing from the node store at '{DataDirectory}': the store is inconsistent.")
            : new NodeStoreException($"Round {round} was pruned or rolled back while being read from the node store at '{DataDirectory}' (node {hash} is gone).");

    /// <summary>The tree at the last round, or an empty tree for a store without rounds.</summary>
    public MkvsTree OpenLatestTree()
    {
        var last = LastRound;
        return last is { } r ? OpenTree(r) : new MkvsTree();
    }

    /// <summary>The value of a state key at the last round from the flat index (null if absent).</summary>
    public byte[]? TryGetLatest(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        if (!HasFlatIndex) throw new InvalidOperationException($"The node store at '{DataDirectory}' was created without a flat index.");
        try
        {
            return _db.Get(key, _flat);
        }
        catch (RocksDbException e)
        {
            throw Wrap("reading the flat index", e);
        }
    }

    /// <summary>A RocksDB property (e.g. "rocksdb.estimate-num-keys") of one column family, for diagnostics.</summary>
    public string? GetProperty(string name, string columnFamily) => _db.GetProperty(name, _db.GetColumnFamily(columnFamily));

    /// <summary>Flushes memtables and compacts every column family fully (benchmarks, offline maintenance).</summary>
    public void CompactAll()
    {
        lock (_writeLock)
        {
            ThrowIfDisposed();
            foreach (var cf in new[] { _nodes, _refs, _rounds, _meta, _flat, _aux, _roundKeys }) _db.CompactRange((byte[]?)null!, null!, cf);
        }
    }

    /// <summary>Bytes of all files in the data directory (SSTs, WAL, manifest, logs).</summary>
    public long DiskBytes()
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(DataDirectory).EnumerateFiles()) total += file.Length;
        return total;
    }

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed) return;
            _disposed = true;
            _db.Dispose();
            _cache?.Clear();
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) ThrowDisposed();
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ThrowDisposed() => throw new ObjectDisposedException($"NodeStore({DataDirectory})");

    private NodeStoreException Wrap(string what, Exception e) =>
        new($"RocksDB failed {what} in the node store at '{DataDirectory}': {e.Message}", e);
}
