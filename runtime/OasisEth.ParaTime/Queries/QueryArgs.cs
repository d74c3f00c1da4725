using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Host.Dispatch;
using OasisEth.Primitives;

namespace OasisEth.ParaTime;

/// <summary>A query's CBOR argument map, read leniently (unknown keys ignored) but strictly typed: a wrong type or
/// size is an error naming the field.</summary>
internal sealed class QueryArgs
{
    private readonly Dictionary<string, byte[]> _fields = new(StringComparer.Ordinal);

    public static QueryArgs Parse(byte[] args)
    {
        var parsed = new QueryArgs();
        if (args.Length == 0) return parsed;
        try
        {
            CborReader r = CborIn.Reader(args);
            CborIn.Map(r, (r, key) =>
            {
                parsed._fields[key] = CborIn.Raw(r);
                return true;
            });
            if (r.BytesRemaining != 0) throw Bad("args", "trailing bytes after the argument map");
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or RhpCborException)
        {
            throw Bad("args", "not a CBOR map: " + e.Message);
        }
        return parsed;
    }

    public bool Has(string key) => _fields.ContainsKey(key);

    public Address Address(string key) => Read(key, r => (Address?)new Address(CborIn.FixedBytes(r, Primitives.Address.Size)), required: true)!.Value;

    public Address? OptionalAddress(string key) => Read(key, r => (Address?)new Address(CborIn.FixedBytes(r, Primitives.Address.Size)), required: false);

    public UInt256 Word(string key) => Read(key, r => (UInt256?)UInt256.FromBigEndian(CborIn.FixedBytes(r, 32)), required: true)!.Value;

    public UInt256? OptionalQuantity(string key) => Read(key, r =>
    {
        byte[] be = CborIn.Bytes(r);
        if (be.Length > 32 || (be.Length > 0 && be[0] == 0)) throw new FormatException("a quantity is at most 32 big-endian bytes without leading zeros");
        return (UInt256?)UInt256.FromBigEndian(be);
    }, required: false);

    public ulong? OptionalU64(string key) => Read(key, r => (ulong?)CborIn.U64(r), required: false);

    public byte[] OptionalBytes(string key) => Read(key, CborIn.Bytes, required: false) ?? [];

    private T? Read<T>(string key, Func<CborReader, T> read, bool required)
    {
        if (!_fields.TryGetValue(key, out byte[]? raw))
        {
            if (required) throw Bad(key, "missing");
            return default;
        }
        try
        {
            CborReader r = CborIn.Reader(raw);
            return read(r);
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or FormatException or RhpCborException or ArgumentException)
        {
            throw Bad(key, e.Message);
        }
    }

    private static RuntimeErrorException Bad(string field, string why) =>
        new(EvmErrors.Module, EvmErrors.Query, $"invalid query argument '{field}': {why}");
}
