using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// Oasis' MKVS state tree (rhp-spec §9): a canonical binary trie over bit-string keys whose root, SHA-512/256
/// over oasis-core's node layout, depends only on the key/value set. Mutations apply in place; node hashes are
/// cached and a commit rehashes only the paths changed since the last one. A tree opened at a root loads
/// nodes on demand through a callback (hash → stored node bytes), and <see cref="NewNodes"/> hands the nodes a
/// commit created to whatever stores them. Not thread-safe.
/// </summary>
public sealed partial class MkvsTree
{
    private readonly IMkvsNodeSource? _source;
    private MkvsNode? _root;
    private Hash256 _committedRoot;

    /// <summary>Keys touched since the last commit: whether each existed before the batch and its value now.</summary>
    private readonly Dictionary<byte[], Pending> _pending = new(ByteArrayComparer.Instance);

    /// <summary>Bumped by every change, so iterators and <see cref="NewNodes"/> notice a tree that moved on.</summary>
    private int _stamp;

    private struct Pending
    {
        public bool Existed;
        public byte[]? Value;
    }

    /// <summary>An empty tree (root = the empty hash).</summary>
    public MkvsTree()
    {
        _committedRoot = Sha512_256.EmptyHash;
    }

    /// <summary>
    /// A tree at <paramref name="root"/> whose nodes are read through <paramref name="loadNode"/> (hash → the
    /// node's stored bytes as <see cref="NewNodes"/> gave them, or null when unknown) the first time a
    /// lookup, change or iteration reaches them. Loaded nodes are checked against their hashes.
    /// </summary>
    public MkvsTree(Hash256 root, Func<Hash256, byte[]?> loadNode)
        : this(root, new FuncNodeSource(loadNode))
    {
    }

    /// <summary>
    /// A tree at <paramref name="root"/> whose nodes come from <paramref name="source"/>, which is told the key
    /// each load is for (so a remote source can fetch the whole path at once). Loaded nodes are checked
    /// against their hashes.
    /// </summary>
    public MkvsTree(Hash256 root, IMkvsNodeSource source)
    {
        _source = source;
        _committedRoot = root;
        _root = root == Sha512_256.EmptyHash ? null : new MkvsHashNode(root);
    }

    /// <summary>The root of the last commit (or the root the tree was opened at).</summary>
    public Hash256 Root => _committedRoot;

    /// <summary>True when there are changes not yet committed.</summary>
    public bool HasPendingChanges => _pending.Count > 0 || (_root is not null && !_root.Clean);

    /// <summary>The value stored under <paramref name="key"/>, or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        int keyBits = key.Length * 8;
        MkvsNode? node = Resolve(ref _root, 0, null, key);
        while (node is MkvsInternalNode n)
        {
            int end = n.End;
            if (keyBits < end) return null;
            if (keyBits == end) node = Resolve(ref n.Leaf, end, n.Path, key);
            else if (KeyBits.GetBit(key, end)) node = Resolve(ref n.Right, end, n.Path, key);
            else node = Resolve(ref n.Left, end, n.Path, key);
        }
        return node is MkvsLeafNode leaf && key.SequenceEqual(leaf.Key) ? leaf.Value : null;
    }

    public bool TryGet(ReadOnlySpan<byte> key, [NotNullWhen(true)] out byte[]? value)
    {
        value = Get(key);
        return value is not null;
    }

    /// <summary>An iterator over the tree in key order, positioned before the first key (call Seek or Rewind).</summary>
    public MkvsIterator CreateIterator() => new(this);

    /// <summary>All entries with key ≥ <paramref name="from"/> in key order.</summary>
    public IEnumerable<KeyValuePair<byte[], byte[]>> Enumerate(byte[]? from = null)
    {
        var it = CreateIterator();
        it.Seek(from ?? []);
        while (it.Valid)
        {
            yield return new KeyValuePair<byte[], byte[]>(it.Key, it.Value);
            it.Next();
        }
    }

    internal int Stamp => _stamp;
    internal ref MkvsNode? RootSlot => ref _root;

    /// <summary>
    /// The node in <paramref name="slot"/>, loading it first if only its hash is known. The slot is updated so
    /// the node is loaded once; <paramref name="start"/> and <paramref name="parentPath"/> place it in the tree,
    /// and <paramref name="keyHint"/> (a key whose path runs through the node) goes to the node source.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal MkvsNode? Resolve(ref MkvsNode? slot, int start, byte[]? parentPath, ReadOnlySpan<byte> keyHint = default,
        bool forRemoval = false)
    {
        var node = slot;
        if (node is MkvsHashNode stub) slot = node = Load(stub.Hash, start, parentPath, keyHint, forRemoval);
        return node;
    }

    /// <summary>Resolves the left or right child of <paramref name="parent"/> with a path hint built from the parent (iteration, sibling lookups).</summary>
    internal MkvsNode? ResolveChild(MkvsInternalNode parent, bool right)
    {
        ref MkvsNode? slot = ref right ? ref parent.Right : ref parent.Left;
        if (slot is not MkvsHashNode) return slot;
        return Resolve(ref slot, parent.End, parent.Path, KeyBits.ChildPathHint(parent.Path, parent.End, right));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MkvsNode Load(Hash256 hash, int start, byte[]? parentPath, ReadOnlySpan<byte> keyHint, bool forRemoval)
    {
        var data = _source?.Load(hash, keyHint, forRemoval) ?? throw new MkvsException($"MKVS node {hash} is not available.");
        return MkvsNodeCodec.DecodeFull(data, start, parentPath, hash);
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowKeyTooLong(int length) =>
        throw new ArgumentException($"An MKVS key is at most {KeyBits.MaxKeyBytes} bytes, got {length}.");
}
