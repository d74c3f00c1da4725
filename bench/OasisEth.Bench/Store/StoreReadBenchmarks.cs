using BenchmarkDotNet.Attributes;
using OasisEth.Primitives;
using OasisEth.Store.Rocks;

namespace OasisEth.Bench.Store;

/// <summary>
/// Node reads (<see cref="NodeStore.TryGetNode"/>) on the 1M-account base, <see cref="Batch"/> reads per
/// operation (so BDN's time per op / Batch is the time per read). Warm: a 10k-node working set already in the
/// managed node cache. Cold: node cache off, an 8 MiB block cache, and every invocation reads the next Batch
/// of ~2M nodes in a fixed random order, so reads miss both caches (the OS page cache may still hold the files:
/// without root we cannot drop it, so "cold" here means not cached by the process). Also prints the base's
/// bytes on disk per million nodes, per column family.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class StoreReadBenchmarks
{
    public const int Batch = 10_000;
    private NodeStore _store = null!;
    private Hash256[] _hashes = [];
    private int _next;

    [Params("cold", "warm")]
    public string Mode { get; set; } = "warm";

    [GlobalSetup]
    public void Setup()
    {
        StoreBaseFixture.Ensure();
        bool warm = Mode == "warm";
        _store = NodeStore.Open(StoreBaseFixture.BaseDir, new NodeStoreOptions
        {
            NodeCacheBytes = warm ? 64L << 20 : 0,
            BlockCacheBytes = warm ? 128L << 20 : 8L << 20,
        });
        var all = _store.ScanNodeHashes();
        ReportDisk(all.Count);
        var random = new Random(5);
        var order = all.ToArray();
        random.Shuffle(order);
        _hashes = warm ? order[..Batch] : order;
        if (warm)
            foreach (var hash in _hashes) _ = _store.TryGetNode(hash);
    }

    private void ReportDisk(long nodes)
    {
        double perMillion = 1e6 / nodes;
        Console.WriteLine($"// base: {nodes} nodes, {_store.DiskBytes()} bytes in the directory, {_store.DiskBytes() * perMillion / (1 << 20):F1} MiB per million nodes");
        foreach (var cf in new[] { "nodes", "refs", "flat", "rounds", "meta" })
        {
            long bytes = long.Parse(_store.GetProperty("rocksdb.total-sst-files-size", cf) ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"//   {cf}: {bytes} bytes, {bytes * perMillion / (1 << 20):F1} MiB per million nodes");
        }
    }

    [Benchmark(OperationsPerInvoke = Batch)]
    public int Reads()
    {
        int bytes = 0;
        var hashes = _hashes;
        int start = _next;
        for (int i = 0; i < Batch; i++)
        {
            var node = _store.TryGetNode(hashes[(start + i) % hashes.Length]);
            if (node is null) throw new InvalidOperationException("A stored node could not be read.");
            bytes += node.Length;
        }
        if (Mode == "cold") _next = (start + Batch) % hashes.Length;
        return bytes;
    }

    [GlobalCleanup]
    public void Teardown() => _store.Dispose();
}
