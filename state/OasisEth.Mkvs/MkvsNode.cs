using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// A node of the in-memory tree. <see cref="Clean"/> means <see cref="Hash"/> is current; any change to a
/// node or below it clears the flag on the path, so a commit rehashes only that path.
/// </summary>
internal abstract class MkvsNode
{
    public Hash256 Hash;
    public bool Clean;
}

/// <summary>A key/value pair. Keys are never changed after creation (paths of internal nodes may share them).</summary>
internal sealed class MkvsLeafNode(byte[] key, byte[] value) : MkvsNode
{
    public readonly byte[] Key = key;
    public byte[] Value = value;
}

/// <summary>
/// An internal node covering bits [<see cref="Start"/>, <see cref="End"/>) of its keys. Instead of a label of
/// its own it keeps <see cref="Path"/>: any byte string whose first <see cref="End"/> bits are the node's
/// absolute path (often the key of a leaf below it), so splits and merges only move <see cref="Start"/>;
/// the label bytes oasis hashes are cut out of the path when the node is hashed or encoded.
/// </summary>
internal sealed class MkvsInternalNode(byte[] path, int start, int end) : MkvsNode
{
    public byte[] Path = path;
    public int Start = start;
    public int End = end;
    /// <summary>The leaf whose key is exactly <see cref="End"/> bits long, if any.</summary>
    public MkvsNode? Leaf;
    /// <summary>Subtree of keys whose bit <see cref="End"/> is 0.</summary>
    public MkvsNode? Left;
    /// <summary>Subtree of keys whose bit <see cref="End"/> is 1.</summary>
    public MkvsNode? Right;

    public int LabelBits => End - Start;
}

/// <summary>A subtree known only by its hash; replaced by the decoded node when it is first needed.</summary>
internal sealed class MkvsHashNode : MkvsNode
{
    public MkvsHashNode(Hash256 hash)
    {
        Hash = hash;
        Clean = true;
    }
}
