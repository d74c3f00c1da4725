namespace OasisEth.Mkvs;

public sealed partial class MkvsTree
{
    private const byte LeafSlot = 0, LeftSlot = 1, RightSlot = 2;

    private readonly List<(MkvsInternalNode Node, byte Slot)> _removePath = new(64);

    /// <summary>Removes <paramref name="key"/>; returns whether it was present.</summary>
    public bool Remove(ReadOnlySpan<byte> key)
    {
        var lookup = _pending.GetAlternateLookup<ReadOnlySpan<byte>>();
        bool tracked = lookup.TryGetValue(key, out byte[]? ownedKey, out Pending pending);
        if (tracked && pending.Value is null) return false;
        if (!RemoveCore(key)) return false;
        // A key removed without having been touched in this batch existed before it.
        if (!tracked)
        {
            ownedKey = key.ToArray();
            pending.Existed = true;
        }
        pending.Value = null;
        _pending[ownedKey!] = pending;
        _stamp++;
        return true;
    }

    /// <summary>
    /// Removes the leaf and restores the canonical shape: an internal node left with one child is replaced by
    /// that child (an internal child takes over the parent's start, i.e. the labels merge). At most one node
    /// collapses per removal, since the parent above still has as many children as before.
    /// </summary>
    private bool RemoveCore(ReadOnlySpan<byte> key)
    {
        int keyBits = key.Length * 8;
        var frames = _removePath;
        frames.Clear();
        ref MkvsNode? slot = ref _root;
        byte[]? parentPath = null;
        int depth = 0;
        while (true)
        {
            var node = Resolve(ref slot, depth, parentPath, key, forRemoval: true);
            if (node is null) return false;
            if (node is MkvsLeafNode leaf)
            {
                if (!key.SequenceEqual(leaf.Key)) return false;
                break;
            }
            var n = (MkvsInternalNode)node;
            int end = n.End;
            if (keyBits < end) return false;
            parentPath = n.Path;
            depth = end;
            if (keyBits == end) { frames.Add((n, LeafSlot)); slot = ref n.Leaf; }
            else if (KeyBits.GetBit(key, end)) { frames.Add((n, RightSlot)); slot = ref n.Right; }
            else { frames.Add((n, LeftSlot)); slot = ref n.Left; }
        }
        slot = null;
        if (frames.Count == 0) return true;

        var bottom = frames[^1].Node;
        MkvsNode? replacement = null;
        if (bottom.Leaf is not null && bottom.Left is null && bottom.Right is null)
        {
            replacement = bottom.Leaf;
            // It was stored inside its parent; as a child of its own it must be written out again.
            if (replacement is MkvsLeafNode moved) moved.Clean = false;
        }
        else if (bottom.Leaf is null && (bottom.Left is null || bottom.Right is null))
        {
            var only = ResolveChild(bottom, right: bottom.Left is null);
            if (only is MkvsInternalNode child)
            {
                child.Start = bottom.Start;
                child.Clean = false;
            }
            replacement = only;
        }
        else
        {
            bottom.Clean = false;
        }

        if (replacement is not null)
        {
            if (frames.Count == 1) _root = replacement;
            else
            {
                var (parent, which) = frames[^2];
                if (which == LeafSlot) parent.Leaf = replacement;
                else if (which == LeftSlot) parent.Left = replacement;
                else parent.Right = replacement;
            }
        }
        for (int i = 0; i < frames.Count - 1; i++) frames[i].Node.Clean = false;
        return true;
    }
}
