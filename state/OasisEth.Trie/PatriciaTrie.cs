using OasisEth.Primitives;

namespace OasisEth.Trie;

/// <summary>
/// An in-memory Ethereum Merkle Patricia Trie (Yellow Paper appendix D): leaf, extension and branch nodes,
/// hex-prefix paths, nodes under 32 bytes embedded in their parent. Keys and values are copied in, so the
/// caller's spans may be reused. Node references are cached and only the nodes on a changed path are re-encoded,
/// so <see cref="RootHash"/> after a few changes costs a few hashes, not a rebuild.
/// For a one-shot root of a known set of entries use <see cref="ComputeRoot(IEnumerable{KeyValuePair{byte[], byte[]}})"/>,
/// which builds no nodes at all.
/// </summary>
public sealed partial class PatriciaTrie
{
    private const int StackKeyLimit = 128;

    private TrieNode? _root;
    private Hash256? _rootHash;

    public bool IsEmpty => _root is null;

    /// <summary>Keccak of the root node's RLP; <see cref="Hash256.EmptyTrie"/> when empty.</summary>
    public Hash256 RootHash
    {
        get
        {
            if (_root is null) return Hash256.EmptyTrie;
            return _rootHash ??= TrieEncoding.RootFromReference(_root.Reference);
        }
    }

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/>; an empty value deletes the key (Ethereum semantics).</summary>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty)
        {
            Delete(key);
            return;
        }
        Span<byte> path = key.Length <= StackKeyLimit ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        ToNibbles(key, path);
        _root = Insert(_root, path, value.ToArray());
        _rootHash = null;
    }

    public void Delete(ReadOnlySpan<byte> key)
    {
        Span<byte> path = key.Length <= StackKeyLimit ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        ToNibbles(key, path);
        bool changed = false;
        _root = Remove(_root, path, ref changed);
        if (changed) _rootHash = null;
    }

    /// <summary>The value stored under <paramref name="key"/> (the trie's own array: do not modify), or null.</summary>
    public byte[]? Get(ReadOnlySpan<byte> key)
    {
        Span<byte> buffer = key.Length <= StackKeyLimit ? stackalloc byte[key.Length * 2] : new byte[key.Length * 2];
        ToNibbles(key, buffer);
        ReadOnlySpan<byte> path = buffer;
        TrieNode? node = _root;
        while (true)
        {
            switch (node)
            {
                case LeafNode leaf:
                    return path.SequenceEqual(leaf.Path) ? leaf.Value : null;
                case ExtensionNode ext:
                    if (!path.StartsWith(ext.Path)) return null;
                    path = path[ext.Path.Length..];
                    node = ext.Child;
                    break;
                case BranchNode branch:
                    if (path.IsEmpty) return branch.Value;
                    node = branch.Children[path[0]];
                    path = path[1..];
                    break;
                default:
                    return null;
            }
        }
    }

    private static TrieNode Insert(TrieNode? node, ReadOnlySpan<byte> path, byte[] value)
    {
        switch (node)
        {
            case null:
                return new LeafNode(path.ToArray(), value);

            case LeafNode leaf:
            {
                int common = CommonLength(leaf.Path, path);
                if (common == leaf.Path.Length && common == path.Length)
                {
                    leaf.Value = value;
                    leaf.Invalidate();
                    return leaf;
                }
                var branch = new BranchNode();
                PlaceInBranch(branch, leaf.Path.AsSpan(common), leaf.Value);
                PlaceInBranch(branch, path[common..], value);
                return common == 0 ? branch : new ExtensionNode(path[..common].ToArray(), branch);
            }

            case ExtensionNode ext:
            {
                int common = CommonLength(ext.Path, path);
                if (common == ext.Path.Length)
                {
                    ext.Child = Insert(ext.Child, path[common..], value);
                    ext.Invalidate();
                    return ext;
                }
                // The new key leaves the extension part-way: a branch takes its place at the divergence.
                var branch = new BranchNode();
                ReadOnlySpan<byte> rest = ext.Path.AsSpan(common + 1);
                branch.Children[ext.Path[common]] = rest.IsEmpty ? ext.Child : new ExtensionNode(rest.ToArray(), ext.Child);
                PlaceInBranch(branch, path[common..], value);
                return common == 0 ? branch : new ExtensionNode(path[..common].ToArray(), branch);
            }

            default:
            {
                var branch = (BranchNode)node;
                if (path.IsEmpty) branch.Value = value;
                else branch.Children[path[0]] = Insert(branch.Children[path[0]], path[1..], value);
                branch.Invalidate();
                return branch;
            }
        }
    }

    private static void PlaceInBranch(BranchNode branch, ReadOnlySpan<byte> rest, byte[] value)
    {
        if (rest.IsEmpty) branch.Value = value;
        else branch.Children[rest[0]] = new LeafNode(rest[1..].ToArray(), value);
    }

    /// <summary>Removes the key under <paramref name="node"/>; sets <paramref name="changed"/> only if it was there.</summary>
    private static TrieNode? Remove(TrieNode? node, ReadOnlySpan<byte> path, ref bool changed)
    {
        switch (node)
        {
            case null:
                return null;

            case LeafNode leaf:
                if (!path.SequenceEqual(leaf.Path)) return leaf;
                changed = true;
                return null;

            case ExtensionNode ext:
            {
                if (!path.StartsWith(ext.Path)) return ext;
                TrieNode? child = Remove(ext.Child, path[ext.Path.Length..], ref changed);
                if (!changed) return ext;
                switch (child)
                {
                    // The branch below collapsed: fold its replacement's path into ours.
                    case null: return null;
                    case LeafNode l: return new LeafNode(Concat(ext.Path, [], l.Path), l.Value);
                    case ExtensionNode e: return new ExtensionNode(Concat(ext.Path, [], e.Path), e.Child);
                    default:
                        ext.Child = child;
                        ext.Invalidate();
                        return ext;
                }
            }

            default:
            {
                var branch = (BranchNode)node;
                if (path.IsEmpty)
                {
                    if (branch.Value is null) return branch;
                    branch.Value = null;
                    changed = true;
                }
                else
                {
                    TrieNode? child = Remove(branch.Children[path[0]], path[1..], ref changed);
                    if (!changed) return branch;
                    branch.Children[path[0]] = child;
                }
                branch.Invalidate();
                return Collapse(branch);
            }
        }
    }

    /// <summary>A branch left with one child and no value, or only a value, is replaced by a shorter node.</summary>
    private static TrieNode? Collapse(BranchNode branch)
    {
        int only = -1;
        for (int i = 0; i < 16; i++)
        {
            if (branch.Children[i] is null) continue;
            if (only >= 0) return branch; // two children
            only = i;
        }
        if (only < 0) return branch.Value is null ? null : new LeafNode([], branch.Value);
        if (branch.Value is not null) return branch;

        ReadOnlySpan<byte> slot = [(byte)only];
        return branch.Children[only] switch
        {
            LeafNode l => new LeafNode(Concat([], slot, l.Path), l.Value),
            ExtensionNode e => new ExtensionNode(Concat([], slot, e.Path), e.Child),
            var b => new ExtensionNode([(byte)only], b!),
        };
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c)
    {
        var result = new byte[a.Length + b.Length + c.Length];
        a.CopyTo(result);
        b.CopyTo(result.AsSpan(a.Length));
        c.CopyTo(result.AsSpan(a.Length + b.Length));
        return result;
    }

    private static int CommonLength(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => a.CommonPrefixLength(b);

    private static void ToNibbles(ReadOnlySpan<byte> key, Span<byte> nibbles)
    {
        for (int i = 0; i < key.Length; i++)
        {
            nibbles[2 * i] = (byte)(key[i] >> 4);
            nibbles[2 * i + 1] = (byte)(key[i] & 0xF);
        }
    }
}
