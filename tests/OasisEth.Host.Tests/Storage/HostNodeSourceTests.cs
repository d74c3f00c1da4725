using OasisEth.Host.Storage;
using OasisEth.Mkvs;
using static OasisEth.Host.Tests.Vectors;

namespace OasisEth.Host.Tests.Storage;

/// <summary>State read through storage-sync proofs (rhp-spec §7.6, §9.4, §15.2 items 7, 9, 12).</summary>
public class HostNodeSourceTests
{
    private static MkvsTree HostTree(int count, string prefix = "key ")
    {
        var tree = new MkvsTree();
        for (int i = 0; i < count; i++) tree.Insert(Ascii($"{prefix}{i}"), Ascii($"value {i}"));
        tree.Commit();
        return tree;
    }

    [Test]
    public void ReadsEveryKeyFromAnEmptyCacheAndThenFromTheCacheAlone()
    {
        var host = new ProofServingHost(HostTree(200), RuntimeId);
        var cache = new NodeCache();
        var source = new HostNodeSource(host, host.Root, cache);
        var tree = new MkvsTree(host.Root.Hash, source);
        for (int i = 0; i < 200; i++) Assert.That(tree.Get(Ascii($"key {i}")), Is.EqualTo(Ascii($"value {i}")));
        Assert.That(tree.Get(Ascii("key 200")), Is.Null);
        Assert.That(tree.Get(Ascii("absent")), Is.Null);
        Assert.That(source.Fetches, Is.LessThanOrEqualTo(202), "at most one round trip per lookup");
        Assert.That(host.Gets[0].Position, Is.EqualTo(host.Root.Hash), "the first fetch expands the root");
        Assert.That(host.Gets[0].Key, Is.EqualTo(Ascii("key 0")), "the key being looked up goes to the host");

        // A second tree at the same root (the next round, another query) is served from the shared cache.
        var again = HostNodeSource.OpenTree(host, host.Root, cache);
        int before = host.Gets.Count;
        for (int i = 0; i < 200; i++) Assert.That(again.Get(Ascii($"key {i}")), Is.EqualTo(Ascii($"value {i}")));
        Assert.That(host.Gets, Has.Count.EqualTo(before));
    }

    [Test]
    public void OneRoundTripBringsTheWholePath()
    {
        var host = new ProofServingHost(HostTree(1000), RuntimeId);
        var source = new HostNodeSource(host, host.Root, new NodeCache());
        var tree = new MkvsTree(host.Root.Hash, source);
        Assert.That(tree.Get(Ascii("key 537")), Is.EqualTo(Ascii("value 537")));
        Assert.That(source.Fetches, Is.EqualTo(1));
    }

    [Test]
    public void ChangesOnAHostBackedTreeGiveTheSameRootAndWriteLogAsALocalTree()
    {
        var hostTree = HostTree(300);
        var local = HostTree(300);
        var host = new ProofServingHost(hostTree, RuntimeId);
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        var random = new Random(11);
        for (int step = 0; step < 200; step++)
        {
            var key = Ascii($"key {random.Next(400)}");
            if (random.Next(3) == 0)
            {
                Assert.That(remote.Remove(key), Is.EqualTo(local.Remove(key)));
            }
            else
            {
                var value = Ascii($"v{step}");
                remote.Insert(key, value);
                local.Insert(key, value);
            }
        }
        var remoteCommit = remote.Commit();
        var localCommit = local.Commit();
        Assert.That(remoteCommit.Root, Is.EqualTo(localCommit.Root));
        Assert.That(remoteCommit.Root, Is.EqualTo(MkvsRoot.Compute(local.Enumerate())));
        Assert.That(host.Gets.Any(g => g.Siblings), Is.True, "removals fetch with include_siblings");

        // The node replays our write log on its own copy and must reach our root (rhp-spec §9.3).
        MkvsWriteLog.Apply(hostTree, remoteCommit.WriteLog);
        Assert.That(hostTree.Commit().Root, Is.EqualTo(remoteCommit.Root));
    }

