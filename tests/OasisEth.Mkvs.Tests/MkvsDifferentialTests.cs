using OasisEth.Primitives;

namespace OasisEth.Mkvs.Tests;

/// <summary>
/// Randomised (fixed seed) differential tests: <see cref="MkvsTree"/> against the build-from-set oracle and a
/// sorted model, over keys that are bit-prefixes of each other, with empty values and commits in between.
/// Each commit's write log is replayed onto a tree reopened lazily from the stored nodes of the previous
/// commit, which must reach the same root.
/// </summary>
public class MkvsDifferentialTests
{
    [TestCase(1, 3000, 25)]
    [TestCase(2, 4000, 7)]
    [TestCase(3, 3000, 400)]
    public void RandomOpsOverPrefixKeys(int seed, int operations, int commitEvery)
    {
        var random = new Random(seed);
        var pool = PrefixKeyPool(random, 160);
        Run(random, pool, operations, commitEvery);
    }

    [Test]
    public void RandomOpsOverHashLikeKeys()
    {
        var random = new Random(11);
        var pool = new List<byte[]>();
        for (int i = 0; i < 1500; i++)
        {
            var key = new byte[random.Next(2) == 0 ? 32 : 33];
            random.NextBytes(key);
            pool.Add(key);
            // Some keys share a long prefix, as storage slots of one account do.
            if (i % 5 == 0 && pool.Count > 1)
            {
                var sibling = (byte[])pool[random.Next(pool.Count)].Clone();
                sibling[^1] ^= (byte)(1 << random.Next(8));
                pool.Add(sibling);
            }
        }
        Run(random, pool, 6000, 300);
    }

