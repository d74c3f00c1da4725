using OasisEth.Primitives;
using static OasisEth.Mkvs.Tests.TestData;

namespace OasisEth.Mkvs.Tests;

/// <summary>Write-log rules (rhp-spec §9.3), node storage and loading, and misuse.</summary>
public class MkvsTreeTests
{
    [Test]
    public void WriteLogHasSortedInsertsThenDeletesOfKeysThatExisted()
    {
        var tree = TreeOf([new(Ascii("b"), Ascii("1")), new(Ascii("d"), Ascii("2")), new(Ascii("e"), Ascii("3"))]);
        tree.Insert(Ascii("z"), Ascii("new"));
        tree.Insert(Ascii("a"), []);
        tree.Remove(Ascii("e"));
        tree.Remove(Ascii("b"));
        tree.Insert(Ascii("tmp"), Ascii("x"));   // inserted and removed within the batch: not logged
        tree.Remove(Ascii("tmp"));
        tree.Remove(Ascii("never"));             // absent: not logged
        tree.Insert(Ascii("d"), Ascii("2"));     // same value: still logged as an insert, as oasis' overlay does
        tree.Remove(Ascii("d"));
        tree.Insert(Ascii("d"), Ascii("again"));
        var (_, log) = tree.Commit();
        Assert.That(Describe(log), Is.EqualTo(new[] { "a=", "d=again", "z=new", "b=null", "e=null" }));
    }

    [Test]
    public void SameValueInsertLeavesRootAndIsLogged()
    {
        var tree = TreeOf(KeyValues(5));
        var root = tree.Root;
        tree.Insert(Ascii("key 3"), Ascii("value 3"));
        var (newRoot, log) = tree.Commit();
        Assert.That(newRoot, Is.EqualTo(root));
        Assert.That(Describe(log), Is.EqualTo(new[] { "key 3=value 3" }));
        Assert.That(tree.NewNodes, Is.Empty, "nothing was rehashed");
    }

    [Test]
    public void WriteLogCborMatchesSpecVector()
    {
        MkvsWriteLogEntry[] log = [new(Ascii("foo"), Ascii("bar")), new(Ascii("moo"), null)];
        var cbor = MkvsWriteLog.ToCbor(log);
        Assert.That(Hex.Encode(cbor), Is.EqualTo("828243666f6f4362617282436d6f6ff6"));
        Assert.That(Describe(MkvsWriteLog.FromCbor(cbor)), Is.EqualTo(new[] { "foo=bar", "moo=null" }));
        Assert.That(MkvsWriteLog.FromCbor([0xf6]), Is.Empty, "Go sends null for an empty log");
    }

    [Test]
    public void CommitAfterOneChangeRehashesOnlyThePath()
    {
        var tree = TreeOf(KeyValues(1000));
        tree.Insert(Ascii("key 500"), Ascii("changed"));
        tree.Commit();
        int count = 0;
        foreach (var _ in tree.NewNodes) count++;
        // The leaf plus the internal nodes above it: the depth of a 1000-key tree, far below its size.
        Assert.That(count, Is.InRange(2, 40));
    }

    [Test]
    public void StoredNodesReloadAndCommitIdentically()
    {
        var entries = KeyValues(300);
        var tree = TreeOf(entries);
        var store = new Dictionary<Hash256, byte[]>();
        foreach (var (h, e) in tree.NewNodes) store[h] = e;
        int loads = 0;
        var reopened = new MkvsTree(tree.Root, h => { loads++; return store.GetValueOrDefault(h); });
        Assert.That(reopened.Root, Is.EqualTo(tree.Root));
        Assert.That(reopened.Get(Ascii("key 42")), Is.EqualTo(Ascii("value 42")));
        int afterOneGet = loads;
        Assert.That(afterOneGet, Is.InRange(2, 30), "a lookup loads only its path");
        Assert.That(reopened.Get(Ascii("key 42")), Is.EqualTo(Ascii("value 42")));
        Assert.That(loads, Is.EqualTo(afterOneGet), "loaded nodes are kept");

        reopened.Insert(Ascii("key 42"), Ascii("v2"));
        reopened.Remove(Ascii("key 7"));
        tree.Insert(Ascii("key 42"), Ascii("v2"));
        tree.Remove(Ascii("key 7"));
        Assert.That(reopened.Commit().Root, Is.EqualTo(tree.Commit().Root));
    }

    [Test]
    public void MissingOrCorruptNodesThrow()
    {
        var tree = TreeOf(KeyValues(20));
        var store = new Dictionary<Hash256, byte[]>();
        foreach (var (h, e) in tree.NewNodes) store[h] = e;

        var missing = new MkvsTree(tree.Root, _ => null);
        Assert.Throws<MkvsException>(() => missing.Get(Ascii("key 1")));

        var corrupt = new Dictionary<Hash256, byte[]>(store);
        foreach (var (h, e) in store)
        {
            var bad = (byte[])e.Clone();
            bad[^1] ^= 1;
            corrupt[h] = bad;
        }
        var tampered = new MkvsTree(tree.Root, h => corrupt.GetValueOrDefault(h));
        Assert.Throws<MkvsException>(() => tampered.Get(Ascii("key 1")));
    }

    [Test]
    public void NewNodesAreOnlyValidUntilTheNextChange()
    {
        var tree = TreeOf(KeyValues(3));
        Assert.That(tree.NewNodes, Is.Not.Empty);
        tree.Insert(Ascii("x"), Ascii("y"));
        Assert.Throws<InvalidOperationException>(() => _ = tree.NewNodes);
    }

    [Test]
    public void IteratorRejectsAChangedTree()
    {
        var tree = TreeOf(KeyValues(3));
        var it = tree.CreateIterator();
        it.Rewind();
        tree.Insert(Ascii("x"), Ascii("y"));
        Assert.Throws<InvalidOperationException>(it.Next);
    }

    [Test]
    public void ProofsNeedACommittedTree()
    {
        var tree = TreeOf(KeyValues(3));
        tree.Insert(Ascii("x"), Ascii("y"));
        Assert.Throws<InvalidOperationException>(() => tree.GetProof(Ascii("x")));
    }

    [Test]
    public void KeysLongerThanTheDepthTypeAreRejected()
    {
        var tree = new MkvsTree();
        tree.Insert(new byte[8191], [1]);
        Assert.Throws<ArgumentException>(() => tree.Insert(new byte[8192], [1]));
        Assert.That(tree.Commit().Root, Is.EqualTo(MkvsRoot.Compute([new(new byte[8191], [1])])));
    }

    [Test]
    public void EmptyKeyAndEmptyValueAreEntries()
    {
        var tree = new MkvsTree();
        tree.Insert([], []);
        tree.Insert([0x00], [0x01]);
        Assert.That(tree.Get([]), Is.EqualTo(Array.Empty<byte>()));
        var (root, _) = tree.Commit();
        Assert.That(root, Is.EqualTo(MkvsRoot.Compute([new([], []), new([0x00], [0x01])])));
        Assert.That(tree.Remove([]), Is.True);
        Assert.That(tree.Commit().Root, Is.EqualTo(MkvsNodeHash.Leaf([0x00], [0x01])));
    }

    private static string[] Describe(IEnumerable<MkvsWriteLogEntry> log)
    {
        var list = new List<string>();
        foreach (var e in log)
            list.Add(System.Text.Encoding.ASCII.GetString(e.Key) + "=" + (e.Value is null ? "null" : System.Text.Encoding.ASCII.GetString(e.Value)));
        return [.. list];
    }
}
