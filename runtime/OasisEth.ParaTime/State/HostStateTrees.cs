using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Host.Storage;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.ParaTime;

/// <summary>
/// Trees over the host's storage (<see cref="HostNodeSource"/>: SyncGet, proofs verified) behind one bounded
/// <see cref="NodeCache"/> shared by every round, CheckTx and query. The cache is keyed by node hash, so whatever it
/// holds can only ever stand for itself; the nodes our own commits create go in too, so the next round at our root
/// starts warm.
/// </summary>
public sealed class HostStateTrees(long cacheBytes = NodeCache.DefaultMaxBytes) : IStateTreeSource
{
    public NodeCache Cache { get; } = new(cacheBytes);

    public MkvsTree Open(StorageRoot root, IHostCalls host, CancellationToken ct)
    {
        if (root.Hash == Sha512_256.EmptyHash || root.Hash == default) return new MkvsTree();
        var source = new ReboundSource(new HostNodeSource(host, root, Cache, ct));
        var tree = new MkvsTree(root.Hash, source);
        Sources.Add(tree, source);
        return tree;
    }

    /// <summary>Points a tree kept from an earlier request at this request's root, host and cancellation: what it
    /// still has to load is then fetched under the root the host is asked about now.</summary>
    public void Rebind(MkvsTree tree, StorageRoot root, IHostCalls host, CancellationToken ct)
    {
        if (Sources.TryGetValue(tree, out ReboundSource? source)) source.Current = new HostNodeSource(host, root, Cache, ct);
    }

    /// <summary>Prefix fetches refused by the host (it may not serve SyncGetPrefixes); the round read lazily instead.</summary>
    public long RefusedPrefetches => Interlocked.Read(ref _refusedPrefetches);

    private long _refusedPrefetches;

    public void Prefetch(MkvsTree tree, IReadOnlyList<byte[]> prefixes)
    {
        if (prefixes.Count == 0 || !Sources.TryGetValue(tree, out ReboundSource? source)) return;
        try
        {
            source.Current.PrefetchPrefixes(prefixes, (ushort)Math.Min(prefixes.Count, ushort.MaxValue));
        }
        catch (Exception e) when (e is HostCallException or StateSyncException)
        {
            Interlocked.Increment(ref _refusedPrefetches);
        }
    }

    public void Remember(MkvsTree committed)
    {
        foreach (var (hash, encoded) in committed.NewNodes) Cache.Add(hash, encoded);
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<MkvsTree, ReboundSource> Sources = new();

    private sealed class ReboundSource(HostNodeSource current) : IMkvsNodeSource
    {
        public HostNodeSource Current { get; set; } = current;

        public byte[]? Load(in Hash256 hash, ReadOnlySpan<byte> keyHint, bool forRemoval) => Current.Load(hash, keyHint, forRemoval);
    }
}
