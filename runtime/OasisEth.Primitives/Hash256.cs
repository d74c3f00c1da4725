using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OasisEth.Primitives;

/// <summary>A 32-byte hash held by value (Keccak-256 outputs, roots, code hashes); bytes in network order.</summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
public readonly struct Hash256 : IEquatable<Hash256>, IComparable<Hash256>
{
    public const int Size = 32;

    private readonly ulong _a, _b, _c, _d;

    public static readonly Hash256 Zero = default;

    /// <summary>keccak256("") : the code hash of an account without code.</summary>
    public static readonly Hash256 EmptyCode = Parse("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");

    /// <summary>Root of the empty Merkle Patricia trie: keccak256(rlp("")).</summary>
    public static readonly Hash256 EmptyTrie = Parse("0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");

    /// <summary>keccak256(rlp([])): the hash of an empty list (no logs, no ommers).</summary>
    public static readonly Hash256 EmptyList = Parse("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");

    public Hash256(ReadOnlySpan<byte> bytes32)
    {
        if (bytes32.Length != Size) ThrowWrongLength(bytes32.Length);
        this = MemoryMarshal.Read<Hash256>(bytes32);
    }

    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => MemoryMarshal.AsBytes(new ReadOnlySpan<Hash256>(in this));

    public void CopyTo(Span<byte> destination) => Bytes.CopyTo(destination);
    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>The hash read as a big-endian 256-bit number (BLOCKHASH, EXTCODEHASH push it on the stack).</summary>
    public UInt256 ToWord() => UInt256.FromBigEndian(Bytes);

    public static Hash256 FromWord(in UInt256 word)
    {
        Span<byte> buf = stackalloc byte[Size];
        word.WriteBigEndian(buf);
        return new Hash256(buf);
    }

    public bool IsZero => (_a | _b | _c | _d) == 0;

    public static Hash256 Parse(string hex) => new(Hex.Decode(hex));

    public bool Equals(Hash256 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);
    public override int GetHashCode() => (int)_a ^ (int)(_a >> 32) ^ (int)_b;
    public int CompareTo(Hash256 other) => Bytes.SequenceCompareTo(other.Bytes);
    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);
    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);
    public override string ToString() => "0x" + Hex.Encode(Bytes);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongLength(int length) =>
        throw new ArgumentException($"A hash is {Size} bytes, got {length}.");
}
