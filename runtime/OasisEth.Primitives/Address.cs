using System.Diagnostics.CodeAnalysis;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OasisEth.Primitives;

/// <summary>A 20-byte account address held by value; the bytes are kept in network (big-endian) order.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4, Size = 20)]
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;

    private readonly ulong _a; // bytes 0..7
    private readonly ulong _b; // bytes 8..15
    private readonly uint _c;  // bytes 16..19

    public static readonly Address Zero = default;

    public Address(ReadOnlySpan<byte> bytes20)
    {
        if (bytes20.Length != Size) ThrowWrongLength(bytes20.Length);
        this = MemoryMarshal.Read<Address>(bytes20);
    }

    /// <summary>The low 20 bytes of a 32-byte big-endian word (how the EVM turns a stack item into an address).</summary>
    public static Address FromWord(in UInt256 word)
    {
        Span<byte> buf = stackalloc byte[32];
        word.WriteBigEndian(buf);
        return new Address(buf[12..]);
    }

    /// <summary>The address as a 32-byte big-endian word (left-padded with zeros).</summary>
    public UInt256 ToWord()
    {
        Span<byte> buf = stackalloc byte[32];
        buf[..12].Clear();
        CopyTo(buf[12..]);
        return UInt256.FromBigEndian(buf);
    }

    /// <summary>Address from the last 20 bytes of a hash (Keccak of a public key, CREATE/CREATE2 rules).</summary>
    public static Address FromHash(in Hash256 hash) => new(hash.Bytes[12..]);

    /// <summary>A precompile-style address 0x00..00NN.</summary>
    public static Address FromLowUlong(ulong value)
    {
        Span<byte> buf = stackalloc byte[Size];
        buf.Clear();
        BinaryPrimitives.WriteUInt64BigEndian(buf[12..], value);
        return new Address(buf);
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => MemoryMarshal.AsBytes(new ReadOnlySpan<Address>(in this));

    public void CopyTo(Span<byte> destination) => Bytes.CopyTo(destination);

    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>True if this is 0x00..00NN with NN in [1, max]: the cheap test for a precompile address.</summary>
    public bool IsLowAddress(out int value)
    {
        if (_a == 0 && _b == 0)
        {
            uint c = BinaryPrimitives.ReverseEndianness(_c);
            if (c <= 0xFFFF) { value = (int)c; return true; }
        }
        value = 0;
        return false;
    }

    public static Address Parse(string hex) => new(Hex.Decode(hex));

    public bool Equals(Address other) => _a == other._a && _b == other._b && _c == other._c;
    public override bool Equals(object? obj) => obj is Address other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c);
    public int CompareTo(Address other) => Bytes.SequenceCompareTo(other.Bytes);
    public static bool operator ==(Address left, Address right) => left.Equals(right);
    public static bool operator !=(Address left, Address right) => !left.Equals(right);
    public override string ToString() => "0x" + Hex.Encode(Bytes);

    /// <summary>EIP-55 mixed-case form, as wallets, anvil and geth's txpool print addresses.</summary>
    public string ToChecksumString()
    {
        Span<char> lower = stackalloc char[40];
        Convert.TryToHexStringLower(Bytes, lower, out _);
        Span<byte> ascii = stackalloc byte[40];
        for (int i = 0; i < 40; i++) ascii[i] = (byte)lower[i];
        Hash256 hash = Keccak.Compute(ascii);
        ReadOnlySpan<byte> h = hash.Bytes;
        Span<char> chars = stackalloc char[42];
        chars[0] = '0';
        chars[1] = 'x';
        for (int i = 0; i < 40; i++)
        {
            char c = lower[i];
            int nibble = (i & 1) == 0 ? h[i / 2] >> 4 : h[i / 2] & 0xF;
            chars[2 + i] = c >= 'a' && nibble >= 8 ? (char)(c - 32) : c;
        }
        return new string(chars);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongLength(int length) =>
        throw new ArgumentException($"An address is {Size} bytes, got {length}.");
}
