using System.Buffers.Binary;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

public sealed partial class NodeStore
{
    // Per-batch scratch, reused across commits and prunes (both run under _writeLock).
    /// <summary>Reference counts touched by the batch being built: the value it will write (0 = delete).</summary>
    private readonly Dictionary<Hash256, uint> _pendingRefs = [];
    /// <summary>Nodes the batch adds, by hash, and the same in the order the producer gave them.</summary>
    private readonly Dictionary<Hash256, byte[]> _added = [];
    private readonly List<Hash256> _addedOrder = [];
    /// <summary>Nodes whose count reached zero in this batch and whose children are still to be released.</summary>
    private readonly Stack<Hash256> _released = new();
    private readonly List<Hash256> _deleted = [];
    /// <summary>Reference counts as stored before this batch, read in bulk (<see cref="PrefetchCounts"/>).</summary>
    private readonly Dictionary<Hash256, uint> _storedRefs = [];
    /// <summary>Keys queued for one batched read, and their results.</summary>
    private readonly List<Hash256> _probe = [];
    private uint[] _probeCounts = new uint[1024];
    private int[] _probeChildCounts = new int[1024];
    /// <summary>One cascade wave: nodes released together, the ones whose bytes must be read, and their children.</summary>
    private readonly List<Hash256> _wave = [];
    private readonly List<Hash256> _waveFetch = [];
    private readonly List<Hash256> _waveChildren = [];

    /// <summary>
    /// Commits a round as one atomic WriteBatch: the nodes in <paramref name="newNodes"/> the store does not
    /// already hold, +1 on the reference count of each child they name and of the root, the round record
    /// (<paramref name="root"/>, <paramref name="blockHash"/>), the last-round marker and, when the store keeps a
    /// flat index, the <paramref name="writeLog"/> (required then). Returns once the batch is durable
    /// (WAL fsynced unless <see cref="NodeStoreOptions.SyncCommits"/> is false). Rounds must increase; gaps
    /// are allowed. Nodes may come in any order; each must be in this batch or already in the store, else
    /// the commit fails and nothing is written. New nodes no root reaches are not kept.
    /// </summary>
    public void CommitRound(ulong round, Hash256 root, Hash256 blockHash,
        IEnumerable<(Hash256 Hash, byte[] Encoded)> newNodes, IReadOnlyList<MkvsWriteLogEntry>? writeLog = null)
        => CommitRound(round, root, blockHash, newNodes, writeLog, aux: null);

