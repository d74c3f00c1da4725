using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks;

/// <summary>
/// Batched point lookups of 32-byte hash keys through RocksDB's batched MultiGet (one native call per chunk:
/// the keys' bloom-filter probes, index lookups and block reads are done together, and per-key P/Invoke and
/// result-array allocation are gone). Keys are read straight out of a pinned <see cref="Hash256"/> span
/// (32 bytes each, network order). Values are read in place from RocksDB's pinned slices: reference counts
/// are decoded, node bytes are parsed for their children, nothing is copied. Scratch arrays are reused: one
/// instance per store, used under its write lock.
/// </summary>
internal sealed unsafe class BatchedReads(RocksDb db, string dataDir)
{
    /// <summary>Keys per native call: large enough to amortize the call, small enough for reused scratch.</summary>
    public const int Chunk = 4096;

    private readonly IntPtr[] _keys = new IntPtr[Chunk];
    private readonly UIntPtr[] _sizes = CreateSizes();
    private readonly IntPtr[] _values = new IntPtr[Chunk];
    private readonly IntPtr[] _errors = new IntPtr[Chunk];
    private readonly ReadOptions _read = new();

    private static UIntPtr[] CreateSizes()
    {
        var sizes = new UIntPtr[Chunk];
        Array.Fill(sizes, (UIntPtr)Hash256.Size);
        return sizes;
    }

    /// <summary>Reference counts (u32 LE values) of <paramref name="keys"/>; 0 where absent.</summary>
    public void ReadCounts(ColumnFamilyHandle refs, ReadOnlySpan<Hash256> keys, Span<uint> counts)
    {
        for (int start = 0; start < keys.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, keys.Length - start);
            Fetch(refs, keys.Slice(start, n));
            try
            {
                for (int i = 0; i < n; i++)
                {
                    var value = SliceValue(_values[i]);
                    counts[start + i] = value.Length == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(value)
                        : value.IsEmpty && _values[i] == IntPtr.Zero ? 0u
                        : throw new NodeStoreException($"Node {keys[start + i]} has a malformed reference count in '{dataDir}': the store is inconsistent.");
                }
            }
            finally
            {
                Release(n);
            }
        }
    }

    /// <summary>
    /// Reads the nodes <paramref name="keys"/> and appends each one's children to <paramref name="children"/>,
    /// setting <paramref name="childCounts"/>[i] to how many it has. Every node must exist and parse.
    /// </summary>
    public void ReadChildren(ColumnFamilyHandle nodes, ReadOnlySpan<Hash256> keys, NodeChildrenReader childrenOf,
        List<Hash256> children, Span<int> childCounts)
    {
        Span<Hash256> kids = stackalloc Hash256[NodeStore.MaxChildren];
        for (int start = 0; start < keys.Length; start += Chunk)
        {
            int n = Math.Min(Chunk, keys.Length - start);
            Fetch(nodes, keys.Slice(start, n));
            try
            {
                for (int i = 0; i < n; i++)
                {
                    if (_values[i] == IntPtr.Zero)
                        throw new NodeStoreException($"Node {keys[start + i]} has a reference count but no bytes in '{dataDir}': the store is inconsistent.");
                    int count = childrenOf(SliceValue(_values[i]), kids);
                    if (count < 0) throw new NodeStoreException($"Node {keys[start + i]} in '{dataDir}' is not a valid node encoding.");
                    for (int k = 0; k < count; k++) children.Add(kids[k]);
                    childCounts[start + i] = count;
                }
            }
            finally
            {
                Release(n);
            }
        }
    }

    private void Fetch(ColumnFamilyHandle cf, ReadOnlySpan<Hash256> keys)
    {
        int n = keys.Length;
        fixed (Hash256* first = keys)
        fixed (IntPtr* values = _values)
        {
            byte* bytes = (byte*)first;
            for (int i = 0; i < n; i++) _keys[i] = (IntPtr)(bytes + i * Hash256.Size);
            Array.Clear(_errors, 0, n);
            fixed (IntPtr* keyPointers = _keys)
            fixed (UIntPtr* sizes = _sizes)
            fixed (IntPtr* errors = _errors)
                RocksApi.rocksdb_batched_multi_get_cf(db.Handle, _read.Handle, cf.Handle, (nuint)n, keyPointers, sizes, values, errors, 0);
        }
        for (int i = 0; i < n; i++)
        {
            if (_errors[i] == IntPtr.Zero) continue;
            string message = Marshal.PtrToStringUTF8(_errors[i]) ?? "unknown error";
            for (int j = i; j < n; j++) if (_errors[j] != IntPtr.Zero) RocksApi.rocksdb_free(_errors[j]);
            Release(n);
            throw new NodeStoreException($"RocksDB failed a batched read in the node store at '{dataDir}': {message}");
        }
    }

    private static ReadOnlySpan<byte> SliceValue(IntPtr slice)
    {
        if (slice == IntPtr.Zero) return default;
        nuint length;
        byte* data = RocksApi.rocksdb_pinnableslice_value(slice, &length);
        return new ReadOnlySpan<byte>(data, checked((int)length));
    }

    private void Release(int n)
    {
        for (int i = 0; i < n; i++)
        {
            if (_values[i] != IntPtr.Zero) RocksApi.rocksdb_pinnableslice_destroy(_values[i]);
            _values[i] = IntPtr.Zero;
        }
    }
}
