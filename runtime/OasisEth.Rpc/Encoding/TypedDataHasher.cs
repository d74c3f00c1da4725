using System.Globalization;
using System.Text;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// EIP-712 (the encoding eth_signTypedData_v4 signs): keccak256(0x19 0x01 ‖ hashStruct(domain) ‖ hashStruct(message))
/// over the JSON payload `{types, primaryType, domain, message}` wallets and Hardhat send. Arrays and nested structs
/// as v4 defines them. Bad input is an invalid-params error naming what is wrong. Dev-node only, not a hot path.
/// </summary>
internal static class TypedDataHasher
{
    private const string DomainType = "EIP712Domain";

    public static Hash256 Digest(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object) throw Bad("typed data must be an object");
        Dictionary<string, (string Name, string Type)[]> types = ReadTypes(Member(payload, "types"));
        string primary = Member(payload, "primaryType").ValueKind == JsonValueKind.String
            ? Member(payload, "primaryType").GetString()!
            : throw Bad("primaryType must be a string");
        if (!types.ContainsKey(primary)) throw Bad($"primaryType {primary} is not among the types");
        if (!types.ContainsKey(DomainType)) throw Bad("types has no EIP712Domain");

        var buffer = new byte[66];
        buffer[0] = 0x19;
        buffer[1] = 0x01;
        HashStruct(types, DomainType, Member(payload, "domain")).Bytes.CopyTo(buffer.AsSpan(2));
        if (primary == DomainType) return Keccak.Compute(buffer.AsSpan(0, 34));
        HashStruct(types, primary, Member(payload, "message")).Bytes.CopyTo(buffer.AsSpan(34));
        return Keccak.Compute(buffer);
    }

    /// <summary>`Name(type name,...)` of the type, then of every struct it references, those sorted by name.</summary>
    public static string EncodeType(Dictionary<string, (string Name, string Type)[]> types, string primary)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        CollectDependencies(types, primary, found);
        found.Remove(primary);
        var sb = new StringBuilder();
        Append(sb, types, primary);
        foreach (string t in found) Append(sb, types, t);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, Dictionary<string, (string Name, string Type)[]> types, string name)
    {
        sb.Append(name).Append('(');
        (string Name, string Type)[] fields = types[name];
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(fields[i].Type).Append(' ').Append(fields[i].Name);
        }
        sb.Append(')');
    }

    private static void CollectDependencies(Dictionary<string, (string Name, string Type)[]> types, string type, SortedSet<string> found)
    {
        string baseType = BaseType(type);
        if (!types.TryGetValue(baseType, out (string Name, string Type)[]? fields) || !found.Add(baseType)) return;
        foreach ((_, string fieldType) in fields) CollectDependencies(types, fieldType, found);
    }

    private static Hash256 HashStruct(Dictionary<string, (string Name, string Type)[]> types, string type, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object) throw Bad($"{type} value must be an object");
        (string Name, string Type)[] fields = types[type];
        var encoded = new byte[32 * (fields.Length + 1)];
        Keccak.Compute(Encoding.UTF8.GetBytes(EncodeType(types, type))).Bytes.CopyTo(encoded);
        for (int i = 0; i < fields.Length; i++)
        {
            JsonElement field = value.TryGetProperty(fields[i].Name, out JsonElement f) ? f
                : throw Bad($"{type}.{fields[i].Name} is missing");
            EncodeValue(types, fields[i].Type, field, encoded.AsSpan(32 * (i + 1), 32), $"{type}.{fields[i].Name}");
        }
        return Keccak.Compute(encoded);
    }

    private static void EncodeValue(Dictionary<string, (string Name, string Type)[]> types, string type, JsonElement value, Span<byte> word, string where)
    {
        if (type.EndsWith(']'))
        {
            int open = type.LastIndexOf('[');
            string element = type[..open];
            if (value.ValueKind != JsonValueKind.Array) throw Bad($"{where} must be an array");
            string size = type[(open + 1)..^1];
            if (size.Length > 0 && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n != value.GetArrayLength()))
                throw Bad($"{where} must have {size} elements");
            var items = new byte[32 * value.GetArrayLength()];
            int k = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                EncodeValue(types, element, item, items.AsSpan(32 * k, 32), $"{where}[{k}]");
                k++;
            }
            Keccak.Compute(items).Bytes.CopyTo(word);
            return;
        }
        if (types.ContainsKey(type))
        {
            HashStruct(types, type, value).Bytes.CopyTo(word);
            return;
        }
        word.Clear();
        switch (type)
        {
            case "string":
                if (value.ValueKind != JsonValueKind.String) throw Bad($"{where} must be a string");
                Keccak.Compute(Encoding.UTF8.GetBytes(value.GetString()!)).Bytes.CopyTo(word);
                return;
            case "bytes":
                Keccak.Compute(Bytes(value, where)).Bytes.CopyTo(word);
                return;
            case "bool":
                word[31] = value.ValueKind switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    _ => throw Bad($"{where} must be a boolean"),
                };
                return;
            case "address":
                byte[] address = Bytes(value, where);
                if (address.Length != 20) throw Bad($"{where} must be a 20-byte address");
                address.CopyTo(word[12..]);
                return;
        }
        if (type.StartsWith("bytes", StringComparison.Ordinal) && Width(type, 5, 1, 32, where) is int byteCount)
        {
            byte[] fixedBytes = Bytes(value, where);
            if (fixedBytes.Length != byteCount) throw Bad($"{where} must be {byteCount} bytes");
            fixedBytes.CopyTo(word);
            return;
        }
        if (type.StartsWith("uint", StringComparison.Ordinal) && Width(type, 4, 8, 256, where) is int uBits)
        {
            (UInt256 magnitude, bool negative) = Number(value, where);
            if (negative || (uBits < 256 && magnitude >> uBits != UInt256.Zero)) throw Bad($"{where} does not fit {type}");
            magnitude.WriteBigEndian(word);
            return;
        }
        if (type.StartsWith("int", StringComparison.Ordinal) && Width(type, 3, 8, 256, where) is int sBits)
        {
            (UInt256 magnitude, bool negative) = Number(value, where);
            UInt256 limit = UInt256.One << (sBits - 1);
            if (negative ? magnitude > limit : magnitude >= limit) throw Bad($"{where} does not fit {type}");
            (negative ? UInt256.Zero - magnitude : magnitude).WriteBigEndian(word);
            return;
        }
        throw Bad($"{where}: unknown type {type}");
    }

    private static int? Width(string type, int prefix, int step, int max, string where)
    {
        string digits = type[prefix..];
        if (digits.Length == 0) return prefix == 5 ? null : max;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < step || n > max || n % step != 0)
            throw Bad($"{where}: unknown type {type}");
        return n;
    }

    private static (UInt256 Magnitude, bool Negative) Number(JsonElement value, string where)
    {
        string text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => throw Bad($"{where} must be a number or a numeric string"),
        };
        bool negative = text.StartsWith('-');
        if (negative) text = text[1..];
        if (!UInt256.TryParse(text, out UInt256 magnitude)) throw Bad($"{where}: {value.GetRawText()} is not an integer");
        return (magnitude, negative && !magnitude.IsZero);
    }

    private static byte[] Bytes(JsonElement value, string where) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { } s && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && Hex.TryDecode(s, out byte[] bytes)
            ? bytes
            : throw Bad($"{where} must be 0x-prefixed hex");

    private static Dictionary<string, (string Name, string Type)[]> ReadTypes(JsonElement types)
    {
        if (types.ValueKind != JsonValueKind.Object) throw Bad("types must be an object");
        var result = new Dictionary<string, (string Name, string Type)[]>(StringComparer.Ordinal);
        foreach (JsonProperty type in types.EnumerateObject())
        {
            if (type.Value.ValueKind != JsonValueKind.Array) throw Bad($"types.{type.Name} must be an array");
            var fields = new List<(string, string)>();
            foreach (JsonElement f in type.Value.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.Object
                    || !f.TryGetProperty("name", out JsonElement n) || n.ValueKind != JsonValueKind.String
                    || !f.TryGetProperty("type", out JsonElement t) || t.ValueKind != JsonValueKind.String)
                    throw Bad($"types.{type.Name}: each field needs a string name and type");
                fields.Add((n.GetString()!, t.GetString()!));
            }
            result[type.Name] = [.. fields];
        }
        return result;
    }

    private static string BaseType(string type)
    {
        int bracket = type.IndexOf('[');
        return bracket < 0 ? type : type[..bracket];
    }

    private static JsonElement Member(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement e) ? e : throw Bad($"typed data has no {name}");

    private static RpcException Bad(string message) => RpcException.InvalidParams("invalid typed data: " + message);
}
