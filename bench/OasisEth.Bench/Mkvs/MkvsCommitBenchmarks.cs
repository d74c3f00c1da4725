using BenchmarkDotNet.Attributes;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Bench.Mkvs;

/// <summary>
/// A round's state commit on a 100k-key MKVS tree (32-byte hashed keys and 32-byte values, like storage
/// slots): <see cref="UpdateAndCommit"/> writes new values to Changed existing keys and commits (root + write
/// log); <see cref="CommitOnly"/> times the commit alone after the same writes. The tree's root is checked
/// against the build-from-set oracle in setup.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[InvocationCount(1)]
public class MkvsCommitBenchmarks
{
    private const int TreeSize = 100_000;
    private MkvsTree _tree = new();
    private byte[][] _keys = [];
    private readonly byte[] _value = new byte[32];
    private int _round;

    [Params(1_000, 10_000)]
    public int Changed { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _keys = new byte[TreeSize][];
        var entries = new List<KeyValuePair<byte[], byte[]>>(TreeSize);
        _tree = new MkvsTree();
        for (int i = 0; i < TreeSize; i++)
        {
            _keys[i] = Sha512_256.Hash(BitConverter.GetBytes(i)).ToArray();
            var value = new byte[32];
            random.NextBytes(value);
            entries.Add(new(_keys[i], value));
            _tree.Insert(_keys[i], value);
        }
        var root = _tree.Commit().Root;
        if (root != MkvsRoot.Compute(entries)) throw new InvalidOperationException("Tree and oracle disagree.");
    }

    private void Write()
    {
        // A different spread of keys each round, so every round changes Changed leaves.
        _round++;
        int stride = TreeSize / Changed;
        for (int i = 0; i < Changed; i++)
        {
            _value[0] = (byte)_round;
            _value[1] = (byte)(_round >> 8);
            _tree.Insert(_keys[(i * stride + _round) % TreeSize], _value);
        }
    }

    [Benchmark(Baseline = true)]
    public Hash256 UpdateAndCommit()
    {
        Write();
        var result = _tree.Commit();
        if (result.WriteLog.Count != Changed) throw new InvalidOperationException("Unexpected write log.");
        return result.Root;
    }

    [IterationSetup(Target = nameof(CommitOnly))]
    public void WriteBeforeCommit() => Write();

    [Benchmark]
    public Hash256 CommitOnly() => _tree.Commit().Root;
}
