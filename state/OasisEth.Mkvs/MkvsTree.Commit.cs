using OasisEth.Primitives;

namespace OasisEth.Mkvs;

public sealed partial class MkvsTree
{
    /// <summary>Nodes hashed by the last commit, in post-order; encoded only when someone asks.</summary>
    private readonly List<MkvsNode> _newNodes = [];
    private int _newNodesStamp = -1;

    /// <summary>
    /// Hashes what changed since the last commit and returns the new root with the batch's write log
    /// (sorted inserts, then sorted deletes of keys that existed before the batch; see rhp-spec §9.3).
    /// </summary>
    public MkvsCommitResult Commit()
    {
        _newNodes.Clear();
        if (_root is { Clean: false } root) HashSubtree(root, inLeafSlot: false);
        _committedRoot = MkvsNodeCodec.HashOf(_root);

        var writeLog = BuildWriteLog();
        _pending.Clear();
        _stamp++;
        _newNodesStamp = _stamp;
        return new MkvsCommitResult(_committedRoot, writeLog);
    }

    /// <summary>
    /// The nodes the last <see cref="Commit"/> created, each with its stored encoding (oasis-core's full node
    /// form), for a store keyed by hash; a tree opened at the root over such a store loads them back. A leaf
    /// that sits in an internal node's leaf slot is stored inside that node, not on its own. Valid until the
    /// tree changes again.
    /// </summary>
    public IEnumerable<(Hash256 Hash, byte[] Encoded)> NewNodes
    {
        get
        {
            int stamp = _newNodesStamp;
            if (stamp != _stamp) throw new InvalidOperationException("The tree changed since its last commit.");
            return Encode(stamp);
        }
    }

    private IEnumerable<(Hash256 Hash, byte[] Encoded)> Encode(int stamp)
    {
        foreach (var node in _newNodes)
        {
            if (stamp != _stamp) throw new InvalidOperationException("The tree changed while its new nodes were read.");
            yield return (node.Hash, MkvsNodeCodec.EncodeFull(node));
        }
    }

    /// <summary>
    /// Rehashes the dirty part of a subtree bottom-up. Clean children (and hash-only stubs) keep their cached
    /// hashes, so the work is proportional to the changed paths. Recursion depth is the trie depth.
    /// </summary>
    private void HashSubtree(MkvsNode node, bool inLeafSlot)
    {
        if (node is MkvsLeafNode leaf)
        {
            leaf.Hash = MkvsNodeHash.Leaf(leaf.Key, leaf.Value);
        }
        else
        {
            var n = (MkvsInternalNode)node;
            if (n.Leaf is { Clean: false } slot) HashSubtree(slot, inLeafSlot: true);
            if (n.Left is { Clean: false } left) HashSubtree(left, inLeafSlot: false);
            if (n.Right is { Clean: false } right) HashSubtree(right, inLeafSlot: false);
            n.Hash = MkvsNodeCodec.HashInternal(n);
        }
        node.Clean = true;
        if (!inLeafSlot) _newNodes.Add(node);
    }

    private List<MkvsWriteLogEntry> BuildWriteLog()
    {
        var inserts = new List<MkvsWriteLogEntry>(_pending.Count);
        var deletes = new List<MkvsWriteLogEntry>();
        foreach (var (key, pending) in _pending)
        {
            if (pending.Value is not null) inserts.Add(new MkvsWriteLogEntry(key, pending.Value));
            else if (pending.Existed) deletes.Add(new MkvsWriteLogEntry(key, null));
        }
        // Dictionary order is hash order: sort so the log is the same on every node.
        inserts.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        deletes.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        inserts.AddRange(deletes);
        return inserts;
    }
}
