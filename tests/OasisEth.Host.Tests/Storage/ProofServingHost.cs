using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;

namespace OasisEth.Host.Tests.Storage;

/// <summary>
/// A test "host" for state reads: it answers SyncGet from its own committed <see cref="MkvsTree"/> the way
/// oasis-node's lazy tree does (the path to the key, starting at the position when the position is on it), and
/// can be told to tamper with what it sends.
/// </summary>
internal sealed class ProofServingHost(MkvsTree tree, Hash256 runtimeId) : IHostCalls
{
    public ushort ProofVersion = 0;
    public bool AlwaysFromRoot;
    public Func<MkvsProof, MkvsProof>? Tamper;
    public readonly List<(Hash256 Position, byte[] Key, bool Siblings)> Gets = [];

    public StorageRoot Root => new(runtimeId, 1, RootType.State, tree.Root);

    public MkvsProof SyncGet(StorageRoot root, Hash256 position, byte[] key, bool includeSiblings, CancellationToken ct)
    {
        Assert.That(root, Is.EqualTo(Root), "state reads name the tree's root");
        lock (Gets) Gets.Add((position, key, includeSiblings));
        var proof = tree.GetProof(key, ProofVersion, includeSiblings, AlwaysFromRoot ? null : position);
        return Tamper is null ? proof : Tamper(proof);
    }

    public int PrefixCalls;

    /// <summary>Like Go's doGetPrefixes: every entry under each prefix (at most <paramref name="limit"/> in all), proved from the root.</summary>
    public MkvsProof SyncGetPrefixes(StorageRoot root, IReadOnlyList<byte[]> prefixes, ushort limit, CancellationToken ct)
    {
        Assert.That(root, Is.EqualTo(Root));
        PrefixCalls++;
        var keys = new List<byte[]>(prefixes);
        int taken = 0;
        foreach (var prefix in prefixes)
        {
            foreach (var (key, _) in tree.Enumerate(prefix))
            {
                if (taken >= limit || !key.AsSpan().StartsWith(prefix)) break;
                keys.Add(key);
                taken++;
            }
        }
        var proof = tree.GetMultiProof(keys, ProofVersion);
        return Tamper is null ? proof : Tamper(proof);
    }

    public MkvsProof SyncIterate(StorageRoot root, byte[] key, ushort prefetch, CancellationToken ct) =>
        throw new NotSupportedException("not served by this test host");

    public IReadOnlyList<byte[]> FetchTxBatch(Hash256? offset, uint limit, CancellationToken ct) => [];

    public Body Call(Body request, CancellationToken ct) => throw new NotSupportedException();
}
