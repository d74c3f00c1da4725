using NUnit.Framework;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Store.Rocks.Tests;

[TestFixture]
public sealed class NodeStoreCommitTests
{
    private static Hash256 H(string text) => Sha512_256.Hash(System.Text.Encoding.ASCII.GetBytes(text));

    [Test]
    public void CommitThenReopenResumesAtTheLastRoundWithItsNodesAndRecords()
    {
        using var dir = new TempDir();
        var leafA = SyntheticNodes.Make("a"u8);
        var leafB = SyntheticNodes.Make("b"u8);
        var root1 = SyntheticNodes.Make("r1"u8, leafA.Hash, leafB.Hash);
        var leafC = SyntheticNodes.Make("c"u8);
        var root2 = SyntheticNodes.Make("r2"u8, leafA.Hash, leafC.Hash);
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options(sync: true)))
        {
            Assert.That(store.LastRound, Is.Null);
            store.CommitRound(5, root1.Hash, H("block5"), [leafA, leafB, root1]);
            store.CommitRound(7, root2.Hash, H("block7"), [leafC, root2]);
            Assert.That(store.LastRound, Is.EqualTo(7UL));
        }
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
        {
            Assert.That(store.LastRound, Is.EqualTo(7UL));
            Assert.That(store.FirstRound, Is.EqualTo(5UL));
            Assert.That(store.GetRound(5), Is.EqualTo(new RoundInfo(5, root1.Hash, H("block5"))));
            Assert.That(store.GetRound(7), Is.EqualTo(new RoundInfo(7, root2.Hash, H("block7"))));
            Assert.That(store.TryGetRound(6, out _), Is.False);
            Assert.Throws<KeyNotFoundException>(() => store.GetRound(6));
            foreach (var (hash, encoded) in new[] { leafA, leafB, root1, leafC, root2 })
                Assert.That(store.TryGetNode(hash), Is.EqualTo(encoded));
            Assert.That(store.TryGetNode(H("absent")), Is.Null);
            // leafA: referenced by root1 and root2; roots: by their round records.
            Assert.That(store.StoredRefCount(leafA.Hash), Is.EqualTo(2u));
            Assert.That(store.StoredRefCount(leafB.Hash), Is.EqualTo(1u));
            Assert.That(store.StoredRefCount(root2.Hash), Is.EqualTo(1u));
            // Continues after the resumed round.
            store.CommitRound(8, root2.Hash, H("block8"), []);
            Assert.That(store.StoredRefCount(root2.Hash), Is.EqualTo(2u));
        }
    }

    [Test]
    public void RoundsMustIncrease()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        var leaf = SyntheticNodes.Make("x"u8);
        store.CommitRound(3, leaf.Hash, default, [leaf]);
        Assert.Throws<ArgumentOutOfRangeException>(() => store.CommitRound(3, leaf.Hash, default, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.CommitRound(2, leaf.Hash, default, []));
        Assert.That(store.LastRound, Is.EqualTo(3UL));
    }

    [Test]
    public void ACommitReferringToAMissingNodeFailsAndWritesNothing()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        var leaf = SyntheticNodes.Make("x"u8);
        var dangling = SyntheticNodes.Make("p"u8, leaf.Hash, H("never stored"));
        var ex = Assert.Throws<NodeStoreException>(() => store.CommitRound(1, dangling.Hash, default, [leaf, dangling]));
        Assert.That(ex!.Message, Does.Contain(dir.Path));
        Assert.That(store.LastRound, Is.Null);
        Assert.That(store.ContainsNode(leaf.Hash), Is.False);
        Assert.That(store.ScanNodeHashes(), Is.Empty);
        Assert.Throws<NodeStoreException>(() => store.CommitRound(1, H("root nobody sent"), default, []));
        // The store still works afterwards.
        store.CommitRound(1, leaf.Hash, default, [leaf]);
        Assert.That(store.TryGetNode(leaf.Hash), Is.EqualTo(leaf.Encoded));
    }

    [Test]
    public void NodesInAnyOrderDuplicatesAndAlreadyStoredNodesAreCountedOnce()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        var leaf = SyntheticNodes.Make("l"u8);
        var mid = SyntheticNodes.Make("m"u8, leaf.Hash, leaf.Hash);
        var root = SyntheticNodes.Make("r"u8, mid.Hash);
        store.CommitRound(1, root.Hash, default, [root, mid, leaf, mid, leaf]); // parents first, duplicates
        Assert.That(store.StoredRefCount(leaf.Hash), Is.EqualTo(2u)); // twice by mid, which is stored once
        Assert.That(store.StoredRefCount(mid.Hash), Is.EqualTo(1u));
        var root2 = SyntheticNodes.Make("r2"u8, mid.Hash);
        store.CommitRound(2, root2.Hash, default, [leaf, mid, root2]); // producer re-sends stored nodes
        Assert.That(store.StoredRefCount(leaf.Hash), Is.EqualTo(2u));
        Assert.That(store.StoredRefCount(mid.Hash), Is.EqualTo(2u));
    }

    [Test]
    public void NewNodesNoRootReachesAreNotKept()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        var leaf = SyntheticNodes.Make("l"u8);
        var strayLeaf = SyntheticNodes.Make("s"u8);
        var stray = SyntheticNodes.Make("stray"u8, strayLeaf.Hash, leaf.Hash);
        store.CommitRound(1, leaf.Hash, default, [leaf, strayLeaf, stray]);
        Assert.That(store.ContainsNode(stray.Hash), Is.False);
        Assert.That(store.ContainsNode(strayLeaf.Hash), Is.False);
        Assert.That(store.StoredRefCount(leaf.Hash), Is.EqualTo(1u));
        Assert.That(store.ScanNodeHashes(), Is.EqualTo(new[] { leaf.Hash }));
        Assert.That(store.ScanRefCount(), Is.EqualTo(1));
    }

    [Test]
    public void MkvsTreeRoundTripsThroughTheStoreAcrossReopen()
    {
        using var dir = new TempDir();
        var random = new Random(7);
        var model = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var roots = new List<Hash256>();
        using (var store = NodeStore.Open(dir.Path))
        {
            Assert.That(store.HasFlatIndex, Is.True);
            var tree = store.OpenLatestTree();
            for (ulong round = 1; round <= 20; round++)
            {
                for (int i = 0; i < 50; i++)
                {
                    var key = new byte[1 + random.Next(6)];
                    random.NextBytes(key);
                    if (random.Next(5) == 0) { tree.Remove(key); model.Remove(Convert.ToHexString(key)); }
                    else
                    {
                        var value = new byte[random.Next(40)];
                        random.NextBytes(value);
                        tree.Insert(key, value);
                        model[Convert.ToHexString(key)] = value;
                    }
                }
                var (root, log) = tree.Commit();
                store.CommitRound(round, root, default, tree.NewNodes, log);
                roots.Add(root);
            }
        }
        using (var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false }))
        {
            Assert.That(store.LastRound, Is.EqualTo(20UL));
            var tree = store.OpenTree(20);
            var entries = tree.Enumerate().ToList();
            Assert.That(entries.Select(e => Convert.ToHexString(e.Key)), Is.EqualTo(model.Keys));
            Assert.That(entries.Select(e => e.Value), Is.EqualTo(model.Values));
            Assert.That(MkvsRoot.Compute(entries), Is.EqualTo(roots[^1]));
            // Every round is readable and hashes to its recorded root.
            for (ulong round = 1; round <= 20; round++)
                Assert.That(MkvsRoot.Compute(store.OpenTree(round).Enumerate()), Is.EqualTo(roots[(int)round - 1]));
            // The flat index holds exactly the latest state.
            foreach (var (key, value) in model)
                Assert.That(store.TryGetLatest(Convert.FromHexString(key)), Is.EqualTo(value));
            Assert.That(store.TryGetLatest([0xFF, 0xFE, 0xFD, 0xFC, 0xFB, 0xFA, 0xF9, 0xF8]), Is.Null);
        }
    }

    [Test]
    public void AFlatIndexStoreRequiresTheWriteLog()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false });
        Assert.Throws<ArgumentNullException>(() => store.CommitRound(1, Sha512_256.EmptyHash, default, []));
        store.CommitRound(1, Sha512_256.EmptyHash, default, [], []);
        Assert.That(store.LastRound, Is.EqualTo(1UL));
        Assert.That(store.OpenTree(1).Enumerate(), Is.Empty);
    }

    [Test]
    public void CachedAndUncachedStoresServeTheSameBytes()
    {
        using var dir = new TempDir();
        var nodes = new List<(Hash256 Hash, byte[] Encoded)>();
        for (int i = 0; i < 200; i++) nodes.Add(SyntheticNodes.Make(BitConverter.GetBytes(i)));
        var root = SyntheticNodes.Make("root"u8, nodes.Take(16).Select(n => n.Hash).ToArray());
        var chain = root;
        // A chain keeps the rest reachable: each link holds up to 16 leaves and the previous link.
        var all = new List<(Hash256, byte[])>(nodes) { root };
        for (int i = 16; i < 200; i += 15)
        {
            var kids = nodes.Skip(i).Take(15).Select(n => n.Hash).Append(chain.Hash).ToArray();
            chain = SyntheticNodes.Make("link"u8, kids);
            all.Add(chain);
        }
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options(cacheBytes: 4096)))
        {
            store.CommitRound(1, chain.Hash, default, all);
            // A cyclic scan through a too-small LRU misses every time; reading each node twice in a row hits.
            foreach (var (hash, encoded) in all) Assert.That(store.TryGetNode(hash), Is.EqualTo(encoded));
            Assert.That(store.CacheStats.Misses, Is.GreaterThan(0)); // 4 KiB cannot hold all of them
            long hitsBefore = store.CacheStats.Hits;
            foreach (var (hash, encoded) in all)
            {
                Assert.That(store.TryGetNode(hash), Is.EqualTo(encoded));
                Assert.That(store.TryGetNode(hash), Is.EqualTo(encoded));
            }
            Assert.That(store.CacheStats.Hits, Is.EqualTo(hitsBefore + all.Count));
        }
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options(cacheBytes: 0)))
        {
            foreach (var (hash, encoded) in all) Assert.That(store.TryGetNode(hash), Is.EqualTo(encoded));
            Assert.That(store.CacheStats, Is.EqualTo((0L, 0L)));
        }
    }
}
