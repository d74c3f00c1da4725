using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;

namespace OasisEth.ParaTime;

/// <summary>
/// Where the runtime's MKVS trees come from: opened at a root, their nodes read on demand (through the host's
/// HostStorageSync, verified, behind a cache keyed by node hash, so no cached node can ever stand for another
/// root). The runtime holds no state of its own (rhp-spec 9.4).
/// </summary>
public interface IStateTreeSource
{
    /// <summary>A tree at <paramref name="root"/> whose missing nodes are fetched through <paramref name="host"/>.</summary>
    MkvsTree Open(StorageRoot root, IHostCalls host, CancellationToken ct);

    /// <summary>Points a tree kept from an earlier request (the warm tree of the last round) at this request's root,
    /// host and cancellation.</summary>
    void Rebind(MkvsTree tree, StorageRoot root, IHostCalls host, CancellationToken ct);

    /// <summary>
    /// Best effort: brings the paths to the keys under <paramref name="prefixes"/> into the cache in one round trip
    /// (SyncGetPrefixes), so a cold round does not fetch account by account. A host that refuses leaves the lazy
    /// path to do the work; nothing computed depends on it.
    /// </summary>
    void Prefetch(MkvsTree tree, IReadOnlyList<byte[]> prefixes);

    /// <summary>Keeps the nodes a commit created (<see cref="MkvsTree.NewNodes"/>, read right after the commit), so a
    /// later round or query at that root reads them without asking the host.</summary>
    void Remember(MkvsTree committed);
}