    /// <summary>
    /// <see cref="CommitRound(ulong, Hash256, Hash256, IEnumerable{ValueTuple{Hash256, byte[]}}, IReadOnlyList{MkvsWriteLogEntry}?)"/>
    /// plus auxiliary writes in the same atomic batch: each pair puts a key of the <c>aux</c> family (a null value
    /// deletes it). The executor stores blocks, transactions, receipts and indexes this way, so a crash never
    /// leaves a block without its state or a state without its block. Aux keys are the caller's namespace; the
    /// store gives them no meaning (rollback and pruning leave them alone unless told).
    /// </summary>
    public void CommitRound(ulong round, Hash256 root, Hash256 blockHash,
        IEnumerable<(Hash256 Hash, byte[] Encoded)> newNodes, IReadOnlyList<MkvsWriteLogEntry>? writeLog,
        IReadOnlyList<KeyValuePair<byte[], byte[]?>>? aux)
    {
        ArgumentNullException.ThrowIfNull(newNodes);
        CheckAux(aux);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            if (_lastRound is { } last && round <= last)
                throw new ArgumentOutOfRangeException(nameof(round), $"Round {round} is not after the last committed round {last} of '{DataDirectory}'.");
            if (HasFlatIndex && writeLog is null)
                throw new ArgumentNullException(nameof(writeLog), $"The node store at '{DataDirectory}' keeps a flat index, so every round needs its write log.");
            try
            {
                CommitLocked(round, root, blockHash, newNodes, writeLog, aux);
            }
            catch (Exception e) when (e is RocksDbException)
            {
                throw Wrap($"committing round {round}", e);
            }
            finally
            {
                _pendingRefs.Clear();
                _added.Clear();
                _addedOrder.Clear();
                _released.Clear();
                _deleted.Clear();
                _storedRefs.Clear();
                _probe.Clear();
            }
        }
    }

    private void CommitLocked(ulong round, Hash256 root, Hash256 blockHash,
        IEnumerable<(Hash256 Hash, byte[] Encoded)> newNodes, IReadOnlyList<MkvsWriteLogEntry>? writeLog,
        IReadOnlyList<KeyValuePair<byte[], byte[]?>>? aux)
    {
        // Pass 1: which nodes are really new. The store is content-addressed, so a node the store already
        // holds (a value set back to an earlier one recreates earlier nodes) is neither written nor counted
        // again: its children were counted when it was first stored.
        // All candidates' counts are read in one batched lookup (mostly bloom-filter misses).
        foreach (var (hash, encoded) in newNodes)
        {
            if (_added.TryAdd(hash, encoded)) _probe.Add(hash);
        }
        PrefetchCounts(_probe);
        foreach (var hash in _probe)
        {
            if (_storedRefs.GetValueOrDefault(hash) > 0) _added.Remove(hash);
            else _addedOrder.Add(hash);
        }

        using var batch = new WriteBatch();
        Span<Hash256> children = stackalloc Hash256[MaxChildren];
        // Pass 2: read the counts of the already-stored children the new nodes name, in one batch; then write
        // each new node and count its references. Every child must exist after this batch.
        _probe.Clear();
        foreach (var hash in _addedOrder)
        {
            int count = ReadChildren(hash, _added[hash], children);
            for (int i = 0; i < count; i++)
                if (!IsCountKnown(children[i])) _probe.Add(children[i]);
        }
        PrefetchCounts(_probe);
        foreach (var hash in _addedOrder)
        {
            var encoded = _added[hash];
            batch.Put(hash.Bytes, encoded, _nodes);
            int count = ReadChildren(hash, encoded, children);
            for (int i = 0; i < count; i++) AddRef(children[i], referrer: hash);
        }
        bool emptyRoot = root == Sha512_256.EmptyHash;
        if (!emptyRoot) AddRef(root, referrer: null);

        // A new node nothing references is not under this root (or any kept root): drop it again so the store
        // only ever holds nodes reachable from a kept round.
        foreach (var hash in _addedOrder)
        {
            if (RefCount(hash) == 0) { _pendingRefs[hash] = 0; _released.Push(hash); }
        }
        ReleaseCascade(batch);

        WriteRefs(batch);
        Span<byte> key = stackalloc byte[8];
        StoreKeys.RoundKey(round, key);
        Span<byte> record = stackalloc byte[StoreKeys.RoundValueSize];
        root.CopyTo(record);
        blockHash.CopyTo(record[32..]);
        batch.Put(key, record, _rounds);
        batch.Put(StoreKeys.LastRoundKey, key, _meta);
        if (HasFlatIndex)
        {
            for (int i = 0; i < writeLog!.Count; i++)
            {
                var entry = writeLog[i];
                if (entry.Value is null) batch.Delete(entry.Key, _flat);
                else batch.Put(entry.Key, entry.Value, _flat);
            }
            // The keys this round changed, so a rollback can restore the flat index to an earlier round (it
            // reads their old values from that round's tree). Written even when empty: a rollback refuses to
            // cross a round without a record (rounds committed before records existed).
            batch.Put(key, StoreKeys.EncodeKeyList(writeLog), _roundKeys);
        }
        PutAux(batch, aux);

        _db.Write(batch, _commitWrite);
        _lastRound = round;

        // Write-through: the round's nodes are the ones the next round and queries touch first.
        if (_cache is not null)
        {
            foreach (var hash in _addedOrder)
                if (_pendingRefs.GetValueOrDefault(hash, 1u) != 0) _cache.Set(hash, _added[hash]);
        }
    }

    private void PutAux(WriteBatch batch, IReadOnlyList<KeyValuePair<byte[], byte[]?>>? aux)
    {
        if (aux is null) return;
        for (int i = 0; i < aux.Count; i++)
        {
            var (k, v) = aux[i];
            if (v is null) batch.Delete(k, _aux);
            else batch.Put(k, v, _aux);
        }
    }

    /// <summary>Rejects a null key before anything is written (a batch half-built with it would be dropped anyway).</summary>
    private static void CheckAux(IReadOnlyList<KeyValuePair<byte[], byte[]?>>? aux)
    {
        if (aux is null) return;
        for (int i = 0; i < aux.Count; i++)
            if (aux[i].Key is null) throw new ArgumentException($"Aux entry {i} has a null key.", nameof(aux));
    }

    /// <summary>+1 on a node that is new in this batch or already stored; anything else is a dangling reference.</summary>
    private void AddRef(in Hash256 hash, Hash256? referrer)
    {
        uint count = RefCount(hash);
        if (count == 0 && !_added.ContainsKey(hash))
        {
            throw new NodeStoreException(referrer is { } parent
                ? $"Node {parent} refers to node {hash}, which is neither in the commit nor in the node store at '{DataDirectory}' (was its round pruned?)."
                : $"The round's root {hash} is neither in the commit nor in the node store at '{DataDirectory}'.");
        }
        if (count == uint.MaxValue) throw new NodeStoreException($"Reference count overflow for node {hash} in '{DataDirectory}'.");
        _pendingRefs[hash] = count + 1;
    }

    /// <summary>
    /// Releases the nodes queued in <see cref="_released"/> (count already 0): deletes each and drops one
    /// reference from each of its children, queueing those that reach zero. Works in waves (all nodes released
    /// so far, then their children that reached zero, …) so each wave's node bytes and child counts are read
    /// in one batched lookup each; iterative, so a deep chain of unreachable nodes needs no deep recursion.
    /// The order of the decrements does not matter: each reference is dropped once and a count reaches zero once.
    /// </summary>
    private void ReleaseCascade(WriteBatch batch)
    {
        Span<Hash256> children = stackalloc Hash256[MaxChildren];
        while (_released.Count > 0)
        {
            _wave.Clear();
            _waveFetch.Clear();
            _waveChildren.Clear();
            while (_released.Count > 0) _wave.Add(_released.Pop());
            foreach (var hash in _wave)
            {
                batch.Delete(hash.Bytes, _nodes);
                _deleted.Add(hash);
                byte[]? encoded = _added.TryGetValue(hash, out var fresh) ? fresh
                    : _cache is not null && _cache.TryGet(hash, out var cached) ? cached : null;
                if (encoded is null)
                {
                    _waveFetch.Add(hash);
                    continue;
                }
                int count = ReadChildren(hash, encoded, children);
                for (int i = 0; i < count; i++) _waveChildren.Add(children[i]);
            }
            if (_waveFetch.Count > 0)
            {
                EnsureProbeCapacity(_waveFetch.Count);
                _reads.ReadChildren(_nodes, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_waveFetch), _childrenOf,
                    _waveChildren, _probeChildCounts);
            }
            _probe.Clear();
            foreach (var child in _waveChildren)
                if (!IsCountKnown(child)) _probe.Add(child);
            PrefetchCounts(_probe);
            foreach (var child in _waveChildren)
            {
                uint refs = RefCount(child);
                if (refs == 0)
                    throw new NodeStoreException($"A released node in '{DataDirectory}' refers to {child}, which has no reference count: the store is inconsistent.");
                _pendingRefs[child] = refs - 1;
                if (refs == 1) _released.Push(child);
            }
        }
    }

    /// <summary>Whether <see cref="RefCount"/> can answer without a database read.</summary>
    private bool IsCountKnown(in Hash256 hash) =>
        _pendingRefs.ContainsKey(hash) || _added.ContainsKey(hash) || _storedRefs.ContainsKey(hash);

    /// <summary>Reads the stored counts of <paramref name="keys"/> (duplicates allowed) in one batched lookup into <see cref="_storedRefs"/>.</summary>
    private void PrefetchCounts(List<Hash256> keys)
    {
        if (keys.Count == 0) return;
        EnsureProbeCapacity(keys.Count);
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(keys);
        _reads.ReadCounts(_refs, span, _probeCounts);
        for (int i = 0; i < span.Length; i++) _storedRefs[span[i]] = _probeCounts[i];
    }

    private void EnsureProbeCapacity(int n)
    {
        if (_probeCounts.Length < n) _probeCounts = new uint[Math.Max(n, _probeCounts.Length * 2)];
        if (_probeChildCounts.Length < n) _probeChildCounts = new int[Math.Max(n, _probeChildCounts.Length * 2)];
    }

    private void WriteRefs(WriteBatch batch)
    {
        Span<byte> value = stackalloc byte[4];
        foreach (var (hash, count) in _pendingRefs)
        {
            if (count == 0)
            {
                batch.Delete(hash.Bytes, _refs);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(value, count);
                batch.Put(hash.Bytes, value, _refs);
            }
        }
    }

    /// <summary>The count as this batch will leave it (pending value, else the stored one; 0 = not stored).</summary>
    private uint RefCount(in Hash256 hash)
    {
        if (_pendingRefs.TryGetValue(hash, out uint pending)) return pending;
        // A node added by this batch and not yet referenced: known to be absent, skip the lookup.
        if (_added.ContainsKey(hash)) return 0;
        if (_storedRefs.TryGetValue(hash, out uint stored)) return stored;
        return RefCountFromDb(hash);
    }

    private uint RefCountFromDb(in Hash256 hash)
    {
        Span<byte> value = stackalloc byte[4];
        return _db.GetFixedSizeValue(hash.Bytes, value, _refs) ? BinaryPrimitives.ReadUInt32LittleEndian(value) : 0;
    }

    private int ReadChildren(in Hash256 hash, byte[] encoded, Span<Hash256> children)
    {
        int count = _childrenOf(encoded, children);
        if (count < 0) throw new NodeStoreException($"Node {hash} in '{DataDirectory}' is not a valid node encoding.");
        return count;
    }
}
