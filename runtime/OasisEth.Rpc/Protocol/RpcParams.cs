using System.Globalization;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Positional parameters of a call, with readers that turn wrong types and bad hex into -32602 errors in geth's
/// wording ("invalid argument 0: ..."). A missing parameter and JSON null are the same ("not given").
/// </summary>
internal readonly struct RpcParams(JsonElement array)
{
    private readonly JsonElement _array = array;

    public int Count => _array.ValueKind == JsonValueKind.Array ? _array.GetArrayLength() : 0;

    /// <summary>The parameter, or null when absent or JSON null.</summary>
    public JsonElement? Get(int index)
    {
        if (index >= Count) return null;
        JsonElement e = _array[index];
        return e.ValueKind == JsonValueKind.Null ? null : e;
    }

    public JsonElement Required(int index) =>
        Get(index) ?? throw RpcException.InvalidParams($"missing value for required argument {index}");

    public ulong Quantity(int index) => RpcValues.ULong(Required(index), Where(index));
    public ulong? OptionalQuantity(int index) => Get(index) is { } e ? RpcValues.ULong(e, Where(index)) : null;
    public Address Address(int index) => RpcValues.Address(Required(index), Where(index));
    public Hash256 Hash(int index) => RpcValues.Hash(Required(index), Where(index));
    public byte[] Data(int index) => RpcValues.Data(Required(index), Where(index));
    public UInt256 Word(int index) => RpcValues.UInt256(Required(index), Where(index));

    public bool Bool(int index, bool defaultValue = false)
    {
        if (Get(index) is not { } e) return defaultValue;
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw RpcException.InvalidParams($"{Where(index)}: expected a boolean"),
        };
    }

    public string String(int index)
    {
        JsonElement e = Required(index);
        if (e.ValueKind != JsonValueKind.String) throw RpcException.InvalidParams($"{Where(index)}: expected a string");
        return e.GetString()!;
    }

    public static string Where(int index) => "invalid argument " + index.ToString(CultureInfo.InvariantCulture);
}
