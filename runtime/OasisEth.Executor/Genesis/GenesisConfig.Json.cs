using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The genesis file format (docs/genesis.md). Integers that always fit 64 bits (chain id, timestamp, gas limit,
/// nonces, epoch counts) are JSON numbers; amounts of wei are decimal strings (they pass 2^53, where JSON
/// numbers stop being exact in most tools); bytes, storage keys and values are 0x-hex strings.
/// </summary>
public sealed partial record GenesisConfig
{
    private static readonly string[] TopFields =
        ["chainId", "fork", "timestamp", "gasLimit", "minGasPrice", "initialBaseFee", "ewasm", "rewards", "alloc"];
    private static readonly string[] RewardFields = ["amountPerEpoch", "epochs", "roundsPerEpoch", "halvingEpochs", "grants"];
    private static readonly string[] GrantFields = ["address", "basisPoints"];
    private static readonly string[] AllocFields = ["address", "balance", "nonce", "code", "storage"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    /// <summary>
    /// Parses a genesis file strictly: unknown or duplicate fields, missing required fields, wrong JSON types,
    /// negative, fractional or exponent numbers, amounts that are not plain decimal strings, bad hex, duplicate
    /// addresses or storage keys, and every rule of <see cref="Validate"/> are refused. Allocations come back
    /// sorted by address.
    /// </summary>
    /// <exception cref="FormatException">What is wrong and where (field path).</exception>
    public static GenesisConfig Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"genesis: not valid JSON ({e.Message}).", e);
        }

        using (document)
        {
            Dictionary<string, JsonElement> top = ReadObject(document.RootElement, "genesis", TopFields);
            Dictionary<string, JsonElement> rewards = ReadObject(Require(top, "rewards", "genesis"), "rewards", RewardFields);
            var config = new GenesisConfig
            {
                ChainId = ReadULong(Require(top, "chainId", "genesis"), "chainId"),
                Fork = top.TryGetValue("fork", out JsonElement fork) ? ReadFork(fork) : Fork.Prague,
                Timestamp = top.TryGetValue("timestamp", out JsonElement timestamp) ? ReadULong(timestamp, "timestamp") : 0,
                GasLimit = top.TryGetValue("gasLimit", out JsonElement gasLimit) ? ReadULong(gasLimit, "gasLimit") : 30_000_000,
                MinGasPrice = ReadWei(Require(top, "minGasPrice", "genesis"), "minGasPrice"),
                InitialBaseFee = ReadWei(Require(top, "initialBaseFee", "genesis"), "initialBaseFee"),
                Rewards = ReadRewards(rewards),
                Allocations = top.TryGetValue("alloc", out JsonElement alloc) ? ReadAllocations(alloc) : [],
                Ewasm = top.TryGetValue("ewasm", out JsonElement ewasm) && ReadBool(ewasm, "ewasm"),
            };
            config.Validate();
            return config;
        }
    }

    /// <summary>The config as a genesis file that <see cref="Parse"/> reads back to an equal config: fields in
    /// a fixed order, allocations by address, storage by key, amounts as decimal strings of wei.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("chainId", ChainId);
            w.WriteString("fork", Fork.ToString());
            w.WriteNumber("timestamp", Timestamp);
            w.WriteNumber("gasLimit", GasLimit);
            w.WriteString("minGasPrice", MinGasPrice.ToString());
            w.WriteString("initialBaseFee", InitialBaseFee.ToString());
            // Written only when on: a config without Ewasm gives the same file as before the setting existed.
            if (Ewasm) w.WriteBoolean("ewasm", true);
            w.WriteStartObject("rewards");
            w.WriteString("amountPerEpoch", Rewards.AmountPerEpoch.ToString());
            // A halving schedule has no epoch count (it runs until the pool is empty), a flat one no halving.
            if (Rewards.IsHalving) w.WriteNumber("halvingEpochs", Rewards.HalvingEpochs);
            else w.WriteNumber("epochs", Rewards.Epochs);
            w.WriteNumber("roundsPerEpoch", Rewards.RoundsPerEpoch);
            if (Rewards.Grants.Count != 0)
            {
                w.WriteStartArray("grants");
                foreach (RewardGrant g in Rewards.Grants)
                {
                    w.WriteStartObject();
                    w.WriteString("address", g.Address.ToString());
                    w.WriteNumber("basisPoints", g.BasisPoints);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteStartArray("alloc");
            foreach (GenesisAllocation a in SortedAllocations())
            {
                w.WriteStartObject();
                w.WriteString("address", a.Address.ToString());
                w.WriteString("balance", a.Balance.ToString());
                if (a.Nonce != 0) w.WriteNumber("nonce", a.Nonce);
                if (a.Code.Length != 0) w.WriteString("code", Hex.EncodePrefixed(a.Code));
                if (a.Storage.Count != 0)
                {
                    w.WriteStartObject("storage");
                    foreach (KeyValuePair<UInt256, UInt256> slot in SortedStorage(a))
                        w.WriteString(WordHex(slot.Key), slot.Value.ToHexString());
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    /// <summary>The flat form needs <c>epochs</c>; the halving form (<c>halvingEpochs</c> above zero) must leave
    /// <c>epochs</c> out, since it runs until the pool is empty. Files without <c>halvingEpochs</c> read as
    /// before.</summary>
    private static RewardSchedule ReadRewards(Dictionary<string, JsonElement> rewards)
    {
        UInt256 amount = ReadWei(Require(rewards, "amountPerEpoch", "rewards"), "rewards.amountPerEpoch");
        ulong roundsPerEpoch = ReadULong(Require(rewards, "roundsPerEpoch", "rewards"), "rewards.roundsPerEpoch");
        if (rewards.TryGetValue("halvingEpochs", out JsonElement halving))
        {
            ulong halvingEpochs = ReadULong(halving, "rewards.halvingEpochs");
            if (halvingEpochs == 0) Bad("rewards.halvingEpochs must be above zero (leave it out for a flat schedule)");
            if (rewards.ContainsKey("epochs"))
                Bad("rewards: a halving schedule (halvingEpochs) takes no \"epochs\": it runs until the pool is empty");
            return RewardSchedule.Halving(amount, halvingEpochs, roundsPerEpoch) with { Grants = ReadGrants(rewards) };
        }
        return new RewardSchedule(amount, ReadULong(Require(rewards, "epochs", "rewards"), "rewards.epochs"), roundsPerEpoch)
        {
            Grants = ReadGrants(rewards),
        };
    }

    private static RewardGrant[] ReadGrants(Dictionary<string, JsonElement> rewards)
    {
        if (!rewards.TryGetValue("grants", out JsonElement grants)) return [];
        if (grants.ValueKind != JsonValueKind.Array) Bad("rewards.grants must be an array");
        var result = new RewardGrant[grants.GetArrayLength()];
        int i = 0;
        foreach (JsonElement entry in grants.EnumerateArray())
        {
            string where = Invariant($"rewards.grants[{i}]");
            Dictionary<string, JsonElement> fields = ReadObject(entry, where, GrantFields);
            Address address = ReadAddress(Require(fields, "address", where), where + ".address");
            ulong bps = ReadULong(Require(fields, "basisPoints", where), where + ".basisPoints");
            if (bps > RewardGrant.AllBasisPoints) Bad($"{where}.basisPoints {bps} is above 10000 (all of the release)");
            result[i++] = new RewardGrant(address, (ushort)bps);
        }
        return result;
    }

    private static GenesisAllocation[] ReadAllocations(JsonElement alloc)
    {
        if (alloc.ValueKind != JsonValueKind.Array) Bad("alloc must be an array");
        var result = new GenesisAllocation[alloc.GetArrayLength()];
        var seen = new HashSet<Address>();
        int i = 0;
        foreach (JsonElement entry in alloc.EnumerateArray())
        {
            string where = Invariant($"alloc[{i}]");
            Dictionary<string, JsonElement> fields = ReadObject(entry, where, AllocFields);
            Address address = ReadAddress(Require(fields, "address", where), where + ".address");
            if (!seen.Add(address)) Bad($"{where}: address {address} is listed twice");
            result[i++] = new GenesisAllocation(address, ReadWei(Require(fields, "balance", where), where + ".balance"))
            {
                Nonce = fields.TryGetValue("nonce", out JsonElement nonce) ? ReadULong(nonce, where + ".nonce") : 0,
                Code = fields.TryGetValue("code", out JsonElement code) ? ReadBytes(code, where + ".code") : [],
                Storage = fields.TryGetValue("storage", out JsonElement storage) ? ReadStorage(storage, where + ".storage") : [],
            };
        }
        Array.Sort(result, static (a, b) => a.Address.CompareTo(b.Address));
        return result;
    }

    private static KeyValuePair<UInt256, UInt256>[] ReadStorage(JsonElement storage, string where)
    {
        if (storage.ValueKind != JsonValueKind.Object) Bad($"{where} must be an object of 0x-hex key to 0x-hex value");
        var slots = new List<KeyValuePair<UInt256, UInt256>>();
        var keys = new HashSet<UInt256>();
        foreach (JsonProperty property in storage.EnumerateObject())
        {
            // Keys are compared as numbers, so "0x1" and "0x01" are the same slot.
            UInt256 key = ParseWordHex(property.Name, $"{where} key \"{property.Name}\"");
            if (!keys.Add(key)) Bad($"{where}: key {property.Name} appears twice");
            if (property.Value.ValueKind != JsonValueKind.String) Bad($"{where}[{property.Name}] must be a 0x-hex string");
            slots.Add(new(key, ParseWordHex(property.Value.GetString()!, $"{where}[{property.Name}]")));
        }
        slots.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return [.. slots];
    }

    /// <summary>The object's fields by name; refuses non-objects, unknown names and names given twice (a JSON
    /// document keeps both copies of a repeated name, and which one wins would be a guess).</summary>
    private static Dictionary<string, JsonElement> ReadObject(JsonElement element, string where, string[] known)
    {
        if (element.ValueKind != JsonValueKind.Object) Bad($"{where} must be a JSON object");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
                Bad($"{where}: unknown field \"{property.Name}\" (known: {string.Join(", ", known)})");
            if (!fields.TryAdd(property.Name, property.Value)) Bad($"{where}: field \"{property.Name}\" appears twice");
        }
        return fields;
    }

    private static JsonElement Require(Dictionary<string, JsonElement> fields, string name, string where)
    {
        if (!fields.TryGetValue(name, out JsonElement value)) Bad($"{where}: required field \"{name}\" is missing");
        return value;
    }

    /// <summary>A JSON number written as plain digits: no sign, fraction or exponent (1e3 and 1.0 are refused
    /// rather than guessed at).</summary>
    private static bool ReadBool(JsonElement element, string name)
    {
        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) Bad($"{name} must be true or false");
        return element.ValueKind == JsonValueKind.True;
    }

    private static ulong ReadULong(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Number) Bad($"{name} must be a JSON number (a non-negative integer)");
        string raw = element.GetRawText();
        if (!IsDigits(raw)) Bad($"{name} must be a non-negative integer without sign, fraction or exponent (got {raw})");
        if (!ulong.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
            Bad($"{name} {raw} does not fit in 64 bits");
        return value;
    }

    /// <summary>An amount of wei: a string of decimal digits, no leading zeros (one spelling per amount).</summary>
    private static UInt256 ReadWei(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.String) Bad($"{name} must be a string of decimal wei, e.g. \"1000000000\"");
        string text = element.GetString()!;
        if (!IsDigits(text)) Bad($"{name} must be a non-negative whole number of wei in decimal digits (got \"{text}\")");
        if (text.Length > 1 && text[0] == '0') Bad($"{name} has leading zeros (got \"{text}\")");
        if (!UInt256.TryParse(text, out UInt256 value)) Bad($"{name} does not fit in 256 bits");
        return value;
    }

    private static Fork ReadFork(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String) Bad("fork must be a string such as \"Prague\"");
        string name = element.GetString()!;
        foreach (Fork fork in Enum.GetValues<Fork>())
        {
            if (string.Equals(fork.ToString(), name, StringComparison.Ordinal)) return fork;
        }
        Bad($"fork \"{name}\" is not known (London, Paris, Shanghai, Cancun or Prague)");
        return default;
    }

    private static Address ReadAddress(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.String) Bad($"{name} must be a 0x-hex string of 20 bytes");
        string text = element.GetString()!;
        if (text.Length != 42 || !text.StartsWith("0x", StringComparison.Ordinal) || !IsHex(text.AsSpan(2)))
            Bad($"{name} must be 0x followed by 40 hex digits (got \"{text}\")");
        return new Address(Hex.Decode(text));
    }

    private static byte[] ReadBytes(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.String) Bad($"{name} must be a 0x-hex string");
        string text = element.GetString()!;
        if (!text.StartsWith("0x", StringComparison.Ordinal) || (text.Length & 1) != 0 || !IsHex(text.AsSpan(2)))
            Bad($"{name} must be 0x followed by an even number of hex digits");
        return Hex.Decode(text);
    }

    /// <summary>A 256-bit word in 0x-hex: 1 to 64 digits (leading zeros allowed: keys are often written full).</summary>
    private static UInt256 ParseWordHex(string text, string name)
    {
        if (text.Length < 3 || text.Length > 66 || !text.StartsWith("0x", StringComparison.Ordinal) || !IsHex(text.AsSpan(2)))
            Bad($"{name} must be 0x followed by 1 to 64 hex digits (got \"{text}\")");
        return UInt256.Parse(text);
    }

    private static string WordHex(in UInt256 word)
    {
        Span<byte> bytes = stackalloc byte[32];
        word.WriteBigEndian(bytes);
        return Hex.EncodePrefixed(bytes);
    }

    private static bool IsDigits(string s)
    {
        if (s.Length == 0) return false;
        foreach (char c in s)
        {
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiHexDigit(c)) return false;
        }
        return true;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [DoesNotReturn]
    private static void Bad(string message) =>
        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"genesis: {message}."));
}
