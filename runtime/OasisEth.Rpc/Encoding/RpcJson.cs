using System.Buffers;
using System.Globalization;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// The scalar encodings of Ethereum JSON-RPC: quantities as minimal lowercase hex ("0x0"), data as "0x" + an even
/// number of lowercase hex digits, addresses and hashes lowercase. Hex is formatted into stack or pooled buffers, so
/// writing a value allocates no string.
/// </summary>
internal static class RpcJson
{
    public static void Quantity(Utf8JsonWriter w, string name, ulong value)
    {
        w.WritePropertyName(name);
        Quantity(w, value);
    }

    public static void Quantity(Utf8JsonWriter w, ulong value)
    {
        Span<char> buffer = stackalloc char[18];
        buffer[0] = '0';
        buffer[1] = 'x';
        value.TryFormat(buffer[2..], out int n, "x", CultureInfo.InvariantCulture);
        w.WriteStringValue(buffer[..(2 + n)]);
    }

    public static void Quantity(Utf8JsonWriter w, string name, in UInt256 value)
    {
        w.WritePropertyName(name);
        Quantity(w, value);
    }

    public static void Quantity(Utf8JsonWriter w, in UInt256 value)
    {
        if (value.FitsInUlong) Quantity(w, value.u0);
        else w.WriteStringValue(value.ToHexString());
    }

    public static void Data(Utf8JsonWriter w, string name, ReadOnlySpan<byte> bytes)
    {
        w.WritePropertyName(name);
        Data(w, bytes);
    }

    public static void Data(Utf8JsonWriter w, ReadOnlySpan<byte> bytes)
    {
        int length = 2 + 2 * bytes.Length;
        char[]? rented = null;
        Span<char> buffer = length <= 512 ? stackalloc char[512] : (rented = ArrayPool<char>.Shared.Rent(length));
        buffer[0] = '0';
        buffer[1] = 'x';
        Convert.TryToHexStringLower(bytes, buffer[2..], out _);
        w.WriteStringValue(buffer[..length]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
    }

    public static void Address(Utf8JsonWriter w, string name, in Address address) => Data(w, name, address.Bytes);
    public static void Address(Utf8JsonWriter w, in Address address) => Data(w, address.Bytes);

    public static void OptionalAddress(Utf8JsonWriter w, string name, Address? address)
    {
        if (address is { } a) Data(w, name, a.Bytes);
        else w.WriteNull(name);
    }

    public static void Hash(Utf8JsonWriter w, string name, in Hash256 hash) => Data(w, name, hash.Bytes);
    public static void Hash(Utf8JsonWriter w, in Hash256 hash) => Data(w, hash.Bytes);

    /// <summary>A 32-byte word as data (eth_getStorageAt's answer, storage keys).</summary>
    public static void Word(Utf8JsonWriter w, in UInt256 word)
    {
        Span<byte> bytes = stackalloc byte[32];
        word.WriteBigEndian(bytes);
        Data(w, bytes);
    }
}