    /// <summary>Short keys over a tiny alphabet, so many are prefixes of others (including the empty key).</summary>
    private static List<byte[]> PrefixKeyPool(Random random, int count)
    {
        byte[] alphabet = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff, 0x41];
        var set = new SortedSet<byte[]>(ByteKeyComparer.Instance) { Array.Empty<byte>() };
        while (set.Count < count)
        {
            var key = new byte[random.Next(1, 6)];
            for (int i = 0; i < key.Length; i++)
                key[i] = random.Next(4) == 0 ? (byte)random.Next(256) : alphabet[random.Next(alphabet.Length)];
            set.Add(key);
            // Every prefix of some keys too.
            if (random.Next(4) == 0)
            {
                for (int n = 1; n < key.Length; n++) set.Add(key[..n]);
            }
        }
        return [.. set];
    }

    private static void Run(Random random, List<byte[]> pool, int operations, int commitEvery)
    {
        var tree = new MkvsTree();
        var model = new SortedDictionary<byte[], byte[]>(ByteKeyComparer.Instance);
        var store = new Dictionary<Hash256, byte[]>();
        var committed = new SortedDictionary<byte[], byte[]>(ByteKeyComparer.Instance);
        var committedRoot = Sha512_256.EmptyHash;
        int commits = 0;

        for (int op = 1; op <= operations; op++)
        {
            var key = pool[random.Next(pool.Count)];
            if (random.Next(3) == 0)
            {
                bool present = model.Remove(key);
                Assert.That(tree.Remove(key), Is.EqualTo(present), "Remove result");
            }
            else
            {
                var value = new byte[random.Next(4) == 0 ? 0 : random.Next(1, 12)];
                random.NextBytes(value);
                tree.Insert(key, value);
                model[key] = value;
            }
            if (random.Next(8) == 0)
            {
                var probe = pool[random.Next(pool.Count)];
                Assert.That(tree.Get(probe), Is.EqualTo(model.GetValueOrDefault(probe)), "Get before commit");
            }

            if (op % commitEvery != 0 && op != operations) continue;

            var (root, log) = tree.Commit();
            commits++;
            Assert.That(root, Is.EqualTo(MkvsRoot.Compute(model)), $"root after commit {commits}");
            CheckWriteLog(log, committed, model);

            // Replay the log onto the previous root, opened lazily over the stored nodes.
            var replica = new MkvsTree(committedRoot, h => store.GetValueOrDefault(h));
            MkvsWriteLog.Apply(replica, log);
            Assert.That(replica.Commit().Root, Is.EqualTo(root), $"write log replay after commit {commits}");

            foreach (var (hash, encoded) in tree.NewNodes) store[hash] = encoded;
            committedRoot = root;
            committed = new SortedDictionary<byte[], byte[]>(model, ByteKeyComparer.Instance);

            CheckIteration(tree, model, random, pool);
            if (commits % 4 == 0)
            {
                var reopened = new MkvsTree(root, h => store.GetValueOrDefault(h));
                CheckIteration(reopened, model, random, pool);
                foreach (var k in pool) Assert.That(reopened.Get(k), Is.EqualTo(model.GetValueOrDefault(k)));
                Assert.That(reopened.Commit().Root, Is.EqualTo(root), "reopened tree commits to the same root");
            }
        }
        Assert.That(commits, Is.GreaterThan(0));
    }

    private static void CheckWriteLog(IReadOnlyList<MkvsWriteLogEntry> log,
        SortedDictionary<byte[], byte[]> before, SortedDictionary<byte[], byte[]> after)
    {
        var seen = new HashSet<string>();
        int firstDelete = log.Count;
        for (int i = 0; i < log.Count; i++)
        {
            var e = log[i];
            Assert.That(seen.Add(Hex.Encode(e.Key)), Is.True, "keys are unique in a write log");
            if (e.IsDelete)
            {
                firstDelete = Math.Min(firstDelete, i);
                Assert.That(before.ContainsKey(e.Key) && !after.ContainsKey(e.Key), Is.True, "a delete removes a key that existed");
            }
            else
            {
                Assert.That(i, Is.LessThan(firstDelete), "inserts come before deletes");
                Assert.That(after.TryGetValue(e.Key, out var v) && v.AsSpan().SequenceEqual(e.Value), Is.True, "an insert sets the final value");
            }
            if (i > 0 && log[i - 1].IsDelete == e.IsDelete)
                Assert.That(log[i - 1].Key.AsSpan().SequenceCompareTo(e.Key), Is.LessThan(0), "sorted within inserts and deletes");
        }
        // Every real change is in the log.
        foreach (var (k, v) in after)
        {
            if (!before.TryGetValue(k, out var old) || !old.AsSpan().SequenceEqual(v))
                Assert.That(seen, Does.Contain(Hex.Encode(k)), "changed key missing from the log");
        }
        foreach (var k in before.Keys)
        {
            if (!after.ContainsKey(k)) Assert.That(seen, Does.Contain(Hex.Encode(k)), "removed key missing from the log");
        }
    }

    private static void CheckIteration(MkvsTree tree, SortedDictionary<byte[], byte[]> model, Random random, List<byte[]> pool)
    {
        var expected = new List<KeyValuePair<byte[], byte[]>>(model);
        var actual = new List<KeyValuePair<byte[], byte[]>>(tree.Enumerate());
        Assert.That(actual, Has.Count.EqualTo(expected.Count), "iteration count");
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.That(actual[i].Key, Is.EqualTo(expected[i].Key), $"iteration key {i}");
            Assert.That(actual[i].Value, Is.EqualTo(expected[i].Value), $"iteration value {i}");
        }
        var keys = new List<byte[]>(model.Keys);
        var it = tree.CreateIterator();
        for (int s = 0; s < 20; s++)
        {
            byte[] target = random.Next(2) == 0 ? pool[random.Next(pool.Count)] : RandomBytes(random);
            int index = keys.BinarySearch(target, ByteKeyComparer.Instance);
            if (index < 0) index = ~index;
            it.Seek(target);
            for (int step = 0; step < 3; step++, index++)
            {
                if (index >= keys.Count)
                {
                    Assert.That(it.Valid, Is.False, "seek past the end");
                    break;
                }
                Assert.That(it.Valid, Is.True);
                Assert.That(it.Key, Is.EqualTo(keys[index]), $"seek {Hex.Encode(target)} step {step}");
                it.Next();
            }
        }
    }

    private static byte[] RandomBytes(Random random)
    {
        var b = new byte[random.Next(0, 5)];
        random.NextBytes(b);
        return b;
    }
}
