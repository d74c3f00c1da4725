using BenchmarkDotNet.Attributes;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;
using OasisEth.Store.Rocks;

namespace OasisEth.Bench.Store;

/// <summary>
/// Reads of the latest EVM state (account + one storage slot per read, <see cref="Batch"/> per operation) from a
/// RocksDB store of 200k accounts in the MKVS schema, three ways: "tree-fresh": a plain
/// <see cref="MkvsStateReader"/> over a tree opened anew each invocation (what a block without the cache pays
/// on first touch: a ~18-node walk, nodes from the store's node cache or RocksDB); "tree-loaded": the same
/// reader over a tree that already holds the nodes; "cache-hit": <see cref="CachingStateReader"/> with the
/// working set cached (what the next block pays for hot accounts and slots). Working set: 10k random accounts.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class StateCacheReadBenchmarks
{
    public const int Batch = 10_000;
    private const int Accounts = 200_000;
    private string _dir = "";
    private NodeStore _store = null!;
    private ulong _round;
    private Address[] _hot = [];
    private IStateReader _reader = null!;

    [Params("tree-fresh", "tree-loaded", "cache-hit")]
    public string Mode { get; set; } = "cache-hit";

    private static Address AddressOf(int i)
    {
        Span<byte> bytes = stackalloc byte[20];
        Sha512_256.Hash(BitConverter.GetBytes(i)).Bytes[..20].CopyTo(bytes);
        return new Address(bytes);
    }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(StoreBaseFixture.Root, "state-cache-" + Mode);
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        _store = NodeStore.Open(_dir, new NodeStoreOptions { SyncCommits = false });
        var tree = new MkvsTree();
        for (int i = 0; i < Accounts; i++)
            MkvsStateWriter.PutAccount(tree, AddressOf(i), 1, (ulong)i + 1, [], [new KeyValuePair<UInt256, UInt256>(1, (ulong)i + 7)]);
        var (root, log) = tree.Commit();
        _store.CommitRound(_round = 1, root, default, tree.NewNodes, log);
        var random = new Random(3);
        _hot = new Address[Batch];
        for (int i = 0; i < Batch; i++) _hot[i] = AddressOf(random.Next(Accounts));
        _reader = Mode switch
        {
            "tree-loaded" => new MkvsStateReader(_store.OpenTree(_round)),
            "cache-hit" => new CachingStateReader(new MkvsStateReader(_store.OpenTree(_round))),
            _ => null!,
        };
        if (_reader is not null) ReadAll(_reader);
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public ulong Reads() => ReadAll(Mode == "tree-fresh" ? new MkvsStateReader(_store.OpenTree(_round)) : _reader);

    private ulong ReadAll(IStateReader reader)
    {
        ulong sum = 0;
        foreach (var address in _hot)
        {
            if (!reader.TryGetAccount(address, out var account)) throw new InvalidOperationException("A stored account is missing.");
            sum += account.Nonce + (ulong)reader.GetStorage(address, 1);
        }
        return sum;
    }

    [GlobalCleanup]
    public void Teardown()
    {
        _store.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
