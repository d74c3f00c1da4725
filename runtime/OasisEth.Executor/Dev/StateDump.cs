using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using OasisEth.Primitives;
using AccountDump = OasisEth.State.InMemoryWorldState.AccountDump;

namespace OasisEth.Executor;

/// <summary>
/// State dumps in anvil's <c>SerializableState</c> JSON (what anvil_dumpState gzips and anvil --dump-state writes):
/// <c>{"block": {…block env of the head…}, "accounts": {"0xaddr": {"nonce", "balance", "code", "storage":
/// {"0x32-byte slot": "0x32-byte value"}}}, "best_block_number", "blocks": [], "transactions": [],
/// "historical_states": null}</c>. Accounts in address order, slots in key order, zero slots left out, so the same
/// state always gives the same bytes. Loading reads the accounts (nonce as a number or hex, balance hex or number,
/// slots as 32-byte words or quantities) and ignores the rest (docs/json-rpc.md, "State dumps").
/// </summary>
public static class StateDump
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, SkipValidation = false };

    public static byte[] ToJson(BlockHeader head, IReadOnlyList<AccountDump> accounts)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(accounts);
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartObject("block");
            w.WriteString("number", Quantity(head.Number));
            w.WriteString("beneficiary", Lower(head.Coinbase));
            w.WriteString("timestamp", Quantity(head.Timestamp));
            w.WriteNumber("gas_limit", head.GasLimit);
            w.WriteNumber("basefee", head.BaseFee.FitsInUlong ? head.BaseFee.u0 : ulong.MaxValue);
            w.WriteString("difficulty", "0x0");
            w.WriteString("prevrandao", head.MixHash.ToString());
            w.WriteStartObject("blob_excess_gas_and_price");
            w.WriteNumber("excess_blob_gas", 0);
            w.WriteNumber("blob_gasprice", 1);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("accounts");
            foreach (AccountDump a in accounts)
            {
                w.WriteStartObject(Lower(a.Address));
                w.WriteNumber("nonce", a.Nonce);
                w.WriteString("balance", a.Balance.ToHexString());
                w.WriteString("code", Hex.EncodePrefixed(a.Code));
                w.WriteStartObject("storage");
                foreach ((UInt256 slot, UInt256 value) in a.Storage)
                {
                    if (value.IsZero) continue;
                    w.WriteString(Word(slot), Word(value));
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteNumber("best_block_number", head.Number);
            w.WriteStartArray("blocks");
            w.WriteEndArray();
            w.WriteStartArray("transactions");
            w.WriteEndArray();
            w.WriteNull("historical_states");
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The accounts of a dump, gzip'd or plain JSON. <see cref="FormatException"/> when it is neither or an
    /// account is malformed.</summary>
    public static IReadOnlyList<AccountDump> ParseAccounts(byte[] dump)
    {
        ArgumentNullException.ThrowIfNull(dump);
        byte[] json = IsGzip(dump) ? Decompress(dump) : dump;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"the state dump is not JSON: {e.Message}", e);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("accounts", out JsonElement accounts)
                || accounts.ValueKind != JsonValueKind.Object)
                throw new FormatException("the state dump has no \"accounts\" object");
            var result = new List<AccountDump>();
            foreach (JsonProperty p in accounts.EnumerateObject())
            {
                if (p.Name.Length != 42 || !p.Name.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || !Hex.TryDecode(p.Name.AsSpan(2), out byte[] raw))
                    throw new FormatException($"\"{p.Name}\" is not an address");
                var address = new Address(raw);
                JsonElement a = p.Value;
                if (a.ValueKind != JsonValueKind.Object) throw new FormatException($"account {p.Name} is not an object");
                ulong nonce = a.TryGetProperty("nonce", out JsonElement n) ? ULong(n, p.Name, "nonce") : 0;
                UInt256 balance = a.TryGetProperty("balance", out JsonElement b) ? Number(b, p.Name, "balance") : UInt256.Zero;
                byte[] code = a.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.String ? Bytes(c.GetString()!, p.Name) : [];
                var storage = new SortedDictionary<UInt256, UInt256>();
                if (a.TryGetProperty("storage", out JsonElement s) && s.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty slot in s.EnumerateObject())
                    {
                        UInt256 key = Parse(slot.Name, p.Name, "storage key");
                        storage[key] = Number(slot.Value, p.Name, "storage value");
                    }
                }
                result.Add(new AccountDump(address, nonce, balance, code, [.. storage]));
            }
            result.Sort((x, y) => x.Address.CompareTo(y.Address));
            return result;
        }
    }

    public static byte[] Compress(byte[] json)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(json);
        return output.ToArray();
    }

    public static bool IsGzip(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 0x1f && data[1] == 0x8b;

    private static byte[] Decompress(byte[] data)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
            var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException($"the state dump is not valid gzip: {e.Message}", e);
        }
    }

    private static string Quantity(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Lower(in Address address) => address.ToString();

    private static string Word(in UInt256 value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteBigEndian(bytes);
        return Hex.EncodePrefixed(bytes);
    }

    private static ulong ULong(JsonElement e, string account, string field)
    {
        UInt256 v = Number(e, account, field);
        if (!v.FitsInUlong) throw new FormatException($"account {account}: {field} exceeds 64 bits");
        return v.u0;
    }

    private static UInt256 Number(JsonElement e, string account, string field) => e.ValueKind switch
    {
        JsonValueKind.Number when e.TryGetUInt64(out ulong n) => n,
        JsonValueKind.String => Parse(e.GetString()!, account, field),
        _ => throw new FormatException($"account {account}: {field} is not a number or hex string"),
    };

    private static UInt256 Parse(string text, string account, string field)
    {
        bool hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (hex && text.Length == 2) return UInt256.Zero;
        if ((!hex || text.AsSpan(2).TrimStart('0').Length <= 64) && UInt256.TryParse(text, out UInt256 v)) return v;
        throw new FormatException($"account {account}: {field} \"{text}\" is not a 256-bit number");
    }

    private static byte[] Bytes(string hex, string account)
    {
        if (!hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || (hex.Length & 1) != 0 || !Hex.TryDecode(hex.AsSpan(2), out byte[] bytes))
            throw new FormatException($"account {account}: code is not 0x-prefixed hex");
        return bytes;
    }
}
