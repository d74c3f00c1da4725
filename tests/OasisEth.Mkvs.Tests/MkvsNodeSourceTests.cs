using OasisEth.Primitives;
using static OasisEth.Mkvs.Tests.TestData;

namespace OasisEth.Mkvs.Tests;

/// <summary>The key-aware node source seam and the stored nodes a verified proof yields (what a remote source caches).</summary>
public class MkvsNodeSourceTests
{
    private sealed class RecordingSource(Dictionary<Hash256, byte[]> nodes) : IMkvsNodeSource
    {
        public readonly List<(Hash256 Hash, byte[] Hint, bool ForRemoval)> Loads = [];

        public byte[]? Load(in Hash256 hash, ReadOnlySpan<byte> keyHint, bool forRemoval)
        {
            Loads.Add((hash, keyHint.ToArray(), forRemoval));
            return nodes.GetValueOrDefault(hash);
        }
    }

    private static (MkvsTree Tree, Dictionary<Hash256, byte[]> Stored) Stored(int count)
    {
        var tree = new MkvsTree();
        foreach (var e in KeyValues(count)) tree.Insert(e.Key, e.Value);
        tree.Commit();
        var stored = new Dictionary<Hash256, byte[]>();
        foreach (var (hash, bytes) in tree.NewNodes) stored[hash] = bytes;
        return (tree, stored);
    }

    [Test]
    public void TheSourceIsToldTheKeyAndWhetherItIsARemoval()
    {
        var (tree, stored) = Stored(50);
        var source = new RecordingSource(stored);
        var lazy = new MkvsTree(tree.Root, source);
        Assert.That(lazy.Get(Ascii("key 7")), Is.EqualTo(Ascii("value 7")));
        Assert.That(source.Loads, Is.Not.Empty);
        Assert.That(source.Loads.All(l => l.Hint.AsSpan().SequenceEqual(Ascii("key 7")) && !l.ForRemoval), Is.True);
        source.Loads.Clear();
        Assert.That(lazy.Remove(Ascii("key 31")), Is.True);
        Assert.That(source.Loads.Any(l => l.ForRemoval), Is.True);
    }

    [Test]
    public void IterationHintsLeadToTheNodeBeingLoaded()
    {
        var (tree, stored) = Stored(40);
        var source = new RecordingSource(stored);
        var lazy = new MkvsTree(tree.Root, source);
        Assert.That(lazy.Enumerate().Count(), Is.EqualTo(40));
        Assert.That(source.Loads, Has.Count.GreaterThan(1));
        // What a remote source does with a hint: walk from the root along it. The walk must pass through the
        // node asked for, i.e. a proof for the hint contains it and can start there.
        foreach (var (hash, hint, _) in source.Loads)
            Assert.That(tree.GetProof(hint, 0, position: hash).UntrustedRoot, Is.EqualTo(hash), $"hint {Hex.Encode(hint)}");
    }

    [TestCase((ushort)0, "key 42")]
    [TestCase((ushort)1, "key 42")]
    [TestCase((ushort)1, "key 5")]
    public void AVerifiedProofYieldsStoredNodesATreeCanLoad(ushort version, string key)
    {
        // "key 4" is a prefix of "key 42": in v1 that internal node's leaf comes by hash only, so the node is
        // not yielded and the tree cannot load it; v0 inlines the leaf. With keys 0..9 no key is a prefix of
        // another, so v1 is complete.
        var (tree, stored) = Stored(key == "key 5" ? 10 : 100);
        var proof = tree.GetProof(Ascii(key), version);
        var nodes = new List<KeyValuePair<Hash256, byte[]>>();
        Assert.That(MkvsProofVerifier.TryVerify(tree.Root, proof, null, nodes, out var error), Is.True, error);
        Assert.That(nodes, Is.Not.Empty);
        foreach (var (hash, bytes) in nodes)
            Assert.That(bytes, Is.EqualTo(stored[hash]), $"stored form of {hash}");
        var fromProof = nodes.ToDictionary(n => n.Key, n => n.Value);
        var lazy = new MkvsTree(tree.Root, h => fromProof.GetValueOrDefault(h));
        if (version == 1 && key == "key 42")
            Assert.Throws<MkvsException>(() => lazy.Get(Ascii(key)));
        else
            Assert.That(lazy.Get(Ascii(key)), Is.EqualTo(Ascii("value " + key[4..])));
    }

    [Test]
    public void AFailedVerificationYieldsNoNodes()
    {
        var (tree, _) = Stored(20);
        var proof = tree.GetProof(Ascii("key 3"), 0);
        proof.Entries[^1]![^1] ^= 1;
        var nodes = new List<KeyValuePair<Hash256, byte[]>>();
        Assert.That(MkvsProofVerifier.TryVerify(tree.Root, proof, null, nodes, out _), Is.False);
        Assert.That(nodes, Is.Empty);
    }

    [TestCase((ushort)0)]
    [TestCase((ushort)1)]
    public void AMultiKeyProofVerifiesAndHoldsEveryPath(ushort version)
    {
        var (tree, _) = Stored(200);
        var proof = tree.GetMultiProof([Ascii("key 3"), Ascii("key 150"), Ascii("absent")], version);
        var leaves = new List<KeyValuePair<byte[], byte[]>>();
        Assert.That(MkvsProofVerifier.TryVerify(tree.Root, proof, leaves, out var error), Is.True, error);
        Assert.That(leaves.Any(l => l.Key.AsSpan().SequenceEqual(Ascii("key 3"))), Is.True);
        Assert.That(leaves.Any(l => l.Key.AsSpan().SequenceEqual(Ascii("key 150"))), Is.True);
        Assert.That(proof.Entries.Count, Is.GreaterThan(tree.GetProof(Ascii("key 3"), version).Entries.Count));
    }

    [TestCase(0, false, "00")]
    [TestCase(0, true, "80")]
    [TestCase(3, true, "f0")]
    [TestCase(8, false, "ff00")]
    [TestCase(12, true, "ff f8")]
    public void ChildPathHintKeepsThePathAndSetsTheBranchBit(int end, bool right, string expected)
    {
        byte[] path = [0xff, 0xff, 0xff];
        Assert.That(Hex.Encode(KeyBits.ChildPathHint(path, end, right)), Is.EqualTo(expected.Replace(" ", "")));
    }
}
