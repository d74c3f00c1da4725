using OasisEth.Primitives;

namespace OasisEth.Store.Rocks;

public sealed partial class NodeStore
{
    /// <summary>Every stored node hash, in key order (a full scan: tests and offline checks only).</summary>
    internal List<Hash256> ScanNodeHashes()
    {
        ThrowIfDisposed();
        var hashes = new List<Hash256>();
        using var it = _db.NewIterator(_nodes);
        for (it.SeekToFirst(); it.Valid(); it.Next()) hashes.Add(new Hash256(it.GetKeySpan()));
        return hashes;
    }

    /// <summary>The number of reference-count entries (a full scan; equals the node count when consistent).</summary>
    internal long ScanRefCount()
    {
        ThrowIfDisposed();
        long count = 0;
        using var it = _db.NewIterator(_refs);
        for (it.SeekToFirst(); it.Valid(); it.Next()) count++;
        return count;
    }

    /// <summary>A node's stored reference count (0 when absent).</summary>
    internal uint StoredRefCount(Hash256 hash)
    {
        ThrowIfDisposed();
        return RefCountFromDb(hash);
    }

    /// <summary>The flat index's entries in key order (a full scan: tests only).</summary>
    internal List<KeyValuePair<byte[], byte[]>> ScanFlat()
    {
        ThrowIfDisposed();
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        using var it = _db.NewIterator(_flat);
        for (it.SeekToFirst(); it.Valid(); it.Next()) entries.Add(new(it.Key(), it.Value()));
        return entries;
    }

    /// <summary>Whether a round has its changed-keys record (tests only).</summary>
    internal bool HasRoundKeys(ulong round)
    {
        ThrowIfDisposed();
        Span<byte> key = stackalloc byte[8];
        StoreKeys.RoundKey(round, key);
        return _db.Get(key, _roundKeys) is not null;
    }
}
