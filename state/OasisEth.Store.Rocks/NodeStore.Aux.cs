using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

public sealed partial class NodeStore
{
    /// <summary>The value of an auxiliary key (written by a round's commit or a rollback), or null if absent.</summary>
    public byte[]? GetAux(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        try
        {
            return _db.Get(key, _aux);
        }
        catch (RocksDbException e)
        {
            throw Wrap("reading an aux key", e);
        }
    }

    /// <summary>
    /// Every auxiliary key starting with <paramref name="prefix"/> (empty: all) and its value, in byte order of
    /// the keys, read from one snapshot taken when the enumeration starts: a commit running meanwhile is either
    /// wholly visible or not at all. Lazy; dispose the enumerator (foreach does) to release the snapshot.
    /// </summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> IterateAux(byte[] prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Iterate(prefix.AsSpan().ToArray());

        IEnumerable<KeyValuePair<byte[], byte[]>> Iterate(byte[] start)
        {
            ThrowIfDisposed();
            using var snapshot = _db.CreateSnapshot();
            var read = new ReadOptions().SetSnapshot(snapshot);
            using var it = _db.NewIterator(_aux, read);
            for (it.Seek(start); it.Valid(); it.Next())
            {
                var key = it.Key();
                if (!key.AsSpan().StartsWith(start)) break;
                yield return new KeyValuePair<byte[], byte[]>(key, it.Value());
            }
            // The native read options (finalizable) must outlive the iterator built from them.
            GC.KeepAlive(read);
        }
    }
}
