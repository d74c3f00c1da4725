namespace OasisEth.Store.Rocks.Native;

/// <summary>
/// A forward iterator over one column family. <see cref="GetKeySpan"/> and <see cref="GetValueSpan"/> point into
/// RocksDB's memory and are valid only until the next move; <see cref="Key"/> and <see cref="Value"/> copy.
/// <see cref="Valid"/> throws <see cref="RocksDbException"/> when the iteration stopped on an error (a corrupt
/// block, say) rather than at the end, so a failed scan is never mistaken for a finished one.
/// </summary>
internal sealed unsafe class Iterator : OwnedHandle
{
    // Keeps the read options (and through them the snapshot pointer) alive while the iterator is.
    private readonly ReadOptions? _readOptions;

    internal Iterator(nint handle, ReadOptions? readOptions) : base(handle) => _readOptions = readOptions;

    protected override void Destroy(nint handle) => RocksApi.rocksdb_iter_destroy(handle);

    public bool Valid()
    {
        if (RocksApi.rocksdb_iter_valid(Handle) != 0) return true;
        nint err = 0;
        RocksApi.rocksdb_iter_get_error(Handle, &err);
        RocksApi.Check(err);
        GC.KeepAlive(_readOptions);
        return false;
    }

    public void SeekToFirst() => RocksApi.rocksdb_iter_seek_to_first(Handle);

    public void Seek(ReadOnlySpan<byte> key)
    {
        fixed (byte* k = key) RocksApi.rocksdb_iter_seek(Handle, k, (nuint)key.Length);
    }

    public void Next() => RocksApi.rocksdb_iter_next(Handle);

    public ReadOnlySpan<byte> GetKeySpan()
    {
        nuint length;
        byte* key = RocksApi.rocksdb_iter_key(Handle, &length);
        return new ReadOnlySpan<byte>(key, checked((int)length));
    }

    public ReadOnlySpan<byte> GetValueSpan()
    {
        nuint length;
        byte* value = RocksApi.rocksdb_iter_value(Handle, &length);
        return new ReadOnlySpan<byte>(value, checked((int)length));
    }

    public byte[] Key() => GetKeySpan().ToArray();

    public byte[] Value() => GetValueSpan().ToArray();
}
