using System.Formats.Cbor;
using OasisEth.Primitives;

namespace OasisEth.Host.Cbor;

/// <summary>
/// Canonical writers for runtime-sent values (rhp-spec §3). A map is opened without a count and its keys may be
/// written in any order: <see cref="Encode"/> (through <see cref="CanonicalCbor"/>) sorts them by encoded bytes and
/// closes every length, which is what lets the *opt* helpers below simply skip zero values.
/// </summary>
public static class CborOut
{
    public static CborWriter Writer() => CanonicalCbor.Writer();

    public static byte[] Encode(Action<CborWriter> write)
    {
        var w = Writer();
        write(w);
        return CanonicalCbor.Encode(w);
    }

    public static void Key(CborWriter w, string key) => w.WriteTextString(key);

    public static void U64(CborWriter w, string key, ulong value) { w.WriteTextString(key); w.WriteUInt64(value); }
    public static void I64(CborWriter w, string key, long value) { w.WriteTextString(key); w.WriteInt64(value); }
    public static void Bool(CborWriter w, string key, bool value) { w.WriteTextString(key); w.WriteBoolean(value); }
    public static void Text(CborWriter w, string key, string value) { w.WriteTextString(key); w.WriteTextString(value); }
    public static void Bytes(CborWriter w, string key, ReadOnlySpan<byte> value) { w.WriteTextString(key); w.WriteByteString(value); }
    public static void Hash(CborWriter w, string key, in Hash256 value) { w.WriteTextString(key); w.WriteByteString(value.Bytes); }

    /// <summary>Bytes that encode as null when absent (a Go nil slice / Rust <c>Option</c> without *opt*).</summary>
    public static void BytesOrNull(CborWriter w, string key, byte[]? value)
    {
        w.WriteTextString(key);
        if (value is null) w.WriteNull();
        else w.WriteByteString(value);
    }

    // *opt* fields (rhp-spec §3.2): omitted when zero/empty.
    public static void OptU64(CborWriter w, string key, ulong value) { if (value != 0) U64(w, key, value); }
    public static void OptBool(CborWriter w, string key, bool value) { if (value) Bool(w, key, value); }
    public static void OptText(CborWriter w, string key, string? value) { if (!string.IsNullOrEmpty(value)) Text(w, key, value); }
    public static void OptBytes(CborWriter w, string key, byte[]? value) { if (value is { Length: > 0 }) Bytes(w, key, value); }
    public static void OptHash(CborWriter w, string key, in Hash256 value) { if (value != default) Hash(w, key, value); }

    public static void Array<T>(CborWriter w, string key, IReadOnlyList<T> items, Action<CborWriter, T> item)
    {
        w.WriteTextString(key);
        Array(w, items, item);
    }

    public static void Array<T>(CborWriter w, IReadOnlyList<T> items, Action<CborWriter, T> item)
    {
        w.WriteStartArray(items.Count);
        for (int i = 0; i < items.Count; i++) item(w, items[i]);
        w.WriteEndArray();
    }

    public static void OptArray<T>(CborWriter w, string key, IReadOnlyList<T>? items, Action<CborWriter, T> item)
    {
        if (items is { Count: > 0 }) Array(w, key, items, item);
    }

    public static void ByteString(CborWriter w, byte[] value) => w.WriteByteString(value);
    public static void HashItem(CborWriter w, Hash256 value) => w.WriteByteString(value.Bytes);
}
