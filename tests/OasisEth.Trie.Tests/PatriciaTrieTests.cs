using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Trie.Tests;

[TestFixture]
public class PatriciaTrieTests
{
    [Test]
    public void EmptyTrieHasEmptyTrieRoot()
    {
        Assert.That(new PatriciaTrie().RootHash, Is.EqualTo(Hash256.EmptyTrie));
        Assert.That(PatriciaTrie.ComputeRoot([]), Is.EqualTo(Hash256.EmptyTrie));
        Assert.That(PatriciaTrie.ComputeRoot([new KeyValuePair<byte[], byte[]>([1, 2], [])]), Is.EqualTo(Hash256.EmptyTrie));
    }

    [Test]
    public void DeletingEverythingReturnsToEmptyRoot()
    {
        var trie = new PatriciaTrie();
        trie.Put("dog"u8, "puppy"u8);
        trie.Put("doge"u8, "coin"u8);
        Assert.That(trie.RootHash, Is.Not.EqualTo(Hash256.EmptyTrie));
        trie.Delete("dog"u8);
        trie.Put("doge"u8, ReadOnlySpan<byte>.Empty);
        Assert.That(trie.RootHash, Is.EqualTo(Hash256.EmptyTrie));
        Assert.That(trie.IsEmpty, Is.True);
    }

    [Test]
    public void GetFindsOnlyStoredKeys()
    {
        var trie = new PatriciaTrie();
        trie.Put("do"u8, "verb"u8);
        trie.Put("dog"u8, "puppy"u8);
        trie.Put("doge"u8, "coin"u8);
        trie.Put("horse"u8, "stallion"u8);

        Assert.That(trie.Get("do"u8), Is.EqualTo("verb"u8.ToArray()));
        Assert.That(trie.Get("dog"u8), Is.EqualTo("puppy"u8.ToArray()));
        Assert.That(trie.Get("doge"u8), Is.EqualTo("coin"u8.ToArray()));
        Assert.That(trie.Get("d"u8), Is.Null);
        Assert.That(trie.Get("dogs"u8), Is.Null);
        Assert.That(trie.Get("horses"u8), Is.Null);
        Assert.That(trie.Get(""u8), Is.Null);
    }

    [Test]
    public void DeletingAnAbsentKeyKeepsTheRoot()
    {
        var trie = new PatriciaTrie();
        trie.Put("dog"u8, "puppy"u8);
        trie.Put("dogecoin"u8, new byte[40]);
        Hash256 before = trie.RootHash;
        trie.Delete("do"u8);
        trie.Delete("doge"u8);
        trie.Delete("cat"u8);
        Assert.That(trie.RootHash, Is.EqualTo(before));
    }

    [Test]
    public void RootReflectsEachChangeAfterCaching()
    {
        var trie = new PatriciaTrie();
        for (int i = 0; i < 200; i++) trie.Put(Keccak.Compute([(byte)i]).Bytes, [(byte)i, 1]);
        Hash256 first = trie.RootHash;
        trie.Put(Keccak.Compute([7]).Bytes, [9, 9]);
        Hash256 changed = trie.RootHash;
        Assert.That(changed, Is.Not.EqualTo(first));
        trie.Put(Keccak.Compute([7]).Bytes, [7, 1]);
        Assert.That(trie.RootHash, Is.EqualTo(first));
    }

    [Test]
    public void ComputeRootRejectsDuplicateKeys()
    {
        Assert.Throws<ArgumentException>(() => PatriciaTrie.ComputeRoot(
        [
            new KeyValuePair<byte[], byte[]>([1], [1]),
            new KeyValuePair<byte[], byte[]>([1], [2]),
        ]));
    }

    /// <summary>
    /// Thousands of random puts/deletes over keys of 0..6 bytes drawn from a tiny alphabet, so keys are often
    /// prefixes of one another and share long paths; values of 1..60 bytes so nodes are both embedded and hashed.
    /// The incremental trie, a fresh trie built in sorted order, and ComputeRoot must agree throughout.
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void IncrementalTrieAgreesWithComputeRoot(int seed)
    {
        var random = new Random(seed);
        byte[] alphabet = [0x00, 0x01, 0x10, 0x11, 0x7f, 0xff];
        var trie = new PatriciaTrie();
        var model = new SortedDictionary<string, KeyValuePair<byte[], byte[]>>(StringComparer.Ordinal);
        int checks = 0;

        for (int op = 1; op <= 4000; op++)
        {
            var key = new byte[random.Next(0, 7)];
            for (int i = 0; i < key.Length; i++) key[i] = alphabet[random.Next(alphabet.Length)];
            string id = Hex.Encode(key);

            int kind = random.Next(10);
            if (kind < 6)
            {
                var value = new byte[random.Next(1, 61)];
                random.NextBytes(value);
                trie.Put(key, value);
                model[id] = new KeyValuePair<byte[], byte[]>(key, value);
            }
            else if (kind < 8)
            {
                trie.Delete(key);
                model.Remove(id);
            }
            else
            {
                trie.Put(key, []); // an empty value deletes
                model.Remove(id);
            }

            Assert.That(trie.Get(key), Is.EqualTo(model.TryGetValue(id, out var stored) ? stored.Value : null));

            if (op % 50 == 0)
            {
                Hash256 expected = PatriciaTrie.ComputeRoot(model.Values);
                Assert.That(trie.RootHash, Is.EqualTo(expected), $"seed {seed}, op {op}, {model.Count} keys");

                var fresh = new PatriciaTrie();
                foreach (var entry in model.Values) fresh.Put(entry.Key, entry.Value);
                Assert.That(fresh.RootHash, Is.EqualTo(expected), $"fresh trie, seed {seed}, op {op}");
                checks++;
            }
        }
        Assert.That(checks, Is.EqualTo(80));
    }

    [Test]
    public void ComputeRootOverSecureKeysMatchesIncrementalTrie()
    {
        // The state-root shape: 32-byte hashed keys, short RLP values.
        var random = new Random(42);
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        var trie = new PatriciaTrie();
        for (int i = 0; i < 3000; i++)
        {
            byte[] key = Keccak.Compute(BitConverter.GetBytes(i)).ToArray();
            var value = new byte[random.Next(1, 80)];
            random.NextBytes(value);
            entries.Add(new KeyValuePair<byte[], byte[]>(key, value));
            trie.Put(key, value);
        }
        Assert.That(PatriciaTrie.ComputeRoot(entries), Is.EqualTo(trie.RootHash));
    }
}
