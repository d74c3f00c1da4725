using NUnit.Framework;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Store.Rocks.Tests;

[TestFixture]
public sealed class NodeStorePruneTests
{
    /// <summary>
    /// A copy-on-write 4-ary tree of depth 5 over 1024 leaf values drawn from a small alphabet, so equal
    /// leaves and equal subtrees recur at many places and across rounds (a node with several parents, a
    /// subtree dropped in one round and recreated later). Each round changes a few leaves; the nodes it
    /// emits are the ones not in the previous round's tree, and on some rounds every node (a producer that
    /// over-reports).
    /// </summary>
    private sealed class SyntheticChain
    {
        private const int Arity = 4;
        private const int Depth = 5;
        private readonly byte[] _leaves = new byte[1024];
        private readonly Random _random;
        private HashSet<Hash256> _previous = [];
        public readonly Dictionary<Hash256, Hash256[]> Children = [];
        public readonly Dictionary<Hash256, byte[]> Bytes = [];

        public SyntheticChain(int seed)
        {
            _random = new Random(seed);
            for (int i = 0; i < _leaves.Length; i++) _leaves[i] = (byte)_random.Next(24);
        }

        public (Hash256 Root, List<(Hash256, byte[])> Emitted) NextRound(bool emitAll)
        {
            int changes = 1 + _random.Next(20);
            for (int i = 0; i < changes; i++) _leaves[_random.Next(_leaves.Length)] = (byte)_random.Next(24);
            var current = new HashSet<Hash256>();
            var emitted = new List<(Hash256, byte[])>();
            var root = Build(0, Depth, current, emitted);
            if (emitAll) emitted = current.Select(h => (h, Bytes[h])).ToList();
            else emitted.RemoveAll(n => _previous.Contains(n.Item1));
            _previous = current;
            return (root, emitted);
        }

        private Hash256 Build(int first, int depth, HashSet<Hash256> current, List<(Hash256, byte[])> emitted)
        {
            (Hash256 Hash, byte[] Encoded) node;
            if (depth == 0)
            {
                node = SyntheticNodes.Make([_leaves[first]]);
            }
            else
            {
                int span = 1 << (2 * (depth - 1));
                var kids = new Hash256[Arity];
                for (int i = 0; i < Arity; i++) kids[i] = Build(first + i * span, depth - 1, current, emitted);
                node = SyntheticNodes.Make([(byte)depth], kids);
                Children[node.Hash] = kids;
            }
            if (depth == 0) Children[node.Hash] = [];
            Bytes[node.Hash] = node.Encoded;
            if (current.Add(node.Hash)) emitted.Add(node); // post-order, each distinct node once
            return node.Hash;
        }

        /// <summary>Nodes reachable from the roots, with the reference count the store must hold for each.</summary>
        public Dictionary<Hash256, uint> ExpectedRefs(IEnumerable<Hash256> roots)
        {
            var refs = new Dictionary<Hash256, uint>();
            var stack = new Stack<Hash256>();
            foreach (var root in roots)
            {
                refs[root] = refs.GetValueOrDefault(root) + 1;
                stack.Push(root);
            }
            var expanded = new HashSet<Hash256>();
            while (stack.Count > 0)
            {
                var hash = stack.Pop();
                if (!expanded.Add(hash)) continue;
                foreach (var child in Children[hash])
                {
                    refs[child] = refs.GetValueOrDefault(child) + 1;
                    stack.Push(child);
                }
            }
            return refs;
        }
    }

    [TestCase(1, 128, 400)]
    [TestCase(2, 16, 300)]
    [TestCase(3, 1, 120)]
    public void PruneKeepsExactlyTheNodesReachableFromKeptRoots(int seed, int keep, int rounds)
    {
        using var dir = new TempDir();
        var chain = new SyntheticChain(seed);
        var roots = new Dictionary<ulong, Hash256>();
        var random = new Random(seed * 31);
        var store = NodeStore.Open(dir.Path, SyntheticNodes.Options(cacheBytes: 64 << 10));
        try
        {
            int prunes = 0;
            long removed = 0;
            for (ulong round = 1; round <= (ulong)rounds; round++)
            {
                var (root, emitted) = chain.NextRound(emitAll: random.Next(7) == 0);
                store.CommitRound(round, root, default, emitted);
                roots[round] = root;
                if (random.Next(25) == 0 || round == (ulong)rounds)
                {
                    var result = store.Prune(keep);
                    removed += result.NodesRemoved;
                    prunes++;
                    CheckExactlyReachable(store, chain, roots, keep, round);
                }
                if (round % 100 == 0)
                {
                    // Reference counts and rounds survive a reopen.
                    store.Dispose();
                    store = NodeStore.Open(dir.Path, SyntheticNodes.Options(cacheBytes: 64 << 10));
                }
            }
            Assert.That(prunes, Is.GreaterThan(1));
            Assert.That(removed, Is.GreaterThan(0), "pruning never removed anything: the test has no teeth");
        }
        finally
        {
            store.Dispose();
        }
    }

