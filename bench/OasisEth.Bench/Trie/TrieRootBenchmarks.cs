using BenchmarkDotNet.Attributes;
using OasisEth.Primitives;
using OasisEth.Trie;

namespace OasisEth.Bench.Trie;

/// <summary>
/// State-root shapes: Count secure-trie entries (32-byte Keccak keys, 70-byte values like an account RLP).
/// ComputeRoot (bottom-up, what the state-test runner calls) against building a PatriciaTrie and asking its root,
/// and the incremental case: one changed value in an already-hashed trie. Roots are compared in setup.
/// </summary>
[MemoryDiagnoser]
public class TrieRootBenchmarks
{
    private KeyValuePair<byte[], byte[]>[] _entries = [];
    private PatriciaTrie _trie = new();
    private byte _flip;

    [Params(16, 1000, 10_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(Count);
        _entries = new KeyValuePair<byte[], byte[]>[Count];
        for (int i = 0; i < Count; i++)
        {
            var value = new byte[70];
            random.NextBytes(value);
            _entries[i] = new KeyValuePair<byte[], byte[]>(Keccak.Compute(BitConverter.GetBytes(i)).ToArray(), value);
        }
        _trie = new PatriciaTrie();
        foreach (var e in _entries) _trie.Put(e.Key, e.Value);
        if (ComputeRoot() != BuildTrie()) throw new InvalidOperationException("ComputeRoot and PatriciaTrie disagree.");
        if (ComputeRoot() == Hash256.EmptyTrie) throw new InvalidOperationException("Setup produced no entries.");
    }

    [Benchmark(Baseline = true)]
    public Hash256 ComputeRoot() => PatriciaTrie.ComputeRoot(_entries);

    [Benchmark]
    public Hash256 BuildTrie()
    {
        var trie = new PatriciaTrie();
        foreach (var e in _entries) trie.Put(e.Key, e.Value);
        return trie.RootHash;
    }

    [Benchmark]
    public Hash256 UpdateOneThenRoot()
    {
        _flip++;
        _trie.Put(_entries[0].Key, [_flip, 1, 2, 3]);
        return _trie.RootHash;
    }
}
