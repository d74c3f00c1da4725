using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>The hex encodings debug traces use, written without intermediate strings where it is cheap.</summary>
internal static class TraceJson
{
    /// <summary>Bytes as "0x…" ("0x" when empty), geth's <c>hexutil.Bytes</c>.</summary>
    public static void WriteBytes(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= 128)
        {
            Span<char> buffer = stackalloc char[2 + 2 * 128];
            writer.WriteString(name, Prefixed(bytes, buffer));
        }
        else writer.WriteString(name, Hex.EncodePrefixed(bytes));
    }

    public static void WriteBytesValue(Utf8JsonWriter writer, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length <= 128)
        {
            Span<char> buffer = stackalloc char[2 + 2 * 128];
            writer.WriteStringValue(Prefixed(bytes, buffer));
        }
        else writer.WriteStringValue(Hex.EncodePrefixed(bytes));
    }

    /// <summary>A quantity as minimal "0x…" hex, "0x0" for zero (geth's <c>hexutil.Uint64</c>/<c>hexutil.Big</c>).</summary>
    public static void WriteQuantity(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ulong value)
    {
        Span<char> buffer = stackalloc char[18];
        buffer[0] = '0';
        buffer[1] = 'x';
        value.TryFormat(buffer[2..], out int written, "x", System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteString(name, buffer[..(2 + written)]);
    }

    public static void WriteQuantity(Utf8JsonWriter writer, ReadOnlySpan<byte> name, in UInt256 value) =>
        writer.WriteString(name, value.ToHexString());

    /// <summary>A 32-byte word as "0x" and 64 hex digits (storage keys and values, memory words).</summary>
    public static void WriteWordValue(Utf8JsonWriter writer, ReadOnlySpan<byte> word32)
    {
        Span<char> buffer = stackalloc char[66];
        writer.WriteStringValue(Prefixed(word32, buffer));
    }

    public static void WriteWord(Utf8JsonWriter writer, in UInt256 key, in UInt256 value)
    {
        Span<byte> k = stackalloc byte[32];
        Span<byte> v = stackalloc byte[32];
        key.WriteBigEndian(k);
        value.WriteBigEndian(v);
        Span<char> name = stackalloc char[66];
        writer.WritePropertyName(Prefixed(k, name));
        WriteWordValue(writer, v);
    }

    private static ReadOnlySpan<char> Prefixed(ReadOnlySpan<byte> bytes, Span<char> buffer)
    {
        buffer[0] = '0';
        buffer[1] = 'x';
        Convert.TryToHexStringLower(bytes, buffer[2..], out int written);
        return buffer[..(2 + written)];
    }
}