    private static void CheckExactlyReachable(NodeStore store, SyntheticChain chain, Dictionary<ulong, Hash256> roots, int keep, ulong last)
    {
        ulong firstKept = last >= (ulong)keep ? last - (ulong)keep + 1 : 1;
        var keptRoots = new List<Hash256>();
        for (ulong r = 1; r <= last; r++)
        {
            bool kept = r >= firstKept;
            Assert.That(store.TryGetRound(r, out var info), Is.EqualTo(kept), $"round {r} after pruning to {keep} at {last}");
            if (!kept) continue;
            Assert.That(info.StateRoot, Is.EqualTo(roots[r]));
            keptRoots.Add(roots[r]);
        }
        var expected = chain.ExpectedRefs(keptRoots);

        // Walk every kept root through the store itself: every node is there with the right bytes.
        var seen = new HashSet<Hash256>();
        var stack = new Stack<Hash256>(keptRoots);
        Span<Hash256> kids = stackalloc Hash256[NodeStore.MaxChildren];
        while (stack.Count > 0)
        {
            var hash = stack.Pop();
            if (!seen.Add(hash)) continue;
            var bytes = store.TryGetNode(hash);
            Assert.That(bytes, Is.Not.Null, $"node {hash} reachable from a kept root was pruned");
            Assert.That(Sha512_256.Hash(bytes!), Is.EqualTo(hash));
            int n = SyntheticNodes.Read(bytes, kids);
            for (int i = 0; i < n; i++) stack.Push(kids[i]);
        }
        Assert.That(seen.SetEquals(expected.Keys), Is.True);

        // Nothing else is stored, and every count is exact.
        var stored = store.ScanNodeHashes();
        Assert.That(stored, Has.Count.EqualTo(expected.Count), "unreachable nodes were left behind");
        Assert.That(store.ScanRefCount(), Is.EqualTo(expected.Count));
        foreach (var hash in stored)
            Assert.That(store.StoredRefCount(hash), Is.EqualTo(expected[hash]), $"reference count of {hash}");
        foreach (var hash in chain.Bytes.Keys)
            Assert.That(store.ContainsNode(hash), Is.EqualTo(expected.ContainsKey(hash)));
    }

    [Test]
    public void MkvsRoundsStayReadableForTheLast128AndOlderNodesGo()
    {
        using var dir = new TempDir();
        var random = new Random(11);
        var keys = Enumerable.Range(0, 600).Select(i => Sha512_256.Hash(BitConverter.GetBytes(i)).ToArray()).ToArray();
        var roots = new Dictionary<ulong, Hash256>();
        using var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false, NodeCacheBytes = 256 << 10 });
        var tree = store.OpenLatestTree();
        long removed = 0;
        const ulong Rounds = 330;
        for (ulong round = 1; round <= Rounds; round++)
        {
            for (int i = 0; i < 12; i++)
            {
                var key = keys[random.Next(keys.Length)];
                if (random.Next(6) == 0) tree.Remove(key);
                else tree.Insert(key, BitConverter.GetBytes(random.Next(40))); // few distinct values: shared leaves
            }
            var (root, log) = tree.Commit();
            store.CommitRound(round, root, default, tree.NewNodes, log);
            roots[round] = root;
            if (round % 50 == 0) removed += store.Prune().NodesRemoved;
        }
        removed += store.Prune().NodesRemoved;
        Assert.That(removed, Is.GreaterThan(0));
        Assert.That(store.FirstRound, Is.EqualTo(Rounds - 127));

        var reachable = new HashSet<Hash256>();
        Span<Hash256> kids = stackalloc Hash256[NodeStore.MaxChildren];
        for (ulong round = 1; round <= Rounds; round++)
        {
            if (round <= Rounds - 128)
            {
                Assert.That(store.TryGetRound(round, out _), Is.False);
                continue;
            }
            // Enumerating loads (and hash-checks) every node under the root.
            Assert.That(MkvsRoot.Compute(store.OpenTree(round).Enumerate()), Is.EqualTo(roots[round]));
            var stack = new Stack<Hash256>();
            stack.Push(roots[round]);
            while (stack.Count > 0)
            {
                var hash = stack.Pop();
                if (!reachable.Add(hash)) continue;
                int n = MkvsNodeChildren.Read(store.TryGetNode(hash), kids);
                for (int i = 0; i < n; i++) stack.Push(kids[i]);
            }
        }
        Assert.That(store.ScanNodeHashes(), Has.Count.EqualTo(reachable.Count));
        Assert.That(store.ScanRefCount(), Is.EqualTo(reachable.Count));
    }

    [Test]
    public void PruneKeepsRoundsByNumberAndNeedsToKeepOne()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, SyntheticNodes.Options());
        Assert.That(store.Prune(), Is.EqualTo(default(PruneResult)));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Prune(0));
        var shared = SyntheticNodes.Make("shared"u8);
        foreach (ulong round in new ulong[] { 10, 20, 21, 25, 30 })
        {
            var root = SyntheticNodes.Make(BitConverter.GetBytes(round), shared.Hash);
            store.CommitRound(round, root.Hash, default, [shared, root]);
        }
        Assert.That(store.StoredRefCount(shared.Hash), Is.EqualTo(5u));
        Assert.That(store.Prune(100), Is.EqualTo(default(PruneResult)));
        // Keep rounds 21..30 (the last 10 round numbers): 10 and 20 go, with their own root nodes only.
        Assert.That(store.Prune(10), Is.EqualTo(new PruneResult(2, 2)));
        Assert.That(store.FirstRound, Is.EqualTo(21UL));
        Assert.That(store.StoredRefCount(shared.Hash), Is.EqualTo(3u));
        Assert.That(store.Prune(1), Is.EqualTo(new PruneResult(2, 2))); // 21 and 25
        Assert.That(store.FirstRound, Is.EqualTo(30UL));
        Assert.That(store.StoredRefCount(shared.Hash), Is.EqualTo(1u));
        Assert.That(store.ScanNodeHashes(), Has.Count.EqualTo(2));
    }
}
