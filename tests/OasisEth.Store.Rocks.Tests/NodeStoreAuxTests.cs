using NUnit.Framework;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks.Tests;

[TestFixture]
public sealed class NodeStoreAuxTests
{
    private static byte[] B(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    private static KeyValuePair<byte[], byte[]?> Put(string key, string value) => new(B(key), B(value));
    private static KeyValuePair<byte[], byte[]?> Del(string key) => new(B(key), null);

    private static List<string> Keys(IEnumerable<KeyValuePair<byte[], byte[]>> pairs)
    {
        var list = new List<string>();
        foreach (var (k, v) in pairs) list.Add(System.Text.Encoding.ASCII.GetString(k) + "=" + System.Text.Encoding.ASCII.GetString(v));
        return list;
    }

    [Test]
    public void AuxWritesLandWithTheRoundAndSurviveReopen()
    {
        using var dir = new TempDir();
        var leaf = SyntheticNodes.Make("a"u8);
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
        {
            store.CommitRound(1, leaf.Hash, default, [leaf], null, [Put("b/1", "block1"), Put("t/x", "tx"), Put("zz", "gone soon")]);
            Assert.That(store.GetAux(B("b/1")), Is.EqualTo(B("block1")));
            store.CommitRound(2, leaf.Hash, default, [], null, [Put("b/2", "block2"), Del("zz"), Put("b/1", "block1'")]);
        }
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
        {
            Assert.That(store.GetAux(B("b/1")), Is.EqualTo(B("block1'")));
            Assert.That(store.GetAux(B("b/2")), Is.EqualTo(B("block2")));
            Assert.That(store.GetAux(B("zz")), Is.Null);
            Assert.That(store.GetAux(B("absent")), Is.Null);
            Assert.That(Keys(store.IterateAux([])), Is.EqualTo(new[] { "b/1=block1'", "b/2=block2", "t/x=tx" }));
        }
    }

    [Test]
    public void IterateAuxIsOrderedByKeyAndLimitedToThePrefix()
    {
        using var dir = new TempDir();
        var leaf = SyntheticNodes.Make("a"u8);
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        // Written out of order, including keys that sort just outside the prefix on both sides.
        store.CommitRound(1, leaf.Hash, default, [leaf], null,
            [Put("r/\x02", "2"), Put("q~", "before"), Put("r/\x01", "1"), Put("r0", "after"), Put("r/\x01\x00", "1.0"), Put("r/", "empty-suffix")]);
        var got = new List<byte[]>();
        foreach (var (k, _) in store.IterateAux(B("r/"))) got.Add(k);
        Assert.That(got, Is.EqualTo(new[] { B("r/"), B("r/\x01"), B("r/\x01\x00"), B("r/\x02") }));
        Assert.That(Keys(store.IterateAux(B("nothing"))), Is.Empty);
    }

    [Test]
    public void IterateAuxReadsOneSnapshotEvenWhileACommitLands()
    {
        using var dir = new TempDir();
        var leaf = SyntheticNodes.Make("a"u8);
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        store.CommitRound(1, leaf.Hash, default, [leaf], null, [Put("k1", "old"), Put("k3", "old")]);
        var seen = new List<string>();
        using (var e = store.IterateAux(B("k")).GetEnumerator())
        {
            Assert.That(e.MoveNext(), Is.True);
            seen.Add(System.Text.Encoding.ASCII.GetString(e.Current.Value));
            // Changes one key the enumeration has not reached and adds another between them.
            store.CommitRound(2, leaf.Hash, default, [], null, [Put("k2", "new"), Put("k3", "new")]);
            while (e.MoveNext()) seen.Add(System.Text.Encoding.ASCII.GetString(e.Current.Key) + "=" + System.Text.Encoding.ASCII.GetString(e.Current.Value));
        }
        Assert.That(seen, Is.EqualTo(new[] { "old", "k3=old" }));
        Assert.That(Keys(store.IterateAux(B("k"))), Is.EqualTo(new[] { "k1=old", "k2=new", "k3=new" }));
    }

    [Test]
    public void AnAbandonedIterationReleasesItsSnapshot()
    {
        using var dir = new TempDir();
        var leaf = SyntheticNodes.Make("a"u8);
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        store.CommitRound(1, leaf.Hash, default, [leaf], null, [Put("k1", "1"), Put("k2", "2")]);
        for (int i = 0; i < 100; i++)
        {
            foreach (var _ in store.IterateAux(B("k"))) break;
        }
        Assert.That(store.GetProperty("rocksdb.num-snapshots", RocksConfig.Aux), Is.EqualTo("0"));
        store.CommitRound(2, leaf.Hash, default, [], null, [Put("k3", "3")]);
        Assert.That(Keys(store.IterateAux(B("k"))), Is.EqualTo(new[] { "k1=1", "k2=2", "k3=3" }));
    }

    [Test]
    public void AFailedCommitWritesNoAux()
    {
        using var dir = new TempDir();
        var leaf = SyntheticNodes.Make("a"u8);
        var dangling = SyntheticNodes.Make("p"u8, SyntheticNodes.Make("missing"u8).Hash);
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        store.CommitRound(1, leaf.Hash, default, [leaf], null, [Put("k", "1")]);
        Assert.Throws<NodeStoreException>(() => store.CommitRound(2, dangling.Hash, default, [dangling], null, [Put("k", "2"), Put("j", "2")]));
        Assert.Throws<ArgumentException>(() => store.CommitRound(2, leaf.Hash, default, [], null, [Put("k", "3"), new KeyValuePair<byte[], byte[]?>(null!, B("x"))]));
        Assert.That(store.LastRound, Is.EqualTo(1UL));
        Assert.That(store.GetAux(B("k")), Is.EqualTo(B("1")));
        Assert.That(store.GetAux(B("j")), Is.Null);
    }

    [Test]
    public void AStoreMadeBeforeTheAuxFamilyGetsItOnOpenAndKeepsItsRounds()
    {
        using var dir = new TempDir();
        var leaf = SyntheticNodes.Make("a"u8);
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
            store.CommitRound(4, leaf.Hash, default, [leaf]);
        // Turn it into a store of the earlier layout: drop the two families added since.
        var oldFamilies = new ColumnFamilies();
        foreach (var name in RocksConfig.Families) if (name != "default") oldFamilies.Add(name, new ColumnFamilyOptions());
        using (var db = RocksDb.Open(new DbOptions(), dir.Path, oldFamilies))
        {
            db.DropColumnFamily(RocksConfig.Aux);
            db.DropColumnFamily(RocksConfig.RoundKeys);
        }
        Assert.That(RocksDb.ListColumnFamilies(new DbOptions(), dir.Path), Is.EquivalentTo(RocksConfig.FamiliesV1Initial));

        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
        {
            Assert.That(store.LastRound, Is.EqualTo(4UL));
            Assert.That(store.TryGetNode(leaf.Hash), Is.EqualTo(leaf.Encoded));
            Assert.That(store.GetAux(B("k")), Is.Null);
            store.CommitRound(5, leaf.Hash, default, [], null, [Put("k", "v")]);
        }
        Assert.That(RocksDb.ListColumnFamilies(new DbOptions(), dir.Path), Is.EquivalentTo(RocksConfig.Families));
        using (var store = NodeStore.Open(dir.Path, SyntheticNodes.Options()))
            Assert.That(store.GetAux(B("k")), Is.EqualTo(B("v")));
    }
}
