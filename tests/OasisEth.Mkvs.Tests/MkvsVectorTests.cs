using OasisEth.Primitives;
using static OasisEth.Mkvs.Tests.TestData;

namespace OasisEth.Mkvs.Tests;

/// <summary>rhp-spec §14.3: node hashes and tree roots from oasis-core's tests, through the tree and the oracle.</summary>
public class MkvsVectorTests
{
    [Test]
    public void LeafNodeHash()
    {
        Assert.That(MkvsNodeHash.Leaf(Ascii("a golden key"), Ascii("value")),
            Is.EqualTo(Hash256.Parse("5c05183d4158b5920b16833acb78ccda464da83f720f824177b3a55a75f9fd88")));
    }

    [Test]
    public void InternalNodeHashTakesLabelBytesAsGiven()
    {
        var hash = MkvsNodeHash.Internal(Ascii("abc"), 23,
            Sha512_256.Hash(Ascii("everyone stop here")),
            Sha512_256.Hash(Ascii("everyone move to the left")),
            Sha512_256.Hash(Ascii("everyone move to the right")));
        Assert.That(hash, Is.EqualTo(Hash256.Parse("75c37c67c265e2c836f76dec35173fa336e976938ea46f088390a983e46efced")));
    }

    [Test]
    public void EmptyTreeRootIsEmptyHash()
    {
        Assert.That(new MkvsTree().Commit().Root, Is.EqualTo(Sha512_256.EmptyHash));
        Assert.That(MkvsRoot.Compute([]), Is.EqualTo(Sha512_256.EmptyHash));
    }

    [TestCase(1000, "2187c55627819b60069888ba86f83dc2a9f50c827624b0e31e31261806300ede")]
    [TestCase(500, "cf6e9b6a26e10a8218b8658ac9302af1a4c1ae4e1b1a7633860a0f81fb759495")]
    [TestCase(10, "59e67c2fdc08b8e10dd08bb6b8efe614fcc965ecb89625f97f17f87f07104613")]
    [TestCase(11, "a940b9ded7621a2b10497c846f46dc7778397979551d71bee2c07a9319e6aa45")]
    public void KeyIValueIRoots(int count, string root)
    {
        var expected = Hash256.Parse(root);
        var entries = KeyValues(count);
        Assert.That(TreeOf(entries).Root, Is.EqualTo(expected), "tree");
        Assert.That(MkvsRoot.Compute(entries), Is.EqualTo(expected), "oracle");
        // Same set, reverse insertion order, one commit per insert.
        var tree = new MkvsTree();
        for (int i = count - 1; i >= 0; i--)
        {
            tree.Insert(entries[i].Key, entries[i].Value);
            if (i % 97 == 0) tree.Commit();
        }
        Assert.That(tree.Commit().Root, Is.EqualTo(expected), "reverse order");
    }

    [Test]
    public void BasicFooMoo()
    {
        var fooRoot = Hash256.Parse("db67c0572006673b488342a45e6590a75e8919265e6da706c80c6b2776017aa7");
        var bothRoot = Hash256.Parse("e627581db43e18410a52793e662e4f21ae6a4fca14e16915a85ec4c3e3e41a13");
        var tree = new MkvsTree();
        tree.Insert(Ascii("foo"), Ascii("bar"));
        Assert.That(tree.Commit().Root, Is.EqualTo(fooRoot));
        tree.Insert(Ascii("moo"), Ascii("foo"));
        Assert.That(tree.Commit().Root, Is.EqualTo(bothRoot));
        Assert.That(tree.Remove(Ascii("moo")), Is.True);
        Assert.That(tree.Commit().Root, Is.EqualTo(fooRoot));
        Assert.That(MkvsRoot.Compute([new(Ascii("foo"), Ascii("bar")), new(Ascii("moo"), Ascii("foo"))]), Is.EqualTo(bothRoot));
    }

    [Test]
    public void LongKeyPrefixes()
    {
        var expected = Hash256.Parse("d829bb244a709bacf33bc2d8b4a016592e5310a10910aa980ef91cb3b4347dcb");
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        for (int i = 0; i < LongKey.Length; i++) entries.Add(new(Ascii(LongKey[..(i + 1)]), Ascii(LongValue)));
        var tree = TreeOf(entries);
        Assert.That(tree.Root, Is.EqualTo(expected), "tree");
        Assert.That(MkvsRoot.Compute(entries), Is.EqualTo(expected), "oracle");
        foreach (var e in entries) Assert.That(tree.Get(e.Key), Is.EqualTo(e.Value));
        Assert.That(tree.Get(Ascii(LongKey + "!")), Is.Null);
    }

    [Test]
    public void CommitNoPersistRoots()
    {
        var tree = new MkvsTree();
        tree.Insert(Ascii("this key"), Ascii("should not be persisted"));
        Assert.That(tree.Commit().Root, Is.EqualTo(Hash256.Parse("46141a682ada455db80763c17c4e76535adaafaa2508d4fdae8a5ee5c0166629")));
        tree.Insert(Ascii("but now"), Ascii("we will persist everything"));
        Assert.That(tree.Commit().Root, Is.EqualTo(Hash256.Parse("d9b2effdff5a22145cef58c7c84c8040ee441e65a30e75d13e7490939299a4f4")));
    }
}
