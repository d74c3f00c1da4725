using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives.Rlp;

/// <summary>
/// RLP encoding (Yellow Paper appendix B). Two layers: <c>LengthOf*</c> + <c>Write*</c> write into a caller's
/// span and return the bytes written, so a hot path sizes once, rents or stackallocs once and never allocates;
/// the <c>Encode*</c> helpers wrap them into a fresh array for code where clarity beats an allocation.
/// Integers are minimal big-endian byte strings (zero is the empty string, 0x80).
/// </summary>
public static class Rlp
{
    /// <summary>The encoding of the empty string, which is also how zero is encoded.</summary>
    public const byte EmptyString = 0x80;
    /// <summary>The encoding of the empty list.</summary>
    public const byte EmptyList = 0xc0;

    private const byte ShortStringOffset = 0x80; // 0x80 + length for 0..55 bytes
    private const byte LongStringOffset = 0xb7;  // 0xb7 + length-of-length
    private const byte ShortListOffset = 0xc0;
    private const byte LongListOffset = 0xf7;
    private const int ShortLimit = 56;

    // ---- lengths -----------------------------------------------------------------------------------------

    /// <summary>Bytes of a string item holding <paramref name="value"/>, header included.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfBytes(ReadOnlySpan<byte> value) =>
        value.Length == 1 && value[0] < ShortStringOffset ? 1 : LengthOfStringHeader(value.Length) + value.Length;

    /// <summary>Header bytes of a string item whose payload is <paramref name="length"/> bytes (not a single byte below 0x80).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfStringHeader(int length) => length < ShortLimit ? 1 : 1 + ByteCount((ulong)length);

    /// <summary>Header bytes of a list whose items take <paramref name="contentLength"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int LengthOfListHeader(int contentLength) => contentLength < ShortLimit ? 1 : 1 + ByteCount((ulong)contentLength);

    /// <summary>Bytes of a whole list (header + content) whose items take <paramref name="contentLength"/> bytes.</summary>
    public static int LengthOfList(int contentLength) => LengthOfListHeader(contentLength) + contentLength;

    public static int LengthOfULong(ulong value) => value < ShortStringOffset ? 1 : 1 + ByteCount(value);

    public static int LengthOfUInt256(in UInt256 value)
    {
        if (value.FitsInUlong) return LengthOfULong(value.u0);
        return 1 + ByteCount(value); // 9..32 bytes: always a short string
    }

    /// <summary>An address is always a 20-byte string: 0x94 + 20 bytes.</summary>
    public const int LengthOfAddress = 1 + Address.Size;

    /// <summary>A hash is always a 32-byte string: 0xa0 + 32 bytes.</summary>
    public const int LengthOfHash256 = 1 + Hash256.Size;

    // ---- writers: each returns the bytes written -----------------------------------------------------------

    public static int WriteBytes(Span<byte> dest, ReadOnlySpan<byte> value)
    {
        if (value.Length == 1 && value[0] < ShortStringOffset)
        {
            dest[0] = value[0];
            return 1;
        }
        int header = WriteStringHeader(dest, value.Length);
        value.CopyTo(dest[header..]);
        return header + value.Length;
    }

    /// <summary>Writes the header of a string item of <paramref name="length"/> payload bytes.</summary>
    public static int WriteStringHeader(Span<byte> dest, int length) =>
        WriteHeader(dest, length, ShortStringOffset, LongStringOffset);

    public static int WriteListHeader(Span<byte> dest, int contentLength) =>
        WriteHeader(dest, contentLength, ShortListOffset, LongListOffset);

    public static int WriteULong(Span<byte> dest, ulong value)
    {
        if (value == 0)
        {
            dest[0] = EmptyString;
            return 1;
        }
        if (value < ShortStringOffset)
        {
            dest[0] = (byte)value;
            return 1;
        }
        int n = ByteCount(value);
        dest[0] = (byte)(ShortStringOffset + n);
        WriteBigEndianTrimmed(dest.Slice(1, n), value);
        return 1 + n;
    }

    public static int WriteUInt256(Span<byte> dest, in UInt256 value)
    {
        if (value.FitsInUlong) return WriteULong(dest, value.u0);
        int n = ByteCount(value);
        Span<byte> word = stackalloc byte[32];
        value.WriteBigEndian(word);
        dest[0] = (byte)(ShortStringOffset + n);
        word[(32 - n)..].CopyTo(dest[1..]);
        return 1 + n;
    }

    public static int WriteAddress(Span<byte> dest, in Address address)
    {
        dest[0] = ShortStringOffset + Address.Size;
        address.CopyTo(dest[1..]);
        return LengthOfAddress;
    }

    public static int WriteHash256(Span<byte> dest, in Hash256 hash)
    {
        dest[0] = ShortStringOffset + Hash256.Size;
        hash.CopyTo(dest[1..]);
        return LengthOfHash256;
    }

    // ---- allocating helpers ------------------------------------------------------------------------------

    public static byte[] EncodeBytes(ReadOnlySpan<byte> value)
    {
        var result = new byte[LengthOfBytes(value)];
        WriteBytes(result, value);
        return result;
    }

    public static byte[] EncodeUInt256(in UInt256 value)
    {
        var result = new byte[LengthOfUInt256(value)];
        WriteUInt256(result, value);
        return result;
    }

    public static byte[] EncodeULong(ulong value)
    {
        var result = new byte[LengthOfULong(value)];
        WriteULong(result, value);
        return result;
    }

    public static byte[] EncodeAddress(in Address a)
    {
        var result = new byte[LengthOfAddress];
        WriteAddress(result, a);
        return result;
    }

    public static byte[] EncodeHash256(in Hash256 hash)
    {
        var result = new byte[LengthOfHash256];
        WriteHash256(result, hash);
        return result;
    }

    /// <summary>A list of items that are already RLP-encoded (their bytes are concatenated under one header).</summary>
    public static byte[] EncodeList(params byte[][] encodedItems)
    {
        int content = 0;
        foreach (byte[] item in encodedItems) content += item.Length;
        var result = new byte[LengthOfList(content)];
        int pos = WriteListHeader(result, content);
        foreach (byte[] item in encodedItems)
        {
            item.CopyTo(result, pos);
            pos += item.Length;
        }
        return result;
    }

    // ---- internals ---------------------------------------------------------------------------------------

    private static int WriteHeader(Span<byte> dest, int length, byte shortOffset, byte longOffset)
    {
        if (length < ShortLimit)
        {
            dest[0] = (byte)(shortOffset + length);
            return 1;
        }
        int n = ByteCount((ulong)length);
        dest[0] = (byte)(longOffset + n);
        WriteBigEndianTrimmed(dest.Slice(1, n), (ulong)length);
        return 1 + n;
    }

    /// <summary>Minimal number of big-endian bytes holding a non-zero value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ByteCount(ulong value) => 8 - (BitOperations.LeadingZeroCount(value) >> 3);

    private static int ByteCount(in UInt256 value)
    {
        if (value.u3 != 0) return 24 + ByteCount(value.u3);
        if (value.u2 != 0) return 16 + ByteCount(value.u2);
        if (value.u1 != 0) return 8 + ByteCount(value.u1);
        return value.u0 == 0 ? 0 : ByteCount(value.u0);
    }

    private static void WriteBigEndianTrimmed(Span<byte> dest, ulong value)
    {
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(buf, value);
        buf[(8 - dest.Length)..].CopyTo(dest);
    }
}
