using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Trie;

/// <summary>Node-encoding rules shared by <see cref="PatriciaTrie"/> and its bottom-up <c>ComputeRoot</c>.</summary>
internal static class TrieEncoding
{
    /// <summary>A child reference is at most 0xa0 + 32-byte hash; an embedded node is under 32 bytes.</summary>
    public const int MaxReferenceLength = 33;

    /// <summary>Bytes of the RLP string item holding the hex-prefix form of a path of <paramref name="nibbleCount"/> nibbles.</summary>
    public static int LengthOfPathItem(int nibbleCount)
    {
        int hp = HexPrefix.Length(nibbleCount);
        // A one-byte hex-prefix (flag nibble <= 3) is below 0x80, so RLP stores it as itself.
        return hp == 1 ? 1 : Rlp.LengthOfStringHeader(hp) + hp;
    }

    /// <summary>RLP string item of the hex-prefix form of nibbles [start, end) of a packed key.</summary>
    public static int WritePathItem(Span<byte> dest, ReadOnlySpan<byte> packedKey, int start, int end, bool isLeaf)
    {
        int hp = HexPrefix.Length(end - start);
        if (hp == 1) return HexPrefix.WritePacked(dest, packedKey, start, end, isLeaf);
        int header = Rlp.WriteStringHeader(dest, hp);
        return header + HexPrefix.WritePacked(dest[header..], packedKey, start, end, isLeaf);
    }

    /// <summary>RLP string item of the hex-prefix form of a path held one nibble per byte.</summary>
    public static int WritePathItem(Span<byte> dest, ReadOnlySpan<byte> nibbles, bool isLeaf)
    {
        int hp = HexPrefix.Length(nibbles.Length);
        if (hp == 1) return HexPrefix.Write(dest, nibbles, isLeaf);
        int header = Rlp.WriteStringHeader(dest, hp);
        return header + HexPrefix.Write(dest[header..], nibbles, isLeaf);
    }

    /// <summary>
    /// How a parent refers to a node whose RLP is <paramref name="rlp"/>: the RLP itself when shorter than
    /// 32 bytes (embedded), else the 32-byte Keccak as an RLP string (0xa0 + hash). Returns the bytes written.
    /// </summary>
    public static int WriteReference(ReadOnlySpan<byte> rlp, Span<byte> dest)
    {
        if (rlp.Length < 32)
        {
            rlp.CopyTo(dest);
            return rlp.Length;
        }
        dest[0] = 0x80 + Hash256.Size;
        Keccak.Compute(rlp, dest.Slice(1, Hash256.Size));
        return MaxReferenceLength;
    }

    /// <summary>The root hash from the root node's reference: the root is hashed even when it would be embedded.</summary>
    public static Hash256 RootFromReference(ReadOnlySpan<byte> reference) =>
        reference.Length == MaxReferenceLength ? new Hash256(reference[1..]) : Keccak.Compute(reference);
}
