using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Bench.ParaTime;

/// <summary>
/// The host side of storage sync in memory: the host's node database (every node of every root it applied) and
/// SyncGet proofs built from it, passed through their CBOR form as on the wire. What a benchmark leaves out of a
/// real node is only the socket and the node's own lookups.
/// </summary>
internal sealed class InMemoryHost : IHostCalls
{
    private readonly Dictionary<Hash256, byte[]> _nodes = [];

    public long SyncGets { get; private set; }

    public Hash256 Apply(Hash256 root, IReadOnlyList<MkvsWriteLogEntry> log)
    {
        MkvsTree tree = Open(root);
        MkvsWriteLog.Apply(tree, log);
        var (newRoot, _) = tree.Commit();
        foreach (var (hash, encoded) in tree.NewNodes) _nodes[hash] = encoded;
        return newRoot;
    }

    private MkvsTree Open(Hash256 root) =>
        root == Sha512_256.EmptyHash ? new MkvsTree() : new MkvsTree(root, h => _nodes.TryGetValue(h, out byte[]? n) ? n : null);

    public MkvsProof SyncGet(StorageRoot root, Hash256 position, byte[] key, bool includeSiblings, CancellationToken ct)
    {
        SyncGets++;
        MkvsProof proof = Open(root.Hash).GetProof(key, 1, includeSiblings, position);
        return MkvsProof.FromCbor(proof.ToCbor());
    }

    /// <summary>For prefixes that are whole keys (what the runtime's account prefetch asks): the paths a node's iterator
    /// walks, in one proof.</summary>
    public MkvsProof SyncGetPrefixes(StorageRoot root, IReadOnlyList<byte[]> prefixes, ushort limit, CancellationToken ct)
    {
        SyncGets++;
        return MkvsProof.FromCbor(Open(root.Hash).GetMultiProof(prefixes, 0).ToCbor());
    }

    public MkvsProof SyncIterate(StorageRoot root, byte[] key, ushort prefetch, CancellationToken ct) =>
        throw new NotSupportedException();

    public IReadOnlyList<byte[]> FetchTxBatch(Hash256? offset, uint limit, CancellationToken ct) => [];

    public Body Call(Body request, CancellationToken ct) => throw new NotSupportedException();
}