    [TestCase(1)]
    [TestCase(4)]
    [TestCase(5)]
    [TestCase(6)]
    public void RemovalsThatMergeWithAnUnfetchedSiblingWork(int seedCase)
    {
        // Prefix-shaped keys (testdata case-1/4/5/6 style): a removal collapses a node onto a sibling that
        // no looked-up key names.
        string[] keys = seedCase switch
        {
            1 => ["cbf5f2242f5951158f08", "cbf5f224", "cbf5f2"],
            4 => ["353944", "3539", "35"],
            5 => ["030000", "03001e", "00001e"],
            _ => ["0200", "02", "01"],
        };
        var hostTree = new MkvsTree();
        foreach (var k in keys) hostTree.Insert(Hex(k), [1]);
        hostTree.Commit();
        foreach (var k in keys)
        {
            var host = new ProofServingHost(hostTree, RuntimeId);
            var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
            Assert.That(remote.Remove(Hex(k)), Is.True);
            var expected = keys.Where(x => x != k).Select(x => new KeyValuePair<byte[], byte[]>(Hex(x), [1]));
            Assert.That(remote.Commit().Root, Is.EqualTo(MkvsRoot.Compute(expected)), $"remove {k}");
        }
    }

    [Test]
    public void IterationFetchesSubtreesNoKeyNames()
    {
        var hostTree = HostTree(150);
        var host = new ProofServingHost(hostTree, RuntimeId);
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        var seen = remote.Enumerate().Select(e => (ToHex(e.Key), ToHex(e.Value))).ToList();
        var expected = hostTree.Enumerate().Select(e => (ToHex(e.Key), ToHex(e.Value))).ToList();
        Assert.That(seen, Is.EqualTo(expected));
    }

    [Test]
    public void ProofsRootedAtTheTreeRootAreAccepted()
    {
        var host = new ProofServingHost(HostTree(100), RuntimeId) { AlwaysFromRoot = true };
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        for (int i = 0; i < 100; i += 7) Assert.That(remote.Get(Ascii($"key {i}")), Is.EqualTo(Ascii($"value {i}")));
    }

    [Test]
    public void V1ProofsAreAcceptedWhenNoKeyIsAPrefixOfAnother()
    {
        // We request v0 (proof_version omitted), so a real host answers v0. A v1 proof gives a path node's
        // leaf by hash only, and such a node cannot be rebuilt in stored form; with equal-length keys no
        // internal node has a leaf and v1 is fully usable.
        var tree = new MkvsTree();
        for (int i = 0; i < 100; i++) tree.Insert(Ascii($"key {i:D3}"), Ascii($"value {i}"));
        tree.Commit();
        var host = new ProofServingHost(tree, RuntimeId) { ProofVersion = 1 };
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        for (int i = 0; i < 100; i += 3) Assert.That(remote.Get(Ascii($"key {i:D3}")), Is.EqualTo(Ascii($"value {i}")));
    }

    [Test]
    public void ATamperedValueIsRejected()
    {
        var host = new ProofServingHost(HostTree(50), RuntimeId)
        {
            Tamper = proof =>
            {
                // Change the last byte of the last full entry (a value byte of the leaf the path ends in).
                int i = proof.Entries.FindLastIndex(e => e is { Length: > 1 } && e[0] == MkvsProof.EntryFull);
                proof.Entries[i]![^1] ^= 0x01;
                return proof;
            },
        };
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        var error = Assert.Throws<StateSyncException>(() => remote.Get(Ascii("key 7")));
        Assert.That(error!.Message, Does.Contain("does not verify"));
    }

    [Test]
    public void AProofForAnotherRootIsRejected()
    {
        var other = HostTree(50, "other ");
        var host = new ProofServingHost(HostTree(50), RuntimeId) { Tamper = _ => other.GetProof(Ascii("other 1"), 0) };
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        var error = Assert.Throws<StateSyncException>(() => remote.Get(Ascii("key 1")));
        Assert.That(error!.Message, Does.Contain("neither the position"));
    }

    [Test]
    public void ARelabelledRootIsRejected()
    {
        var hostTree = HostTree(50);
        var other = HostTree(50, "other ");
        var host = new ProofServingHost(hostTree, RuntimeId)
        {
            // Another tree's nodes claiming to be ours: the recomputed hash gives it away.
            Tamper = _ =>
            {
                var forged = other.GetProof(Ascii("other 1"), 0);
                forged.UntrustedRoot = hostTree.Root;
                return forged;
            },
        };
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        Assert.Throws<StateSyncException>(() => remote.Get(Ascii("key 1")));
    }

