using System.Globalization;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Reads JSON-RPC scalar encodings: quantities ("0x" + hex digits; leading zeros tolerated as most clients'
/// servers do), data ("0x" + an even number of hex digits), 20-byte addresses and 32-byte hashes. Every failure is a
/// -32602 error prefixed with <c>where</c>.
/// </summary>
internal static class RpcValues
{
    public static ulong ULong(JsonElement e, string where)
    {
        UInt256 v = UInt256(e, where);
        if (!v.FitsInUlong) throw RpcException.InvalidParams($"{where}: hex number > 64 bits");
        return v.u0;
    }

    public static UInt256 UInt256(JsonElement e, string where)
    {
        // JSON numbers are accepted for small values: some tools send `1` for counts and block numbers.
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetUInt64(out ulong n)) return n;
            throw RpcException.InvalidParams($"{where}: number is not a non-negative 64-bit integer");
        }
        if (e.ValueKind != JsonValueKind.String) throw RpcException.InvalidParams($"{where}: expected a hex quantity string");
        string s = e.GetString()!;
        return ParseQuantity(s, where);
    }

    public static UInt256 ParseQuantity(string s, string where)
    {
        if (s.Length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
            throw RpcException.InvalidParams($"{where}: hex string without 0x prefix");
        if (s.Length == 2) throw RpcException.InvalidParams($"{where}: hex string \"0x\"");
        if (s.Length > 2 + 64 && s.AsSpan(2).TrimStart('0').Length > 64)
            throw RpcException.InvalidParams($"{where}: hex number > 256 bits");
        if (!Primitives.UInt256.TryParse(s, out UInt256 v)) throw RpcException.InvalidParams($"{where}: invalid hex string");
        return v;
    }

    public static byte[] Data(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.String) throw RpcException.InvalidParams($"{where}: expected a hex data string");
        return ParseData(e.GetString()!, where);
    }

    public static byte[] ParseData(string s, string where)
    {
        if (s.Length < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
            throw RpcException.InvalidParams($"{where}: hex string without 0x prefix");
        if ((s.Length & 1) != 0) throw RpcException.InvalidParams($"{where}: hex string of odd length");
        for (int i = 2; i < s.Length; i++)
            if (!char.IsAsciiHexDigit(s[i])) throw RpcException.InvalidParams($"{where}: invalid hex string");
        return Hex.Decode(s.AsSpan(2));
    }

    public static Address Address(JsonElement e, string where)
    {
        byte[] bytes = Data(e, where);
        if (bytes.Length != Primitives.Address.Size)
            throw RpcException.InvalidParams($"{where}: hex string has length {bytes.Length * 2}, want 40 for common.Address");
        return new Address(bytes);
    }

    public static Hash256 Hash(JsonElement e, string where)
    {
        byte[] bytes = Data(e, where);
        if (bytes.Length != Hash256.Size)
            throw RpcException.InvalidParams($"{where}: hex string has length {bytes.Length * 2}, want 64 for common.Hash");
        return new Hash256(bytes);
    }

    /// <summary>A storage slot key: any quantity or data up to 32 bytes (clients send both forms).</summary>
    public static UInt256 Slot(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.String) throw RpcException.InvalidParams($"{where}: expected a hex string");
        string s = e.GetString()!;
        if (s.Length < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
            throw RpcException.InvalidParams($"{where}: hex string without 0x prefix");
        if (s.AsSpan(2).TrimStart('0').Length > 64) throw RpcException.InvalidParams($"{where}: hex string longer than 32 bytes");
        if (!Primitives.UInt256.TryParse(s, out UInt256 v)) throw RpcException.InvalidParams($"{where}: invalid hex string");
        return v;
    }

    /// <summary>An optional member of a JSON object (null / absent = null).</summary>
    public static JsonElement? Member(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);
}
