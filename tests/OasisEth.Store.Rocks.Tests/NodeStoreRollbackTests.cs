using NUnit.Framework;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks.Native;

namespace OasisEth.Store.Rocks.Tests;

[TestFixture]
public sealed class NodeStoreRollbackTests
{
    private static byte[] B(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    /// <summary>An MKVS store driven round by round next to a model: every round's full key → value map.</summary>
    private sealed class Harness : IDisposable
    {
        private readonly TempDir _dir = new();
        private readonly Random _random;
        private readonly byte[][] _keys;
        public readonly Dictionary<ulong, SortedDictionary<string, string>> Model = [];
        public readonly Dictionary<ulong, Hash256> Roots = [];
        public NodeStore Store;
        private MkvsTree _tree;

        public Harness(int seed, int keyCount = 300)
        {
            _random = new Random(seed);
            _keys = new byte[keyCount][];
            for (int i = 0; i < keyCount; i++)
            {
                // Short and long keys, so the record encoding sees several lengths.
                var hash = Sha512_256.Hash(BitConverter.GetBytes(i)).ToArray();
                _keys[i] = hash.AsSpan(0, 1 + i % 32).ToArray();
            }
            Store = Open();
            _tree = Store.OpenLatestTree();
        }

        public Random Random => _random;

        private NodeStore Open() => NodeStore.Open(_dir.Path, new NodeStoreOptions { SyncCommits = false, NodeCacheBytes = 64 << 10 });

        public ulong Last => Store.LastRound ?? 0;

        public void Commit(ulong round, int changes, IReadOnlyList<KeyValuePair<byte[], byte[]?>>? aux = null)
        {
            var state = Last == 0 ? new SortedDictionary<string, string>(StringComparer.Ordinal) : new SortedDictionary<string, string>(Model[Last], StringComparer.Ordinal);
            for (int i = 0; i < changes; i++)
            {
                var key = _keys[_random.Next(_keys.Length)];
                if (_random.Next(5) == 0)
                {
                    _tree.Remove(key);
                    state.Remove(Convert.ToHexString(key));
                }
                else
                {
                    // Few distinct values: leaves recur across rounds (content-addressed sharing).
                    var value = BitConverter.GetBytes(_random.Next(30));
                    _tree.Insert(key, value);
                    state[Convert.ToHexString(key)] = Convert.ToHexString(value);
                }
            }
            var (root, log) = _tree.Commit();
            Store.CommitRound(round, root, Sha512_256.Hash(BitConverter.GetBytes(round)), _tree.NewNodes, log, aux ?? []);
            Model[round] = state;
            Roots[round] = root;
        }

        public void Rollback(ulong round, IReadOnlyList<KeyValuePair<byte[], byte[]?>>? aux = null)
        {
            Store.RollbackTo(round, aux ?? []);
            foreach (var r in Model.Keys.Where(r => r > round).ToList()) { Model.Remove(r); Roots.Remove(r); }
            _tree = Store.OpenLatestTree();
        }

        public void Prune(int keep)
        {
            Store.Prune(keep);
            ulong first = Store.FirstRound ?? 0;
            foreach (var r in Model.Keys.Where(r => r < first).ToList()) { Model.Remove(r); Roots.Remove(r); }
        }

        public void Reopen()
        {
            Store.Dispose();
            Store = Open();
            _tree = Store.OpenLatestTree();
        }

        /// <summary>Kept rounds, their trees, the flat index and the exact node set with counts all match the model.</summary>
        public void Check(string when)
        {
            Assert.That(Store.LastRound, Is.EqualTo(Model.Count == 0 ? null : Model.Keys.Max()), when);
            var kept = Model.Keys.Order().ToList();
            var expectedRefs = new Dictionary<Hash256, uint>();
            Span<Hash256> kids = stackalloc Hash256[NodeStore.MaxChildren];
            var visited = new HashSet<Hash256>();
            foreach (var round in kept)
            {
                Assert.That(Store.GetRound(round).StateRoot, Is.EqualTo(Roots[round]), $"{when}: root of round {round}");
                Assert.That(Dump(Store.OpenTree(round).Enumerate()), Is.EqualTo(Model[round]), $"{when}: contents of round {round}");
                if (Roots[round] == Sha512_256.EmptyHash) continue;
                expectedRefs[Roots[round]] = expectedRefs.GetValueOrDefault(Roots[round]) + 1;
                var stack = new Stack<Hash256>();
                stack.Push(Roots[round]);
                while (stack.Count > 0)
                {
                    var hash = stack.Pop();
                    if (!visited.Add(hash)) continue;
                    int n = MkvsNodeChildren.Read(Store.TryGetNode(hash), kids);
                    for (int i = 0; i < n; i++)
                    {
                        expectedRefs[kids[i]] = expectedRefs.GetValueOrDefault(kids[i]) + 1;
                        stack.Push(kids[i]);
                    }
                }
            }
            var stored = Store.ScanNodeHashes();
            Assert.That(stored, Has.Count.EqualTo(visited.Count), $"{when}: nodes no kept root reaches were left (or reachable ones lost)");
            Assert.That(Store.ScanRefCount(), Is.EqualTo(visited.Count), when);
            foreach (var hash in stored)
                Assert.That(Store.StoredRefCount(hash), Is.EqualTo(expectedRefs[hash]), $"{when}: reference count of {hash}");
            var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in Store.ScanFlat()) flat[Convert.ToHexString(k)] = Convert.ToHexString(v);
            Assert.That(flat, Is.EqualTo(kept.Count == 0 ? new SortedDictionary<string, string>() : Model[kept[^1]]), $"{when}: flat index");
        }

        private static SortedDictionary<string, string> Dump(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
        {
            var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in entries) map[Convert.ToHexString(k)] = Convert.ToHexString(v);
            return map;
        }

        public void Dispose()
        {
            Store.Dispose();
            _dir.Dispose();
        }
    }

