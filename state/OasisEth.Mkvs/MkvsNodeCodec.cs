using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// oasis-core's node serialization (go/storage/mkvs/node/node.go), so stored nodes and proofs use the same
/// bytes as the node:
/// <list type="bullet">
/// <item>leaf: 0x00 ‖ u16le(key length) ‖ key ‖ u32le(value length) ‖ value;</item>
/// <item>internal, full (what a store keeps): 0x01 ‖ u16le(label bits) ‖ label ‖ (leaf | 0x02) ‖ leftHash ‖ rightHash;</item>
/// <item>internal, compact v0 (proofs): the full form without the two child hashes;</item>
/// <item>internal, compact v1 (proofs): 0x01 ‖ u16le(label bits) ‖ label ‖ 0x02 (the leaf follows as a child entry).</item>
/// </list>
/// </summary>
internal static class MkvsNodeCodec
{
    public const byte NilPrefix = 0x02;

    public static int LeafSize(MkvsLeafNode leaf) => 1 + 2 + leaf.Key.Length + 4 + leaf.Value.Length;

    public static int WriteLeaf(MkvsLeafNode leaf, Span<byte> destination)
    {
        destination[0] = MkvsNodeHash.LeafPrefix;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)leaf.Key.Length);
        leaf.Key.CopyTo(destination[3..]);
        int at = 3 + leaf.Key.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[at..], (uint)leaf.Value.Length);
        leaf.Value.CopyTo(destination[(at + 4)..]);
        return at + 4 + leaf.Value.Length;
    }

    /// <summary>The stored (full) form of a node whose hash is current.</summary>
    public static byte[] EncodeFull(MkvsNode node) => Encode(node, full: true, version: 0);

    /// <summary>The compact form used in proof entries (without the 0x01 entry prefix).</summary>
    public static byte[] EncodeCompact(MkvsNode node, ushort version) => Encode(node, full: false, version);

    private static byte[] Encode(MkvsNode node, bool full, ushort version)
    {
        if (node is MkvsLeafNode leaf)
        {
            var bytes = new byte[LeafSize(leaf)];
            WriteLeaf(leaf, bytes);
            return bytes;
        }
        var n = (MkvsInternalNode)node;
        int labelBits = n.LabelBits;
        int labelBytes = (labelBits + 7) >> 3;
        MkvsLeafNode? slot = null;
        if (full || version == 0)
        {
            slot = n.Leaf switch
            {
                null => null,
                MkvsLeafNode l => l,
                _ => throw new InvalidOperationException("The leaf of an internal node is not loaded; it cannot be encoded inline."),
            };
        }
        int size = 3 + labelBytes + (slot is null ? 1 : LeafSize(slot)) + (full ? 2 * Hash256.Size : 0);
        var data = new byte[size];
        data[0] = MkvsNodeHash.InternalPrefix;
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(1), (ushort)labelBits);
        KeyBits.ExtractLabel(n.Path, n.Start, n.End, data.AsSpan(3, labelBytes));
        int at = 3 + labelBytes;
        if (slot is null) data[at++] = NilPrefix;
        else at += WriteLeaf(slot, data.AsSpan(at));
        if (full)
        {
            HashOf(n.Left).CopyTo(data.AsSpan(at));
            HashOf(n.Right).CopyTo(data.AsSpan(at + Hash256.Size));
        }
        return data;
    }

    /// <summary>The hash of an internal node from its path and its children's current hashes.</summary>
    [SkipLocalsInit]
    public static Hash256 HashInternal(MkvsInternalNode n)
    {
        int labelBits = n.LabelBits;
        int labelBytes = (labelBits + 7) >> 3;
        Span<byte> label = labelBytes <= 256 ? stackalloc byte[256] : new byte[labelBytes];
        KeyBits.ExtractLabel(n.Path, n.Start, n.End, label);
        return MkvsNodeHash.Internal(label[..labelBytes], labelBits, HashOf(n.Leaf), HashOf(n.Left), HashOf(n.Right));
    }

    public static Hash256 HashOf(MkvsNode? node) => node is null ? Sha512_256.EmptyHash : node.Hash;

    /// <summary>
    /// Decodes a stored node that sits at depth <paramref name="start"/> under a parent whose path is
    /// <paramref name="parentPath"/>, computes its hash and checks it against <paramref name="expected"/>.
    /// Children become hash stubs.
    /// </summary>
    public static MkvsNode DecodeFull(ReadOnlySpan<byte> data, int start, byte[]? parentPath, in Hash256 expected)
    {
        MkvsNode node;
        if (data.Length > 0 && data[0] == MkvsNodeHash.LeafPrefix)
        {
            var leaf = ReadLeaf(data, out int used);
            if (used != data.Length) throw Malformed("trailing bytes after a leaf");
            node = leaf;
        }
        else if (data.Length > 3 && data[0] == MkvsNodeHash.InternalPrefix)
        {
            int labelBits = BinaryPrimitives.ReadUInt16LittleEndian(data[1..]);
            int labelBytes = (labelBits + 7) >> 3;
            if (labelBits == 0 && start != 0) throw Malformed("empty label below the root");
            if (start + labelBits > ushort.MaxValue) throw Malformed("depth beyond 65535 bits");
            int at = 3;
            if (data.Length < at + labelBytes + 1) throw Malformed("truncated label");
            var label = data.Slice(at, labelBytes);
            at += labelBytes;
            var path = KeyBits.MergePath(parentPath ?? [], start, label, labelBits);
            var n = new MkvsInternalNode(path, start, start + labelBits);
            if (data[at] == NilPrefix)
            {
                at++;
            }
            else
            {
                var slot = ReadLeaf(data[at..], out int used);
                if (slot.Key.Length * 8 != n.End) throw Malformed("leaf key does not end at the node");
                slot.Hash = MkvsNodeHash.Leaf(slot.Key, slot.Value);
                slot.Clean = true;
                n.Leaf = slot;
                at += used;
            }
            if (data.Length != at + 2 * Hash256.Size) throw Malformed("an internal node needs exactly two child hashes");
            n.Left = Stub(new Hash256(data.Slice(at, Hash256.Size)));
            n.Right = Stub(new Hash256(data.Slice(at + Hash256.Size, Hash256.Size)));
            if (n.Left is null && n.Right is null) throw Malformed("internal node without children");
            // Hashed from the path, whose unused label bits MergePath dropped: a stored node with junk bits
            // there (never canonical) fails the hash check below instead of changing hash on the next commit.
            n.Hash = HashInternal(n);
            node = n;
        }
        else
        {
            throw Malformed("unknown node type");
        }
        if (node is MkvsLeafNode l) l.Hash = MkvsNodeHash.Leaf(l.Key, l.Value);
        node.Clean = true;
        if (node.Hash != expected)
            throw new MkvsException($"Node loaded for {expected} hashes to {node.Hash}.");
        return node;
    }

    private static MkvsHashNode? Stub(Hash256 hash) => hash == Sha512_256.EmptyHash ? null : new MkvsHashNode(hash);

    public static MkvsLeafNode ReadLeaf(ReadOnlySpan<byte> data, out int used)
    {
        if (data.Length < 1 + 2 + 4 || data[0] != MkvsNodeHash.LeafPrefix) throw Malformed("truncated leaf");
        int keyLength = BinaryPrimitives.ReadUInt16LittleEndian(data[1..]);
        if (data.Length < 3 + keyLength + 4) throw Malformed("truncated leaf key");
        var key = data.Slice(3, keyLength).ToArray();
        int at = 3 + keyLength;
        uint valueLength = BinaryPrimitives.ReadUInt32LittleEndian(data[at..]);
        at += 4;
        if ((ulong)(data.Length - at) < valueLength) throw Malformed("truncated leaf value");
        var value = data.Slice(at, (int)valueLength).ToArray();
        used = at + (int)valueLength;
        return new MkvsLeafNode(key, value);
    }

    private static MkvsException Malformed(string what) => new($"Malformed MKVS node: {what}.");
}
