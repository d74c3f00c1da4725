using System.Numerics;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>Reads the fixtures' scalar encodings: hex numbers ("0x0a"), the odd "0x:bigint 0x..." form, decimal
/// numbers (some older fillers), hex byte strings, addresses and hashes. Every failure is a <see cref="FixtureFormatException"/>.</summary>
internal static class FixtureValues
{
    private const string BigIntPrefix = "0x:bigint ";

    /// <summary>A number that may not fit 256 bits: returns null in that case (the fixtures use such values on purpose
    /// in tests whose transaction must be rejected).</summary>
    public static UInt256? NumberOrNull(string text, string field)
    {
        BigInteger value = Big(text, field);
        if (value.GetByteCount(isUnsigned: true) > 32) return null;
        Span<byte> buf = stackalloc byte[32];
        buf.Clear();
        value.TryWriteBytes(buf, out int written, isUnsigned: true, isBigEndian: true);
        return UInt256.FromBigEndian(buf[..written]);
    }

    public static UInt256 Number(string text, string field) =>
        NumberOrNull(text, field) ?? throw new FixtureFormatException($"{field}: {Short(text)} does not fit 256 bits");

    public static ulong? ULongOrNull(string text, string field)
    {
        BigInteger value = Big(text, field);
        return value > ulong.MaxValue ? null : (ulong)value;
    }

    public static ulong ULong(string text, string field) =>
        ULongOrNull(text, field) ?? throw new FixtureFormatException($"{field}: {Short(text)} does not fit 64 bits");

    public static byte[] Bytes(string text, string field)
    {
        if (text.StartsWith(BigIntPrefix, StringComparison.Ordinal)) text = text[BigIntPrefix.Length..];
        if (!Hex.TryDecode(text, out byte[] bytes)) throw new FixtureFormatException($"{field}: {Short(text)} is not hex");
        return bytes;
    }

    public static Address Address(string text, string field)
    {
        byte[] bytes = Bytes(text, field);
        if (bytes.Length != OasisEth.Primitives.Address.Size) throw new FixtureFormatException($"{field}: {Short(text)} is not a 20-byte address");
        return new Address(bytes);
    }

    public static Hash256 Hash(string text, string field)
    {
        byte[] bytes = Bytes(text, field);
        if (bytes.Length != Hash256.Size) throw new FixtureFormatException($"{field}: {Short(text)} is not a 32-byte hash");
        return new Hash256(bytes);
    }

    // ---- JsonElement helpers -------------------------------------------------------------------------

    public static string String(JsonElement e, string field) =>
        e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new FixtureFormatException($"{field}: expected a string, got {e.ValueKind}");

    public static JsonElement Property(JsonElement obj, string name, string context)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw new FixtureFormatException($"{context}: expected an object, got {obj.ValueKind}");
        return obj.TryGetProperty(name, out JsonElement v) ? v : throw new FixtureFormatException($"{context}.{name}: missing");
    }

    public static string? OptionalString(JsonElement obj, string name, string context) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? String(v, context + "." + name) : null;

    public static JsonElement Array(JsonElement obj, string name, string context)
    {
        JsonElement v = Property(obj, name, context);
        return v.ValueKind == JsonValueKind.Array ? v : throw new FixtureFormatException($"{context}.{name}: expected an array, got {v.ValueKind}");
    }

    public static int Index(JsonElement obj, string name, string context)
    {
        JsonElement v = Property(obj, name, context);
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) && i >= 0) return i;
        if (v.ValueKind == JsonValueKind.String)
        {
            ulong? u = ULongOrNull(v.GetString()!, context + "." + name);
            if (u is <= int.MaxValue) return (int)u.Value;
        }
        throw new FixtureFormatException($"{context}.{name}: not a valid index");
    }

    private static BigInteger Big(string text, string field)
    {
        ReadOnlySpan<char> s = text.AsSpan().Trim();
        if (s.StartsWith(BigIntPrefix)) s = s[BigIntPrefix.Length..];
        if (s.StartsWith("0x") || s.StartsWith("0X"))
        {
            s = s[2..];
            if (s.IsEmpty) return BigInteger.Zero; // "0x" is zero in the fixtures
            // A leading '0' keeps BigInteger's hex parser from reading the top bit as a sign.
            if (BigInteger.TryParse("0" + s.ToString(), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out BigInteger hex))
                return hex;
        }
        else if (!s.IsEmpty && BigInteger.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out BigInteger dec))
        {
            return dec;
        }
        throw new FixtureFormatException($"{field}: {Short(text)} is not a number");
    }

    private static string Short(string text) => text.Length <= 80 ? $"\"{text}\"" : $"\"{text[..77]}...\"";
}