    [Test]
    public void RollbackForgetsLaterRoundsRestoresTheFlatIndexAndAppliesAux()
    {
        using var h = new Harness(seed: 1);
        for (ulong r = 1; r <= 10; r++) h.Commit(r, 25, [new(B($"block/{r}"), B($"b{r}"))]);
        var before6 = h.Store.OpenTree(6).Enumerate().ToList();
        h.Rollback(6, [new(B("block/7"), null), new(B("block/8"), null), new(B("block/9"), null), new(B("block/10"), null), new(B("head"), B("6"))]);
        Assert.That(h.Store.LastRound, Is.EqualTo(6UL));
        Assert.That(h.Store.OpenTree(6).Enumerate().ToList(), Is.EqualTo(before6));
        for (ulong r = 7; r <= 10; r++)
        {
            Assert.That(h.Store.TryGetRound(r, out _), Is.False);
            Assert.That(h.Store.HasRoundKeys(r), Is.False);
        }
        Assert.That(h.Store.GetAux(B("block/6")), Is.EqualTo(B("b6")));
        Assert.That(h.Store.GetAux(B("block/7")), Is.Null);
        Assert.That(h.Store.GetAux(B("head")), Is.EqualTo(B("6")));
        h.Check("after rollback to 6");
        // The next round may reuse a forgotten number, and the store survives a reopen.
        h.Commit(7, 25);
        h.Reopen();
        h.Check("after recommitting 7 and reopening");
    }

    [Test]
    public void RollbackToTheLastRoundOnlyAppliesAux()
    {
        using var h = new Harness(seed: 2);
        for (ulong r = 1; r <= 3; r++) h.Commit(r, 10);
        h.Rollback(3, [new(B("x"), B("y"))]);
        Assert.That(h.Store.GetAux(B("x")), Is.EqualTo(B("y")));
        h.Check("after a no-op rollback");
    }

    [Test]
    public void RollbackRefusesRoundsItCannotReachAndWritesNothing()
    {
        using var h = new Harness(seed: 3);
        Assert.Throws<NodeStoreException>(() => h.Store.RollbackTo(0, []));
        for (ulong r = 1; r <= 20; r++) h.Commit(r, 10);
        h.Prune(5);
        var pruned = Assert.Throws<NodeStoreException>(() => h.Store.RollbackTo(10, [new(B("k"), B("v"))]));
        Assert.That(pruned!.Message, Does.Contain("round 10"));
        Assert.Throws<ArgumentOutOfRangeException>(() => h.Store.RollbackTo(21, []));
        Assert.Throws<ArgumentException>(() => h.Store.RollbackTo(17, [new(null!, B("v"))]));
        Assert.That(h.Store.GetAux(B("k")), Is.Null);
        h.Check("after refused rollbacks");
    }

    [Test]
    public void RollbackAcrossRoundsWithoutAKeyRecordIsRefused()
    {
        using var h = new Harness(seed: 4);
        for (ulong r = 1; r <= 4; r++) h.Commit(r, 10);
        // Make it a store from before round-key records: drop the family; the next open recreates it empty.
        h.Store.Dispose();
        var families = new ColumnFamilies();
        foreach (var name in RocksConfig.Families) if (name != "default") families.Add(name, new ColumnFamilyOptions());
        string path = h.Store.DataDirectory;
        using (var db = RocksDb.Open(new DbOptions(), path, families)) db.DropColumnFamily(RocksConfig.RoundKeys);
        h.Reopen();
        h.Commit(5, 10);
        h.Commit(6, 10);
        var e = Assert.Throws<NodeStoreException>(() => h.Store.RollbackTo(3, []));
        Assert.That(e!.Message, Does.Contain("round 4 has no record"));
        h.Check("after the refused rollback");
        h.Rollback(4);
        h.Check("after rolling back over recorded rounds only");
    }

    [TestCase(11, 64)]
    [TestCase(12, 8)]
    [TestCase(13, 1)]
    public void RandomCommitRollbackPruneSequencesMatchTheModel(int seed, int keep)
    {
        using var h = new Harness(seed);
        var random = h.Random;
        ulong next = 1;
        for (int step = 0; step < 120; step++)
        {
            int op = random.Next(10);
            string what;
            if (op < 6 || h.Model.Count == 0)
            {
                // Gaps in round numbers are allowed.
                next = h.Last + 1 + (ulong)random.Next(2);
                h.Commit(next, 1 + random.Next(20));
                what = $"commit {next}";
            }
            else if (op < 8)
            {
                var kept = h.Model.Keys.Order().ToList();
                ulong target = kept[random.Next(kept.Count)];
                h.Rollback(target, [new(B("head"), BitConverter.GetBytes(target))]);
                Assert.That(h.Store.GetAux(B("head")), Is.EqualTo(BitConverter.GetBytes(target)));
                what = $"rollback to {target}";
            }
            else if (op < 9)
            {
                h.Prune(keep);
                what = $"prune to {keep}";
            }
            else
            {
                h.Reopen();
                what = "reopen";
            }
            if (step % 6 == 0 || op >= 6) h.Check($"seed {seed} step {step} ({what})");
        }
        h.Check($"seed {seed} end");
    }
}
