using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.Storage;

/// <summary>
/// Reads runtime state through the host's storage sync (rhp-spec §7.6, §9.4), as oasis-core's lazy trees do
/// (go/storage/mkvs/lookup.go, runtime/src/storage/mkvs/cache/lru_cache.rs): a node not in the cache is fetched
/// with SyncGet(position = its hash, key = the key being looked up), which brings the whole path below it in one
/// round trip; removals ask for the siblings too. Every proof is verified before any of its nodes is used: its
/// root must be the position (a hash we already trust, because it came from a verified parent) or the tree
/// root, and it must hash to that. All verified nodes go into the shared <see cref="NodeCache"/>.
/// </summary>
public sealed class HostNodeSource : IMkvsNodeSource
{
    private readonly IHostCalls _host;
    private readonly NodeCache _cache;
    private readonly CancellationToken _ct;
    private int _fetches;

    public HostNodeSource(IHostCalls host, StorageRoot root, NodeCache cache, CancellationToken ct = default)
    {
        _host = host;
        Root = root;
        _cache = cache;
        _ct = ct;
    }

    public StorageRoot Root { get; }

    /// <summary>Round trips made so far (for tests and diagnostics).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>An <see cref="MkvsTree"/> over the state at <paramref name="root"/>, read through <paramref name="host"/>.</summary>
    public static MkvsTree OpenTree(IHostCalls host, StorageRoot root, NodeCache cache, CancellationToken ct = default) =>
        new(root.Hash, new HostNodeSource(host, root, cache, ct));

    public byte[]? Load(in Hash256 hash, ReadOnlySpan<byte> keyHint, bool forRemoval)
    {
        if (_cache.TryGet(hash, out var cached)) return cached;
        Interlocked.Increment(ref _fetches);
        var proof = _host.SyncGet(Root, hash, keyHint.ToArray(), forRemoval, _ct);
        Accept(proof, hash);
        return _cache.TryGet(hash, out var data)
            ? data
            : throw new StateSyncException($"host proof for position {hash} does not hold that node in full");
    }

    /// <summary>
    /// Warms the cache with every entry under <paramref name="prefixes"/> (at most <paramref name="limit"/>) in
    /// one SyncGetPrefixes round trip, e.g. the accounts a batch will touch.
    /// </summary>
    public void PrefetchPrefixes(IReadOnlyList<byte[]> prefixes, ushort limit)
    {
        if (prefixes.Count == 0 || Root.Hash == Sha512_256.EmptyHash) return;
        Interlocked.Increment(ref _fetches);
        Accept(_host.SyncGetPrefixes(Root, prefixes, limit, _ct), Root.Hash);
    }

    /// <summary>Warms the cache with the paths to <paramref name="keys"/>: one SyncGet per key not already reachable.</summary>
    public void PrefetchKeys(IEnumerable<byte[]> keys)
    {
        if (Root.Hash == Sha512_256.EmptyHash) return;
        foreach (var key in keys)
        {
            Interlocked.Increment(ref _fetches);
            Accept(_host.SyncGet(Root, Root.Hash, key, false, _ct), Root.Hash);
        }
    }

    /// <summary>Verifies <paramref name="proof"/> (rooted at <paramref name="position"/> or the tree root) and caches its nodes.</summary>
    private void Accept(MkvsProof proof, Hash256 position)
    {
        var trusted = proof.UntrustedRoot;
        if (trusted != position && trusted != Root.Hash)
            throw new StateSyncException($"host proof is rooted at {trusted}, neither the position {position} nor the root {Root.Hash}");
        var nodes = new List<KeyValuePair<Hash256, byte[]>>();
        if (!MkvsProofVerifier.TryVerify(trusted, proof, null, nodes, out var error))
            throw new StateSyncException($"host proof for {position} does not verify: {error}");
        foreach (var (hash, data) in nodes) _cache.Add(hash, data);
    }
}
