using BenchmarkDotNet.Attributes;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks;

namespace OasisEth.Bench.Store;

/// <summary>
/// Steady-state pruning on a copy of the 1M-account base: IterationSetup commits a round with DirtySlots
/// changed accounts; the benchmark prunes to the last round, which forgets the previous round and deletes
/// the nodes the new round replaced (about as many as it added). Timed: <see cref="NodeStore.Prune"/> alone.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(1)]
[Config(typeof(StoreJobConfig))]
public class StorePruneBenchmarks
{
    private NodeStore _store = null!;
    private MkvsTree _tree = null!;
    private ulong _round;
    private Random _random = null!;
    private long _removed;
    private int _prunes;

    [Params(1_000, 10_000, 100_000)]
    public int DirtySlots { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = NodeStore.Open(StoreBaseFixture.CopyTo($"prune-{DirtySlots}"));
        _round = _store.LastRound!.Value;
        _tree = _store.OpenTree(_round);
        _random = new Random(DirtySlots + 1);
    }

    [IterationSetup]
    public void Prepare()
    {
        var value = new byte[32];
        for (int i = 0; i < DirtySlots; i++)
        {
            _random.NextBytes(value);
            _tree.Insert(StoreBaseFixture.Key(_random.Next(StoreBaseFixture.Accounts)), value);
        }
        var (root, log) = _tree.Commit();
        _store.CommitRound(++_round, root, default, _tree.NewNodes, log);
    }

    [Benchmark]
    public PruneResult PruneToLastRound()
    {
        var result = _store.Prune(1);
        if (result.RoundsRemoved != 1) throw new InvalidOperationException("Prune did not forget exactly one round.");
        _removed += result.NodesRemoved;
        _prunes++;
        return result;
    }

    [GlobalCleanup]
    public void Teardown()
    {
        if (_prunes > 0) Console.WriteLine($"// {DirtySlots} dirty slots: {_removed / _prunes} nodes removed per prune");
        if (_store.OpenTree(_round).Get(StoreBaseFixture.Key(777)) is null)
            throw new InvalidOperationException("An account vanished after pruning.");
        _store.Dispose();
    }
}
