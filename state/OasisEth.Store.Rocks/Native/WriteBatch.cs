namespace OasisEth.Store.Rocks.Native;

/// <summary>Puts and deletes applied atomically by <see cref="RocksDb.Write"/> (one WAL record). Keys and values
/// are copied into the batch, so spans over stack or pooled memory are fine.</summary>
internal sealed unsafe class WriteBatch() : OwnedHandle(RocksApi.rocksdb_writebatch_create())
{
    protected override void Destroy(nint handle) => RocksApi.rocksdb_writebatch_destroy(handle);

    public WriteBatch Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ColumnFamilyHandle family)
    {
        fixed (byte* k = key)
        fixed (byte* v = value)
            RocksApi.rocksdb_writebatch_put_cf(Handle, family.Handle, k, (nuint)key.Length, v, (nuint)value.Length);
        return this;
    }

    public WriteBatch Delete(ReadOnlySpan<byte> key, ColumnFamilyHandle family)
    {
        fixed (byte* k = key)
            RocksApi.rocksdb_writebatch_delete_cf(Handle, family.Handle, k, (nuint)key.Length);
        return this;
    }
}
