namespace OasisEth.Store.Rocks.Native;

/// <summary>
/// A native RocksDB object this process owns: destroyed once, by Dispose or (for options objects that callers
/// build and forget) by the finalizer. RocksDB copies options when it opens a database or builds a table factory,
/// so destroying them afterwards never pulls anything from under an open database.
/// </summary>
internal abstract class OwnedHandle : IDisposable
{
    private nint _handle;

    protected OwnedHandle(nint handle)
    {
        if (handle == 0) throw new RocksDbException($"librocksdb could not create a {GetType().Name}");
        _handle = handle;
    }

    public nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(GetType().Name);

    protected abstract void Destroy(nint handle);

    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0) Destroy(handle);
        GC.SuppressFinalize(this);
    }

    ~OwnedHandle()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle != 0) Destroy(handle);
    }
}
