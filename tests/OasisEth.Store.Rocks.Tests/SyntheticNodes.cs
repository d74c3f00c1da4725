using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Store.Rocks.Tests;

/// <summary>
/// A node format of the tests' own, so the store is exercised without the MKVS tree: 0xA5 ‖ u8 child count ‖
/// child hashes ‖ payload; a node's hash is SHA-512/256 of its bytes.
/// </summary>
internal static class SyntheticNodes
{
    private const byte Tag = 0xA5;

    public static readonly NodeChildrenReader Reader = Read;

    public static (Hash256 Hash, byte[] Encoded) Make(ReadOnlySpan<byte> payload, params Hash256[] children)
    {
        var bytes = new byte[2 + children.Length * Hash256.Size + payload.Length];
        bytes[0] = Tag;
        bytes[1] = (byte)children.Length;
        for (int i = 0; i < children.Length; i++) children[i].CopyTo(bytes.AsSpan(2 + i * Hash256.Size));
        payload.CopyTo(bytes.AsSpan(2 + children.Length * Hash256.Size));
        return (Sha512_256.Hash(bytes), bytes);
    }

    public static int Read(ReadOnlySpan<byte> encoded, Span<Hash256> children)
    {
        if (encoded.Length < 2 || encoded[0] != Tag) return -1;
        int count = encoded[1];
        if (count > children.Length || encoded.Length < 2 + count * Hash256.Size) return -1;
        for (int i = 0; i < count; i++) children[i] = new Hash256(encoded.Slice(2 + i * Hash256.Size, Hash256.Size));
        return count;
    }

    public static NodeStoreOptions Options(bool sync = false, long cacheBytes = 1 << 20) => new()
    {
        ChildrenOf = Reader,
        FlatIndex = false,
        // Tests commit hundreds of rounds; fsync adds nothing to what they check except time (the crash
        // test runs with the default, synced commits).
        SyncCommits = sync,
        NodeCacheBytes = cacheBytes,
    };
}
