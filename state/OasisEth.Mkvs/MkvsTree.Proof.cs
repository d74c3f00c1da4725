using OasisEth.Primitives;

namespace OasisEth.Mkvs;

public sealed partial class MkvsTree
{
    /// <summary>
    /// A proof for <paramref name="key"/> in the committed tree, as oasis-core's SyncGet builds it
    /// (go/storage/mkvs/lookup.go doGet with a ProofBuilder): the nodes on the key's path in full, everything
    /// beside the path by hash. An absent key gets the path that shows its absence.
    /// </summary>
    /// <param name="version">0 (leaf inside its internal node) or 1 (leaf as a child entry).</param>
    /// <param name="includeSiblings">Also include the siblings along the path in full (what removals fetch).</param>
    /// <param name="position">
    /// The subtree the requester is expanding; if its node is in the proof, the proof starts there
    /// (untrusted root = position), else at the tree root. Defaults to the root.
    /// </param>
    /// <param name="maxFullNodes">At most this many nodes go in in full (the rest as hashes), for partial proofs.</param>
    public MkvsProof GetProof(ReadOnlySpan<byte> key, ushort version = 1, bool includeSiblings = false,
        Hash256? position = null, int maxFullNodes = int.MaxValue)
    {
        if (version > 1) throw new ArgumentOutOfRangeException(nameof(version), "Proof versions are 0 and 1.");
        if (HasPendingChanges) throw new InvalidOperationException("Commit before building proofs.");
        var builder = new ProofBuilder(version, maxFullNodes);
        ProofWalk(ref _root, 0, null, key, builder, includeSiblings, stop: false);
        var start = position ?? _committedRoot;
        var proof = new MkvsProof { Version = version };
        proof.UntrustedRoot = builder.Included.ContainsKey(start) ? start : _committedRoot;
        builder.Emit(proof, proof.UntrustedRoot);
        return proof;
    }

    /// <summary>
    /// One proof holding the paths to all <paramref name="keys"/> in full, rooted at the tree root: the shape of
    /// oasis-core's SyncGetPrefixes and SyncIterate answers (every node their lookups visit).
    /// </summary>
    public MkvsProof GetMultiProof(IReadOnlyList<byte[]> keys, ushort version = 1)
    {
        if (version > 1) throw new ArgumentOutOfRangeException(nameof(version), "Proof versions are 0 and 1.");
        if (HasPendingChanges) throw new InvalidOperationException("Commit before building proofs.");
        var builder = new ProofBuilder(version, int.MaxValue);
        for (int i = 0; i < keys.Count; i++) ProofWalk(ref _root, 0, null, keys[i], builder, includeSiblings: false, stop: false);
        var proof = new MkvsProof { Version = version, UntrustedRoot = _committedRoot };
        builder.Emit(proof, _committedRoot);
        return proof;
    }

    private void ProofWalk(ref MkvsNode? slot, int depth, byte[]? parentPath, ReadOnlySpan<byte> key,
        ProofBuilder? builder, bool includeSiblings, bool stop)
    {
        var node = Resolve(ref slot, depth, parentPath, key, forRemoval: includeSiblings);
        if (node is null) return;
        builder?.Include(this, node);
        if (stop || node is not MkvsInternalNode n) return;

        int keyBits = key.Length * 8;
        int end = n.End;
        if (keyBits == end)
        {
            if (includeSiblings)
            {
                ProofWalk(ref n.Left, end, n.Path, key, builder, includeSiblings, stop: true);
                ProofWalk(ref n.Right, end, n.Path, key, builder, includeSiblings, stop: true);
            }
            // A v0 internal node carries its leaf already.
            ProofWalk(ref n.Leaf, end, n.Path, key, builder is { Version: 0 } ? null : builder, includeSiblings, stop: false);
            return;
        }
        if (keyBits < end) return;
        bool right = KeyBits.GetBit(key, end);
        ref MkvsNode? visit = ref (right ? ref n.Right : ref n.Left);
        ref MkvsNode? other = ref (right ? ref n.Left : ref n.Right);
        ProofWalk(ref visit, end, n.Path, key, builder, includeSiblings, stop: false);
        if (includeSiblings)
        {
            if (builder is { Version: > 0 }) ProofWalk(ref n.Leaf, end, n.Path, key, builder, includeSiblings, stop: true);
            ProofWalk(ref other, end, n.Path, key, builder, includeSiblings, stop: true);
        }
    }

    /// <summary>Collects included nodes by hash, then writes the pre-order entry list (oasis-core's ProofBuilder).</summary>
    private sealed class ProofBuilder(ushort version, int maxFullNodes)
    {
        public readonly ushort Version = version;
        public readonly Dictionary<Hash256, (byte[] Serialized, Hash256[] Children)> Included = [];

        public void Include(MkvsTree tree, MkvsNode node)
        {
            if (Included.Count >= maxFullNodes || Included.ContainsKey(node.Hash)) return;
            Hash256[] children = [];
            if (node is MkvsInternalNode n)
            {
                // v0 inlines the leaf, so it must be loaded.
                if (Version == 0) tree.Resolve(ref n.Leaf, n.End, n.Path);
                children = Version == 0
                    ? [MkvsNodeCodec.HashOf(n.Left), MkvsNodeCodec.HashOf(n.Right)]
                    : [MkvsNodeCodec.HashOf(n.Leaf), MkvsNodeCodec.HashOf(n.Left), MkvsNodeCodec.HashOf(n.Right)];
            }
            Included[node.Hash] = (MkvsNodeCodec.EncodeCompact(node, Version), children);
        }

        public void Emit(MkvsProof proof, Hash256 hash)
        {
            if (hash == Sha512_256.EmptyHash)
            {
                proof.Entries.Add(null);
                return;
            }
            if (!Included.TryGetValue(hash, out var included))
            {
                var entry = new byte[1 + Hash256.Size];
                entry[0] = MkvsProof.EntryHash;
                hash.CopyTo(entry.AsSpan(1));
                proof.Entries.Add(entry);
                return;
            }
            var full = new byte[1 + included.Serialized.Length];
            full[0] = MkvsProof.EntryFull;
            included.Serialized.CopyTo(full, 1);
            proof.Entries.Add(full);
            foreach (var child in included.Children) Emit(proof, child);
        }
    }
}
