using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests.TestHost;

/// <summary>
/// The test host's own MKVS, as oasis-node's storage worker holds it: every node of every committed root, by hash,
/// built only by applying the write logs the runtime returned (never from the runtime's state). Serves
/// HostStorageSync proofs from it. Thread-safe.
/// </summary>
internal sealed class HostStorage
{
    private readonly Dictionary<Hash256, byte[]> _nodes = [];
    private readonly Lock _lock = new();
    private long _syncRequests;

    /// <summary>Held while set: storage answers wait (a deliberately slow batch, for the liveness tests).</summary>
    public ManualResetEventSlim Gate { get; } = new(initialState: true);

    public long SyncRequests => Interlocked.Read(ref _syncRequests);

    /// <summary>Whether SyncGetPrefixes is answered (a node serves it; a minimal host may not, and the runtime must
    /// then read lazily).</summary>
    public bool ServePrefixes { get; init; } = true;

    public long PrefixRequests => Interlocked.Read(ref _prefixRequests);

    private long _prefixRequests;

    public MkvsTree Open(Hash256 root) =>
        root == Sha512_256.EmptyHash || root == default ? new MkvsTree() : new MkvsTree(root, LoadNode);

    private byte[]? LoadNode(Hash256 hash)
    {
        lock (_lock) return _nodes.TryGetValue(hash, out byte[]? node) ? node : null;
    }

    /// <summary>Replays <paramref name="log"/> on the state at <paramref name="root"/> (null = delete), commits and keeps
    /// the new nodes; returns the root the host computed.</summary>
    public Hash256 Apply(Hash256 root, IReadOnlyList<MkvsWriteLogEntry> log)
    {
        MkvsTree tree = Open(root);
        MkvsWriteLog.Apply(tree, log);
        var (newRoot, _) = tree.Commit();
        lock (_lock)
        {
            foreach (var (hash, encoded) in tree.NewNodes) _nodes[hash] = encoded;
        }
        return newRoot;
    }

    public MkvsProof Answer(StorageSyncRequest request)
    {
        Interlocked.Increment(ref _syncRequests);
        Gate.Wait(TimeSpan.FromSeconds(30));
        if (request.Endpoint != HostStorageEndpoint.Runtime) throw new InvalidOperationException("only runtime state is served");
        switch (request.Op)
        {
            case SyncGetRequest get:
            {
                MkvsTree tree = Open(get.Tree.Root.Hash);
                return tree.GetProof(get.Key, get.ProofVersion, get.IncludeSiblings, get.Tree.Position);
            }
            case SyncGetPrefixesRequest prefixes when ServePrefixes:
            {
                // Emulates the node for prefixes that are whole keys (the runtime asks for account keys): the paths
                // its iterator walks, in one proof rooted at the tree root.
                Interlocked.Increment(ref _prefixRequests);
                return Open(prefixes.Tree.Root.Hash).GetMultiProof(prefixes.Prefixes, prefixes.ProofVersion);
            }
            default:
                throw new InvalidOperationException($"{request.Op.Name} is not served by the test host");
        }
    }
}
