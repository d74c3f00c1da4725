using System.Runtime.InteropServices;

namespace OasisEth.Store.Rocks.Native;

/// <summary>
/// An open RocksDB database and its column families, over the C API. Reads and writes are thread-safe (RocksDB's
/// own guarantee); <see cref="Dispose"/> must not race them (the store guards that). Failures throw
/// <see cref="RocksDbException"/> with RocksDB's message.
/// </summary>
internal sealed unsafe class RocksDb : IDisposable
{
    private nint _handle;
    private readonly Dictionary<string, ColumnFamilyHandle> _families;
    private readonly ReadOptions _defaultRead = new();
    private readonly WriteOptions _defaultWrite = new();

    private RocksDb(nint handle, Dictionary<string, ColumnFamilyHandle> families)
    {
        _handle = handle;
        _families = families;
    }

    public nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(RocksDb));

    /// <summary>Opens <paramref name="path"/> with <paramref name="families"/> (every family the database has must
    /// be named, as RocksDB requires), or with only "default" when null.</summary>
    public static RocksDb Open(DbOptions options, string path, ColumnFamilies? families = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        byte[] name = RocksApi.Utf8z(path);
        nint err = 0;
        // Only "default": opened through the same call, so every family handle is one the database owns.
        families ??= new ColumnFamilies();
        var list = families.Families;
        int count = list.Count;
        var names = new byte[count][];
        var nameHandles = new GCHandle[count];
        var namePointers = new byte*[count];
        var optionPointers = new nint[count];
        var handles = new nint[count];
        try
        {
            for (int i = 0; i < count; i++)
            {
                names[i] = RocksApi.Utf8z(list[i].Name);
                nameHandles[i] = GCHandle.Alloc(names[i], GCHandleType.Pinned);
                namePointers[i] = (byte*)nameHandles[i].AddrOfPinnedObject();
                optionPointers[i] = list[i].Options.Handle;
            }
            nint db;
            fixed (byte* n = name)
            fixed (byte** np = namePointers)
            fixed (nint* op = optionPointers)
            fixed (nint* hp = handles)
                db = RocksApi.rocksdb_open_column_families(options.Handle, n, count, np, op, hp, &err);
            GC.KeepAlive(options);
            GC.KeepAlive(families);
            RocksApi.Check(err);
            var byName = new Dictionary<string, ColumnFamilyHandle>(count, StringComparer.Ordinal);
            for (int i = 0; i < count; i++) byName[list[i].Name] = new ColumnFamilyHandle(list[i].Name, handles[i]);
            return new RocksDb(db, byName);
        }
        finally
        {
            foreach (var h in nameHandles) if (h.IsAllocated) h.Free();
        }
    }

    /// <summary>The column families of the database at <paramref name="path"/>; false (and none) when it cannot be
    /// read (no database, a corrupt manifest).</summary>
    public static bool TryListColumnFamilies(DbOptions options, string path, out string[] names)
    {
        try
        {
            names = ListColumnFamilies(options, path);
            return true;
        }
        catch (RocksDbException)
        {
            names = [];
            return false;
        }
    }

    public static string[] ListColumnFamilies(DbOptions options, string path)
    {
        byte[] name = RocksApi.Utf8z(path);
        nint err = 0;
        nuint count = 0;
        byte** list;
        fixed (byte* n = name) list = RocksApi.rocksdb_list_column_families(options.Handle, n, &count, &err);
        GC.KeepAlive(options);
        RocksApi.Check(err);
        try
        {
            var names = new string[checked((int)count)];
            for (int i = 0; i < names.Length; i++) names[i] = Marshal.PtrToStringUTF8((nint)list[i]) ?? "";
            return names;
        }
        finally
        {
            RocksApi.rocksdb_list_column_families_destroy(list, count);
        }
    }

    public ColumnFamilyHandle GetColumnFamily(string name) =>
        _families.TryGetValue(name, out var family) ? family
            : throw new RocksDbException($"The database has no open column family '{name}'.");

    /// <summary>A copy of the value of <paramref name="key"/>, or null when absent.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key, ColumnFamilyHandle family)
    {
        nint slice = GetPinned(key, family);
        if (slice == 0) return null;
        try
        {
            nuint length;
            byte* value = RocksApi.rocksdb_pinnableslice_value(slice, &length);
            return new ReadOnlySpan<byte>(value, checked((int)length)).ToArray();
        }
        finally
        {
            RocksApi.rocksdb_pinnableslice_destroy(slice);
        }
    }

    /// <summary>Reads a value that must be exactly <paramref name="value"/>'s length into it, without allocating.
    /// False when absent; throws when present with another length.</summary>
    public bool GetFixedSizeValue(ReadOnlySpan<byte> key, Span<byte> value, ColumnFamilyHandle family)
    {
        nint slice = GetPinned(key, family);
        if (slice == 0) return false;
        try
        {
            nuint length;
            byte* stored = RocksApi.rocksdb_pinnableslice_value(slice, &length);
            if (length != (nuint)value.Length)
                throw new RocksDbException($"A value in column family '{family.Name}' is {length} bytes where {value.Length} were expected.");
            new ReadOnlySpan<byte>(stored, value.Length).CopyTo(value);
            return true;
        }
        finally
        {
            RocksApi.rocksdb_pinnableslice_destroy(slice);
        }
    }

    private nint GetPinned(ReadOnlySpan<byte> key, ColumnFamilyHandle family)
    {
        nint err = 0;
        nint slice;
        fixed (byte* k = key) slice = RocksApi.rocksdb_get_pinned_cf(Handle, _defaultRead.Handle, family.Handle, k, (nuint)key.Length, &err);
        RocksApi.Check(err);
        return slice;
    }

    /// <summary>One put outside a batch (default family when <paramref name="family"/> is null).</summary>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ColumnFamilyHandle? family = null)
    {
        family ??= GetColumnFamily("default");
        nint err = 0;
        fixed (byte* k = key)
        fixed (byte* v = value)
            RocksApi.rocksdb_put_cf(Handle, _defaultWrite.Handle, family.Handle, k, (nuint)key.Length, v, (nuint)value.Length, &err);
        RocksApi.Check(err);
    }

    public void Write(WriteBatch batch, WriteOptions? options = null)
    {
        nint err = 0;
        RocksApi.rocksdb_write(Handle, (options ?? _defaultWrite).Handle, batch.Handle, &err);
        GC.KeepAlive(options);
        GC.KeepAlive(batch);
        RocksApi.Check(err);
    }

    public Iterator NewIterator(ColumnFamilyHandle family, ReadOptions? options = null) =>
        new(RocksApi.rocksdb_create_iterator_cf(Handle, (options ?? _defaultRead).Handle, family.Handle), options);

    public Snapshot CreateSnapshot() => new(this, RocksApi.rocksdb_create_snapshot(Handle));

    public string? GetProperty(string name, ColumnFamilyHandle family)
    {
        byte[] property = RocksApi.Utf8z(name);
        nint value;
        fixed (byte* p = property) value = RocksApi.rocksdb_property_value_cf(Handle, family.Handle, p);
        if (value == 0) return null;
        try
        {
            return Marshal.PtrToStringUTF8(value);
        }
        finally
        {
            RocksApi.rocksdb_free(value);
        }
    }

    /// <summary>Compacts the keys from <paramref name="start"/> to <paramref name="limit"/> (null: unbounded).</summary>
    public void CompactRange(byte[]? start, byte[]? limit, ColumnFamilyHandle family)
    {
        fixed (byte* s = start)
        fixed (byte* l = limit)
            RocksApi.rocksdb_compact_range_cf(Handle, family.Handle, s, (nuint)(start?.Length ?? 0), l, (nuint)(limit?.Length ?? 0));
    }

    public void DropColumnFamily(string name)
    {
        ColumnFamilyHandle family = GetColumnFamily(name);
        nint err = 0;
        RocksApi.rocksdb_drop_column_family(Handle, family.Handle, &err);
        RocksApi.Check(err);
        _families.Remove(name);
        RocksApi.rocksdb_column_family_handle_destroy(family.Handle);
    }

    /// <summary>Destroys the family handles, then closes the database (flushing nothing: the WAL holds every write).</summary>
    public void Dispose()
    {
        nint handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        foreach (var family in _families.Values) RocksApi.rocksdb_column_family_handle_destroy(family.Handle);
        _families.Clear();
        RocksApi.rocksdb_close(handle);
        _defaultRead.Dispose();
        _defaultWrite.Dispose();
    }
}
