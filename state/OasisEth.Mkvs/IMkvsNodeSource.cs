using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// Where a lazily opened <see cref="MkvsTree"/> reads nodes it knows only by hash: a local store, or the
/// host's storage sync (rhp-spec §9.4), which fetches a whole path per round trip and so wants to know the key
/// being looked up.
/// </summary>
public interface IMkvsNodeSource
{
    /// <summary>
    /// The stored (full) bytes of the node with <paramref name="hash"/>, as <see cref="MkvsTree.NewNodes"/>
    /// gives them, or null when unknown. The tree checks the bytes against the hash.
    /// </summary>
    /// <param name="keyHint">
    /// A key whose path runs through the node: the key being read or changed, or for iteration a path
    /// prefix that leads to the node. Empty for the root.
    /// </param>
    /// <param name="forRemoval">The lookup is a removal, which may also need the siblings on the path.</param>
    byte[]? Load(in Hash256 hash, ReadOnlySpan<byte> keyHint, bool forRemoval);
}

/// <summary>Adapts the hash → bytes callback of the older constructor.</summary>
internal sealed class FuncNodeSource(Func<Hash256, byte[]?> load) : IMkvsNodeSource
{
    public byte[]? Load(in Hash256 hash, ReadOnlySpan<byte> keyHint, bool forRemoval) => load(hash);
}
