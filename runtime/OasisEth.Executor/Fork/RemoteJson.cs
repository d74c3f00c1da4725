using System.Globalization;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>Reading and writing the JSON values of the fork's remote answers (quantities, data, hashes), each failure a
/// <see cref="ForkRemoteException"/> naming what was malformed.</summary>
internal static class RemoteJson
{
    public static string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Word(in UInt256 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBigEndian(bytes);
        return OasisEth.Primitives.Hex.EncodePrefixed(bytes);
    }

    public static ulong Quantity(JsonElement element, string what)
    {
        UInt256 value = Word(element, what);
        if (!value.FitsInUlong) throw Malformed(what, element);
        return (ulong)value;
    }

    public static ulong QuantityField(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out JsonElement value) ? Quantity(value, field) : throw Malformed(field, obj);

    public static UInt256 Word(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String && UInt256.TryParse(element.GetString(), out UInt256 value) && element.GetString()!.StartsWith("0x", StringComparison.Ordinal)
            ? value
            : throw Malformed(what, element);

    public static byte[] Data(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.String && OasisEth.Primitives.Hex.TryDecode(element.GetString(), out byte[] bytes)
            ? bytes
            : throw Malformed(what, element);

    public static Hash256 Hash(JsonElement obj, string field)
    {
        if (!obj.TryGetProperty(field, out JsonElement value)) throw Malformed(field, obj);
        byte[] bytes = Data(value, field);
        return bytes.Length == Hash256.Size ? new Hash256(bytes) : throw Malformed(field, value);
    }

    private static ForkRemoteException Malformed(string what, JsonElement element)
    {
        string text = element.GetRawText();
        return new ForkRemoteException($"the fork's remote node sent a malformed {what}: {(text.Length <= 120 ? text : text[..120] + "...")}");
    }
}
