using System.Collections.Concurrent;
using NUnit.Framework;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Store.Rocks.Tests;

[TestFixture]
public sealed class NodeStoreHistoricReadTests
{
    [Test]
    public void ReadingAPrunedOrUnknownRoundNamesTheRound()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false });
        var none = Assert.Throws<NodeStoreException>(() => store.OpenTree(3));
        Assert.That(none!.Message, Does.Contain("Round 3").And.Contain("no rounds"));
        var tree = store.OpenLatestTree();
        for (ulong r = 1; r <= 10; r++)
        {
            tree.Insert(BitConverter.GetBytes(r), [1]);
            var (root, log) = tree.Commit();
            store.CommitRound(r, root, default, tree.NewNodes, log);
        }
        store.Prune(4);
        var pruned = Assert.Throws<NodeStoreException>(() => store.OpenTree(6));
        Assert.That(pruned!.Message, Does.Contain("Round 6").And.Contain("pruned").And.Contain("oldest kept round is 7"));
        var future = Assert.Throws<NodeStoreException>(() => store.OpenTree(11));
        Assert.That(future!.Message, Does.Contain("Round 11").And.Contain("last round is 10"));
        Assert.That(store.OpenTree(7).Enumerate().Count(), Is.EqualTo(7));
    }

    [Test]
    public void ATreeWhoseRoundIsPrunedUnderItFailsWithTheRoundNotWrongData()
    {
        using var dir = new TempDir();
        // No node cache: nodes come from RocksDB, so a pruned node is really gone.
        using var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false, NodeCacheBytes = 0 });
        var tree = store.OpenLatestTree();
        var keys = Enumerable.Range(0, 200).Select(i => Sha512_256.Hash(BitConverter.GetBytes(i)).ToArray()).ToArray();
        foreach (var k in keys) tree.Insert(k, [1]);
        var (root1, log1) = tree.Commit();
        store.CommitRound(1, root1, default, tree.NewNodes, log1);
        foreach (var k in keys) tree.Insert(k, [2]);
        var (root2, log2) = tree.Commit();
        store.CommitRound(2, root2, default, tree.NewNodes, log2);

        var old = store.OpenTree(1); // opened, nothing loaded yet
        store.Prune(1);
        var e = Assert.Throws<NodeStoreException>(() => old.Get(keys[7]));
        Assert.That(e!.Message, Does.Contain("Round 1 was pruned or rolled back while being read"));
    }

    /// <summary>
    /// One writer commits and prunes to 128 rounds every round while readers open random recent rounds and
    /// read them whole: every read either returns exactly the round's state (its root recomputed from the
    /// entries) or, only for a round that is no longer kept, a NodeStoreException naming it.
    /// </summary>
    [Test]
    public void HistoricReadsDuringCommitsAndPrunesAreExactOrClearlyRefused()
    {
        using var dir = new TempDir();
        using var store = NodeStore.Open(dir.Path, new NodeStoreOptions { SyncCommits = false, NodeCacheBytes = 256 << 10 });
        var roots = new ConcurrentDictionary<ulong, Hash256>();
        var keys = Enumerable.Range(0, 400).Select(i => Sha512_256.Hash(BitConverter.GetBytes(i)).ToArray()).ToArray();
        const ulong Rounds = 420;
        var tree = store.OpenLatestTree();
        var writerRandom = new Random(5);
        // A base of 129 rounds so readers always have a full window.
        void CommitOne(ulong r)
        {
            for (int i = 0; i < 10; i++)
                tree.Insert(keys[writerRandom.Next(keys.Length)], BitConverter.GetBytes(writerRandom.Next(50)));
            var (root, log) = tree.Commit();
            roots[r] = root;
            store.CommitRound(r, root, default, tree.NewNodes, log);
            store.Prune(NodeStore.DefaultKeptRounds);
        }
        for (ulong r = 1; r <= 129; r++) CommitOne(r);

        using var done = new CancellationTokenSource();
        long exact = 0, refused = 0;
        var failures = new ConcurrentQueue<string>();
        var readers = new Task[2];
        for (int t = 0; t < readers.Length; t++)
        {
            int seed = 100 + t;
            readers[t] = Task.Run(() =>
            {
                var random = new Random(seed);
                while (!done.IsCancellationRequested)
                {
                    ulong last = store.LastRound!.Value;
                    // Mostly the oldest edge of the window, where pruning races the read.
                    ulong back = random.Next(3) == 0 ? (ulong)random.Next(128) : 120 + (ulong)random.Next(12);
                    ulong round = last > back ? last - back : 1;
                    try
                    {
                        var got = MkvsRoot.Compute(store.OpenTree(round).Enumerate());
                        if (got != roots[round]) failures.Enqueue($"round {round}: root {got}, expected {roots[round]}");
                        else Interlocked.Increment(ref exact);
                    }
                    catch (NodeStoreException e)
                    {
                        // Refusal is only allowed for a round outside the kept window by now.
                        ulong firstNow = store.FirstRound ?? 0;
                        if (round >= firstNow || !e.Message.Contains($"Round {round} ", StringComparison.Ordinal))
                            failures.Enqueue($"round {round} refused while kept (first {firstNow}): {e.Message}");
                        else Interlocked.Increment(ref refused);
                    }
                    catch (Exception e)
                    {
                        failures.Enqueue($"round {round}: {e.GetType().Name}: {e.Message}");
                    }
                }
            });
        }
        for (ulong r = 130; r <= Rounds; r++) CommitOne(r);
        done.Cancel();
        Task.WaitAll(readers);

        Assert.That(failures, Is.Empty);
        Assert.That(exact, Is.GreaterThan(20), "readers hardly ran");
        Assert.That(store.FirstRound, Is.EqualTo(Rounds - 127));
        TestContext.Out.WriteLine($"exact reads {exact}, refused (pruned meanwhile) {refused}");
    }
}
