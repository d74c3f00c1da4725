using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OasisEth.Primitives;

/// <summary>
/// An unsigned 256-bit integer: the EVM word. Four 64-bit limbs, least significant first, so arithmetic
/// works on native integers; conversion to the EVM's big-endian bytes happens only at the edges
/// (PUSH, MLOAD/MSTORE, CALLDATALOAD, storage keys). Operations are static with <c>in</c>/<c>out</c>
/// parameters so no 32-byte value is copied needlessly, and every one tolerates its output aliasing an input.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public readonly partial struct UInt256 : IEquatable<UInt256>, IComparable<UInt256>
{
    public readonly ulong u0, u1, u2, u3;

    public static readonly UInt256 Zero = default;
    public static readonly UInt256 One = new(1);
    public static readonly UInt256 MaxValue = new(ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public UInt256(ulong u0, ulong u1 = 0, ulong u2 = 0, ulong u3 = 0)
    {
        this.u0 = u0; this.u1 = u1; this.u2 = u2; this.u3 = u3;
    }

    public bool IsZero
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (u0 | u1 | u2 | u3) == 0;
    }

    /// <summary>True when the value fits in 64 bits (u1..u3 are zero).</summary>
    public bool FitsInUlong
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (u1 | u2 | u3) == 0;
    }

    /// <summary>Reads up to 32 big-endian bytes; shorter input is taken as left-padded with zeros.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 FromBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 32)
        {
            return new UInt256(
                BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]),
                BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
                BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
                BinaryPrimitives.ReadUInt64BigEndian(bytes));
        }
        return FromShortBigEndian(bytes);
    }

    private static UInt256 FromShortBigEndian(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 32) ThrowTooLong(bytes.Length);
        Span<byte> buf = stackalloc byte[32];
        buf.Clear();
        bytes.CopyTo(buf[(32 - bytes.Length)..]);
        return FromBigEndian(buf);
    }

    /// <summary>Writes the value as exactly 32 big-endian bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBigEndian(Span<byte> destination32)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination32, u3);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[8..], u2);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[16..], u1);
        BinaryPrimitives.WriteUInt64BigEndian(destination32[24..], u0);
    }

    public byte[] ToBigEndian()
    {
        var bytes = new byte[32];
        WriteBigEndian(bytes);
        return bytes;
    }

    public static implicit operator UInt256(ulong value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Equals(UInt256 other) => ((u0 ^ other.u0) | (u1 ^ other.u1) | (u2 ^ other.u2) | (u3 ^ other.u3)) == 0;
    public override bool Equals(object? obj) => obj is UInt256 other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(u0, u1, u2, u3);

    public int CompareTo(UInt256 other)
    {
        if (u3 != other.u3) return u3 < other.u3 ? -1 : 1;
        if (u2 != other.u2) return u2 < other.u2 ? -1 : 1;
        if (u1 != other.u1) return u1 < other.u1 ? -1 : 1;
        if (u0 != other.u0) return u0 < other.u0 ? -1 : 1;
        return 0;
    }

    public static bool operator ==(in UInt256 left, in UInt256 right) => left.Equals(right);
    public static bool operator !=(in UInt256 left, in UInt256 right) => !left.Equals(right);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowTooLong(int length) =>
        throw new ArgumentException($"A 256-bit word is at most 32 bytes, got {length}.");
}
