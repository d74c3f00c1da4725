namespace OasisEth.Mkvs;

/// <summary>
/// Walks an <see cref="MkvsTree"/> in key order (bytewise, a key before its extensions): within an internal
/// node the leaf slot comes first, then the 0 side, then the 1 side. Pending subtrees sit on a stack as
/// (parent, slot) so hash-only nodes are loaded when reached, not when passed. Throws if the tree changes.
/// </summary>
public sealed class MkvsIterator
{
    private const byte RootFrame = 255, LeafSlot = 0, LeftSlot = 1, RightSlot = 2;

    private readonly MkvsTree _tree;
    private readonly Stack<(MkvsInternalNode? Parent, byte Slot)> _stack = new();
    private int _stamp;
    private byte[] _key = [];
    private byte[] _value = [];

    internal MkvsIterator(MkvsTree tree)
    {
        _tree = tree;
        _stamp = tree.Stamp;
    }

    /// <summary>True while the iterator stands on an entry.</summary>
    public bool Valid { get; private set; }

    public byte[] Key => Valid ? _key : throw new InvalidOperationException("The iterator is not on an entry.");
    public byte[] Value => Valid ? _value : throw new InvalidOperationException("The iterator is not on an entry.");

    /// <summary>Positions on the first entry.</summary>
    public void Rewind() => Seek([]);

    /// <summary>Positions on the first entry whose key is ≥ <paramref name="target"/>.</summary>
    public void Seek(ReadOnlySpan<byte> target)
    {
        _stack.Clear();
        _stamp = _tree.Stamp;
        int targetBits = target.Length * 8;
        MkvsInternalNode? parent = null;
        byte slot = RootFrame;
        while (true)
        {
            var node = Resolve(parent, slot);
            if (node is null) break;
            if (node is MkvsLeafNode leaf)
            {
                if (leaf.Key.AsSpan().SequenceCompareTo(target) >= 0) _stack.Push((parent, slot));
                break;
            }
            var n = (MkvsInternalNode)node;
            // The target agrees with this node's path on [0, Start); compare the label part.
            int limit = Math.Min(targetBits, n.End);
            int common = n.Start >= limit ? limit : KeyBits.CommonPrefixBits(n.Path, n.End, target, targetBits, n.Start);
            if (common < limit)
            {
                // They differ at bit `common`: the whole subtree is above the target or below it.
                if (!KeyBits.GetBit(target, common)) _stack.Push((parent, slot));
                break;
            }
            if (targetBits <= n.End)
            {
                // The target is a prefix of (or equal to) this node's path: every key below is ≥ target.
                _stack.Push((parent, slot));
                break;
            }
            // The target goes deeper: the leaf slot is a proper prefix of it, hence smaller.
            if (!KeyBits.GetBit(target, n.End)) _stack.Push((n, RightSlot));
            slot = KeyBits.GetBit(target, n.End) ? RightSlot : LeftSlot;
            parent = n;
        }
        Advance();
    }

    /// <summary>Moves to the next entry; <see cref="Valid"/> turns false after the last.</summary>
    public void Next()
    {
        if (_stamp != _tree.Stamp) throw new InvalidOperationException("The tree changed under the iterator.");
        Advance();
    }

    private void Advance()
    {
        Valid = false;
        while (_stack.TryPop(out var frame))
        {
            var node = Resolve(frame.Parent, frame.Slot);
            if (node is null) continue;
            if (node is MkvsLeafNode leaf)
            {
                _key = leaf.Key;
                _value = leaf.Value;
                Valid = true;
                return;
            }
            var n = (MkvsInternalNode)node;
            _stack.Push((n, RightSlot));
            _stack.Push((n, LeftSlot));
            _stack.Push((n, LeafSlot));
        }
    }

    private MkvsNode? Resolve(MkvsInternalNode? parent, byte slot)
    {
        if (parent is null) return _tree.Resolve(ref _tree.RootSlot, 0, null);
        return slot switch
        {
            LeafSlot => _tree.Resolve(ref parent.Leaf, parent.End, parent.Path),
            LeftSlot => _tree.ResolveChild(parent, right: false),
            _ => _tree.ResolveChild(parent, right: true),
        };
    }
}
