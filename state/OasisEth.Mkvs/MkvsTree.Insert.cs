namespace OasisEth.Mkvs;

public sealed partial class MkvsTree
{
    /// <summary>Internal nodes on the path of the current insert; reused so an insert allocates only its leaf.</summary>
    private readonly List<MkvsInternalNode> _path = new(64);

    /// <summary>Sets <paramref name="key"/> to <paramref name="value"/> (an empty value is a value). Both are copied.</summary>
    public void Insert(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        if (key.Length > KeyBits.MaxKeyBytes) ThrowKeyTooLong(key.Length);
        var lookup = _pending.GetAlternateLookup<ReadOnlySpan<byte>>();
        bool tracked = lookup.TryGetValue(key, out byte[]? ownedKey, out Pending pending);
        ownedKey ??= key.ToArray();
        var ownedValue = value.ToArray();
        bool existed = InsertCore(ownedKey, ownedValue);
        if (!tracked) pending.Existed = existed;
        pending.Value = ownedValue;
        _pending[ownedKey] = pending;
        _stamp++;
    }

    /// <summary>Inserts into the trie, keeping it canonical (rhp-spec §9.2). Returns whether the key was present.</summary>
    private bool InsertCore(byte[] key, byte[] value)
    {
        int keyBits = key.Length * 8;
        ref MkvsNode? slot = ref _root;
        byte[]? parentPath = null;
        int depth = 0;
        var path = _path;
        path.Clear();
        bool existed = false, changed = true;
        while (true)
        {
            var node = Resolve(ref slot, depth, parentPath, key);
            if (node is null)
            {
                slot = new MkvsLeafNode(key, value);
                break;
            }
            if (node is MkvsLeafNode leaf)
            {
                if (leaf.Key.AsSpan().SequenceEqual(key))
                {
                    existed = true;
                    if (leaf.Value.AsSpan().SequenceEqual(value)) changed = false;
                    else
                    {
                        leaf.Value = value;
                        leaf.Clean = false;
                    }
                    break;
                }
                // Two keys where one leaf was: a new internal node over their common prefix. Both keys
                // agree with the path above on [0, depth), so the comparison starts there.
                int leafBits = leaf.Key.Length * 8;
                int cp = KeyBits.CommonPrefixBits(leaf.Key, leafBits, key, keyBits, depth);
                var fork = new MkvsInternalNode(key, depth, cp);
                var added = new MkvsLeafNode(key, value);
                if (cp == keyBits) Place(fork, added, leaf, KeyBits.GetBit(leaf.Key, cp));
                else if (cp == leafBits) Place(fork, leaf, added, KeyBits.GetBit(key, cp));
                else if (KeyBits.GetBit(key, cp)) { fork.Left = leaf; fork.Right = added; }
                else { fork.Left = added; fork.Right = leaf; }
                slot = fork;
                break;
            }

            var n = (MkvsInternalNode)node;
            int end = n.End;
            int common = KeyBits.CommonPrefixBits(n.Path, end, key, keyBits, depth);
            if (common == end)
            {
                path.Add(n);
                parentPath = n.Path;
                depth = end;
                if (keyBits == end) slot = ref n.Leaf;
                else if (KeyBits.GetBit(key, end)) slot = ref n.Right;
                else slot = ref n.Left;
                continue;
            }

            // The key leaves the label at bit `common`: split the label there. The old node keeps its path
            // and children and now starts lower, so its own hash changes too.
            var split = new MkvsInternalNode(key, depth, common);
            n.Start = common;
            n.Clean = false;
            var newLeaf = new MkvsLeafNode(key, value);
            if (common == keyBits) Place(split, newLeaf, n, KeyBits.GetBit(n.Path, common));
            else if (KeyBits.GetBit(key, common)) { split.Left = n; split.Right = newLeaf; }
            else { split.Left = newLeaf; split.Right = n; }
            slot = split;
            break;
        }
        if (changed)
        {
            foreach (var p in path) p.Clean = false;
        }
        return existed;
    }

    /// <summary>Puts <paramref name="leaf"/> in the leaf slot and <paramref name="child"/> on the side its next bit picks.</summary>
    private static void Place(MkvsInternalNode parent, MkvsNode leaf, MkvsNode child, bool childBit)
    {
        parent.Leaf = leaf;
        if (childBit) parent.Right = child;
        else parent.Left = child;
    }
}
