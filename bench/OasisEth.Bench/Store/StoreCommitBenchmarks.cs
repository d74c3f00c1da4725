using BenchmarkDotNet.Attributes;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Store.Rocks;

namespace OasisEth.Bench.Store;

/// <summary>
/// One round's <see cref="NodeStore.CommitRound"/> (synced WAL, the production default) on a copy of the
/// 1M-account base, after DirtySlots random accounts got new values. Timed: the store commit alone (existence
/// checks, refcount reads and updates, one WriteBatch, fsync). Not timed: the MKVS update and hashing, and the
/// encoding of the new nodes (done in IterationSetup). The nodes a round adds are printed per case.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(1)]
[Config(typeof(StoreJobConfig))]
public class StoreCommitBenchmarks
{
    private NodeStore _store = null!;
    private MkvsTree _tree = null!;
    private List<(Hash256 Hash, byte[] Encoded)> _nodes = [];
    private IReadOnlyList<MkvsWriteLogEntry> _log = [];
    private Hash256 _root;
    private ulong _round;
    private Random _random = null!;
    private long _nodesCommitted;
    private int _commits;

    [Params(1_000, 10_000, 100_000)]
    public int DirtySlots { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        string dir = StoreBaseFixture.CopyTo($"commit-{DirtySlots}");
        _store = NodeStore.Open(dir);
        _round = _store.LastRound!.Value;
        _tree = _store.OpenTree(_round);
        _random = new Random(DirtySlots);
        var probe = StoreBaseFixture.Key(12345);
        if (_tree.Get(probe) is not { } value || !value.AsSpan().SequenceEqual(Sha512_256.Hash(probe).Bytes))
            throw new InvalidOperationException("The base store does not hold the expected accounts.");
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
        (_root, _log) = _tree.Commit();
        _nodes = _tree.NewNodes.ToList();
    }

    [Benchmark]
    public void CommitRound()
    {
        _store.CommitRound(++_round, _root, default, _nodes, _log);
        _nodesCommitted += _nodes.Count;
        _commits++;
    }

    [IterationCleanup]
    public void Cleanup() => _store.Prune();

    [GlobalCleanup]
    public void Teardown()
    {
        if (_commits > 0) Console.WriteLine($"// {DirtySlots} dirty slots: {_nodesCommitted / _commits} new nodes per round");
        if (_store.OpenTree(_round).Get(StoreBaseFixture.Key(12345)) is null)
            throw new InvalidOperationException("An account vanished from the committed state.");
        _store.Dispose();
    }
}
