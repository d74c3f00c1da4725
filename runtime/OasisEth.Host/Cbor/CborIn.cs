using System.Formats.Cbor;
using OasisEth.Primitives;

namespace OasisEth.Host.Cbor;

/// <summary>
/// Lenient readers for host-sent values (rhp-spec §3.1): CBOR <c>null</c> where an array, map, struct, bytes or
/// text is expected decodes as the default (the Go host sends null for nil slices and pointers), unknown map
/// keys are skipped (minor protocol versions add fields), absent fields keep their defaults. What is present
/// must have the right type: a text string where a u64 belongs is an error, not a zero.
/// </summary>
public static class CborIn
{
    /// <summary>A reader over one whole value; <see cref="CborConformanceMode.Lax"/> because the host is Go, not us.</summary>
    public static CborReader Reader(ReadOnlyMemory<byte> data) => new(data, CborConformanceMode.Lax);

    /// <summary>True (and the null consumed) when the next item is CBOR null.</summary>
    public static bool TryNull(CborReader r)
    {
        if (r.PeekState() != CborReaderState.Null) return false;
        r.ReadNull();
        return true;
    }

    /// <summary>
    /// Reads a map with text keys, handing each key to <paramref name="field"/>; a field that returns false
    /// is skipped. A null map reads as an empty one.
    /// </summary>
    public static void Map(CborReader r, Func<CborReader, string, bool> field)
    {
        if (TryNull(r)) return;
        int? count = r.ReadStartMap();
        if (count is null) throw new RhpCborException("indefinite-length map");
        for (int i = 0; i < count.Value; i++)
        {
            if (r.PeekState() != CborReaderState.TextString) throw new RhpCborException("map key is not a text string");
            string key = r.ReadTextString();
            if (TryNull(r)) continue;
            if (!field(r, key)) r.SkipValue();
        }
        r.ReadEndMap();
    }

    public static List<T> Array<T>(CborReader r, Func<CborReader, T> item)
    {
        var list = new List<T>();
        if (TryNull(r)) return list;
        int? count = r.ReadStartArray();
        if (count is null) throw new RhpCborException("indefinite-length array");
        for (int i = 0; i < count.Value; i++) list.Add(item(r));
        r.ReadEndArray();
        return list;
    }

    public static ulong U64(CborReader r) => TryNull(r) ? 0 : r.ReadUInt64();

    public static long I64(CborReader r) => TryNull(r) ? 0 : r.ReadInt64();

    public static uint U32(CborReader r)
    {
        ulong v = U64(r);
        return v <= uint.MaxValue ? (uint)v : throw new RhpCborException($"value {v} does not fit u32");
    }

    public static ushort U16(CborReader r)
    {
        ulong v = U64(r);
        return v <= ushort.MaxValue ? (ushort)v : throw new RhpCborException($"value {v} does not fit u16");
    }

    public static byte U8(CborReader r)
    {
        ulong v = U64(r);
        return v <= byte.MaxValue ? (byte)v : throw new RhpCborException($"value {v} does not fit u8");
    }

    public static bool Bool(CborReader r) => !TryNull(r) && r.ReadBoolean();

    public static string Text(CborReader r) => TryNull(r) ? "" : ReadDefiniteText(r);

    public static byte[] Bytes(CborReader r) => TryNull(r) ? [] : ReadDefiniteBytes(r);

    /// <summary>Bytes where null means "absent" and must stay distinguishable from empty (write-log deletes).</summary>
    public static byte[]? BytesOrNull(CborReader r) => TryNull(r) ? null : ReadDefiniteBytes(r);

    /// <summary>A 32-byte hash (or namespace). Null reads as all zeros; any other length is an error.</summary>
    public static Hash256 Hash(CborReader r)
    {
        if (TryNull(r)) return default;
        var bytes = ReadDefiniteBytes(r);
        return bytes.Length == Hash256.Size ? new Hash256(bytes) : throw new RhpCborException($"expected 32 bytes, got {bytes.Length}");
    }

    /// <summary>A fixed-size byte string (signatures, addresses); null reads as all zeros.</summary>
    public static byte[] FixedBytes(CborReader r, int size)
    {
        if (TryNull(r)) return new byte[size];
        var bytes = ReadDefiniteBytes(r);
        return bytes.Length == size ? bytes : throw new RhpCborException($"expected {size} bytes, got {bytes.Length}");
    }

    /// <summary>Any CBOR value, kept as its encoded bytes (e.g. <c>local_config</c> entries, message-event results).</summary>
    public static byte[] Raw(CborReader r) => r.ReadEncodedValue().ToArray();

    private static byte[] ReadDefiniteBytes(CborReader r)
    {
        if (r.PeekState() == CborReaderState.StartIndefiniteLengthByteString) throw new RhpCborException("indefinite-length byte string");
        return r.ReadByteString();
    }

    private static string ReadDefiniteText(CborReader r)
    {
        if (r.PeekState() == CborReaderState.StartIndefiniteLengthTextString) throw new RhpCborException("indefinite-length text string");
        return r.ReadTextString();
    }
}
