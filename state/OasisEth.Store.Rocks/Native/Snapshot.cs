namespace OasisEth.Store.Rocks.Native;

/// <summary>A consistent view of a <see cref="RocksDb"/> at the moment it was taken; released on Dispose.</summary>
internal sealed class Snapshot : IDisposable
{
    private readonly RocksDb _db;
    private nint _handle;

    internal Snapshot(RocksDb db, nint handle)
    {
        _db = db;
        _handle = handle;
    }

    public nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(Snapshot));

    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0) RocksApi.rocksdb_release_snapshot(_db.Handle, handle);
    }
}