    [Test]
    public void AProofThatLacksTheNodeIsRejected()
    {
        var hostTree = HostTree(50);
        var host = new ProofServingHost(hostTree, RuntimeId)
        {
            // A valid proof, but only the root by hash: nothing usable in full.
            Tamper = _ =>
            {
                var proof = new MkvsProof { UntrustedRoot = hostTree.Root };
                proof.Entries.Add([MkvsProof.EntryHash, .. hostTree.Root.Bytes]);
                return proof;
            },
        };
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        var error = Assert.Throws<StateSyncException>(() => remote.Get(Ascii("key 1")));
        Assert.That(error!.Message, Does.Contain("does not hold that node"));
    }

    [Test]
    public void TheEmptyRootNeedsNoHost()
    {
        var host = new ProofServingHost(new MkvsTree(), RuntimeId);
        var remote = HostNodeSource.OpenTree(host, host.Root, new NodeCache());
        Assert.That(remote.Get(Ascii("anything")), Is.Null);
        remote.Insert(Ascii("a"), Ascii("b"));
        Assert.That(remote.Commit().Root, Is.EqualTo(MkvsRoot.Compute([new(Ascii("a"), Ascii("b"))])));
        Assert.That(host.Gets, Is.Empty);
    }

    [Test]
    public void PrefetchedKeysNeedNoFurtherRoundTrips()
    {
        var host = new ProofServingHost(HostTree(300), RuntimeId);
        var cache = new NodeCache();
        var source = new HostNodeSource(host, host.Root, cache);
        source.PrefetchKeys([Ascii("key 3"), Ascii("key 250"), Ascii("key 99")]);
        int fetched = host.Gets.Count;
        var tree = new MkvsTree(host.Root.Hash, source);
        Assert.That(tree.Get(Ascii("key 250")), Is.EqualTo(Ascii("value 250")));
        Assert.That(tree.Get(Ascii("key 3")), Is.EqualTo(Ascii("value 3")));
        Assert.That(tree.Get(Ascii("key 99")), Is.EqualTo(Ascii("value 99")));
        Assert.That(host.Gets, Has.Count.EqualTo(fetched));
    }

    [Test]
    public void APrefixPrefetchServesEveryKeyUnderThePrefix()
    {
        var host = new ProofServingHost(HostTree(300), RuntimeId);
        var source = new HostNodeSource(host, host.Root, new NodeCache());
        source.PrefetchPrefixes([Ascii("key 1")], 200);
        Assert.That(host.PrefixCalls, Is.EqualTo(1));
        var tree = new MkvsTree(host.Root.Hash, source);
        foreach (var i in Enumerable.Range(0, 300).Where(i => i.ToString().StartsWith('1')))
            Assert.That(tree.Get(Ascii($"key {i}")), Is.EqualTo(Ascii($"value {i}")));
        Assert.That(host.Gets, Is.Empty, "everything under the prefix came with the one prefetch");
        tree.Get(Ascii("key 2"));
        Assert.That(host.Gets, Has.Count.EqualTo(1), "keys outside it are still fetched");
    }

    [Test]
    public void ATamperedPrefixProofIsRejected()
    {
        var host = new ProofServingHost(HostTree(100), RuntimeId)
        {
            Tamper = proof =>
            {
                int i = proof.Entries.FindLastIndex(e => e is { Length: > 1 } && e[0] == MkvsProof.EntryFull);
                proof.Entries[i]![^1] ^= 0x80;
                return proof;
            },
        };
        var source = new HostNodeSource(host, host.Root, new NodeCache());
        Assert.Throws<StateSyncException>(() => source.PrefetchPrefixes([Ascii("key 5")], 50));
    }

    [Test]
    public void ABoundedCacheEvictsAndReloads()
    {
        var host = new ProofServingHost(HostTree(300), RuntimeId);
        var cache = new NodeCache(maxBytes: 8 * 1024);
        var tree = HostNodeSource.OpenTree(host, host.Root, cache);
        for (int i = 0; i < 300; i++) Assert.That(tree.Get(Ascii($"key {i}")), Is.EqualTo(Ascii($"value {i}")));
        Assert.That(cache.Bytes, Is.LessThanOrEqualTo(8 * 1024));
        // A fresh tree after eviction fetches again and still reads right.
        var again = HostNodeSource.OpenTree(host, host.Root, cache);
        Assert.That(again.Get(Ascii("key 0")), Is.EqualTo(Ascii("value 0")));
    }
}
