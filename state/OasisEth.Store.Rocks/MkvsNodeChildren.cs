using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Store.Rocks;

/// <summary>
/// Children of an MKVS node in oasis-core's full (stored) form, as <see cref="MkvsTree.NewNodes"/> hands them
/// out: a leaf (prefix 0x00) has none; an internal node (prefix 0x01) ends with leftHash ‖ rightHash, where the
/// empty hash means "no child". The leaf in an internal node's leaf slot is inlined, never stored alone, so
/// it is not a child here.
/// </summary>
public static class MkvsNodeChildren
{
    private const byte LeafPrefix = 0x00;
    private const byte InternalPrefix = 0x01;

    /// <summary>The reader to pass to <see cref="NodeStore.Open"/> for a store of MKVS nodes.</summary>
    public static readonly NodeChildrenReader Reader = Read;

    public static int Read(ReadOnlySpan<byte> encoded, Span<Hash256> children)
    {
        if (encoded.Length == 0) return -1;
        if (encoded[0] == LeafPrefix) return 0;
        // prefix + u16 label bits + at least the nil leaf marker + two hashes.
        if (encoded[0] != InternalPrefix || encoded.Length < 4 + 2 * Hash256.Size) return -1;
        int count = 0;
        var left = new Hash256(encoded.Slice(encoded.Length - 2 * Hash256.Size, Hash256.Size));
        var right = new Hash256(encoded.Slice(encoded.Length - Hash256.Size, Hash256.Size));
        if (left != Sha512_256.EmptyHash) children[count++] = left;
        if (right != Sha512_256.EmptyHash) children[count++] = right;
        return count;
    }
}
