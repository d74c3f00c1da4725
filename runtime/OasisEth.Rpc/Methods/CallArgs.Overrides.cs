using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// geth's state-override object (address → {balance, nonce, code, state | stateDiff}) and block-override object
/// ({number, time, gasLimit, baseFeePerGas | baseFee, feeRecipient | coinbase, prevRandao, blobBaseFee}). Every
/// mistake is a -32602 error naming the argument, the account and the field; unknown fields are refused rather
/// than ignored, so a misspelt override never silently runs the call without it. Names match case-insensitively
/// (geth's decoder does; older clients send <c>baseFee</c>, <c>coinbase</c>, <c>random</c>).
/// </summary>
internal static partial class CallArgs
{
    /// <summary>Account overrides; null for an absent or null parameter.</summary>
    public static IReadOnlyList<AccountOverride>? ParseStateOverrides(JsonElement? e, string where)
    {
        if (e is not { } obj) return null;
        if (obj.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"{where}: state overrides must be an object keyed by address");
        var accounts = new List<AccountOverride>();
        var seen = new HashSet<Address>();
        foreach (JsonProperty p in obj.EnumerateObject())
        {
            Address address = RpcValues.Address(JsonString(p.Name), $"{where}: account {p.Name}");
            if (!seen.Add(address)) throw RpcException.InvalidParams($"{where}: account {address} is given twice");
            accounts.Add(ParseAccount(address, p.Value, where));
        }
        return accounts;
    }

    private static AccountOverride ParseAccount(Address address, JsonElement o, string argument)
    {
        string where = $"{argument}: account {address}";
        if (o.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"{where}: expected an object");
        UInt256? balance = null;
        ulong? nonce = null;
        byte[]? code = null;
        Dictionary<UInt256, UInt256>? state = null, stateDiff = null;
        foreach (JsonProperty p in o.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            string field = $"{where}: {p.Name}";
            switch (p.Name.ToLowerInvariant()) // field names match case-insensitively, as geth's decoder does
            {
                case "balance": balance = RpcValues.UInt256(p.Value, field); break;
                case "nonce": nonce = RpcValues.ULong(p.Value, field); break;
                case "code": code = RpcValues.Data(p.Value, field); break;
                case "state": state = ParseStorage(p.Value, field); break;
                case "statediff": stateDiff = ParseStorage(p.Value, field); break;
                case "moveprecompiletoaddress":
                    throw RpcException.InvalidParams($"{field}: moving precompiles is not supported");
                default:
                    throw RpcException.InvalidParams($"{where}: unknown field \"{p.Name}\" (expected balance, nonce, code, state or stateDiff)");
            }
        }
        // geth's wording for the one combination it refuses.
        if (state is not null && stateDiff is not null)
            throw RpcException.InvalidParams($"{argument}: account {address} has both 'state' and 'stateDiff'");
        return new AccountOverride(address) { Balance = balance, Nonce = nonce, Code = code, State = state, StateDiff = stateDiff };
    }

    /// <summary>slot → value, both 32-byte hex words (a shorter quantity is accepted, as for eth_getStorageAt).</summary>
    private static Dictionary<UInt256, UInt256> ParseStorage(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"{where}: expected an object of slot: value");
        var slots = new Dictionary<UInt256, UInt256>();
        foreach (JsonProperty p in e.EnumerateObject())
        {
            UInt256 key = RpcValues.Slot(JsonString(p.Name), $"{where}: slot {p.Name}");
            UInt256 value = RpcValues.Slot(p.Value, $"{where}: value of slot {p.Name}");
            if (!slots.TryAdd(key, value)) throw RpcException.InvalidParams($"{where}: slot {p.Name} is given twice");
        }
        return slots;
    }

    /// <summary>Block overrides; null for an absent or null parameter.</summary>
    public static BlockOverrides? ParseBlockOverrides(JsonElement? e, string where)
    {
        if (e is not { } o) return null;
        if (o.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"{where}: block overrides must be an object");
        var b = new BlockOverrides();
        foreach (JsonProperty p in o.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Null) continue;
            string field = $"{where}: {p.Name}";
            b = p.Name.ToLowerInvariant() switch
            {
                "number" => b with { Number = RpcValues.ULong(p.Value, field) },
                "time" => b with { Time = RpcValues.ULong(p.Value, field) },
                "gaslimit" => b with { GasLimit = RpcValues.ULong(p.Value, field) },
                "basefeepergas" or "basefee" => b with { BaseFee = RpcValues.UInt256(p.Value, field) },
                "feerecipient" or "coinbase" => b with { Coinbase = RpcValues.Address(p.Value, field) },
                "prevrandao" or "random" => b with { PrevRandao = RpcValues.Hash(p.Value, field) },
                "blobbasefee" => b with { BlobBaseFee = RpcValues.UInt256(p.Value, field) },
                // Meaningless after the merge; geth accepts and ignores it.
                "difficulty" => CheckQuantity(b, p.Value, field),
                _ => throw RpcException.InvalidParams(
                    $"{where}: unknown block override \"{p.Name}\" (expected number, time, gasLimit, baseFeePerGas, feeRecipient, prevRandao or blobBaseFee)"),
            };
        }
        if (b.GasLimit == 0) throw RpcException.InvalidParams($"{where}: gasLimit must not be zero");
        return b;
    }

    private static BlockOverrides CheckQuantity(BlockOverrides b, JsonElement value, string where)
    {
        RpcValues.UInt256(value, where);
        return b;
    }

    /// <summary>Object keys come as .NET strings; the value readers take JSON elements. Written and parsed back
    /// rather than serialized: JsonSerializer's reflection path is not available under NativeAOT.</summary>
    private static JsonElement JsonString(string s)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) writer.WriteStringValue(s);
        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Both kinds at once (eth_call's third and fourth parameters), or null when neither is given.</summary>
    public static CallOverrides? Overrides(IReadOnlyList<AccountOverride>? accounts, BlockOverrides? block) =>
        accounts is null && block is null ? null : new CallOverrides { Accounts = accounts ?? [], Block = block };
}
