using BenchmarkDotNet.Attributes;
using OasisEth.Primitives;
using Org.BouncyCastle.Crypto.Digests;

namespace OasisEth.Bench.Primitives;

/// <summary>
/// Our managed Keccak-f[1600] against BouncyCastle's <c>KeccakDigest(256)</c>: the result picks which one
/// <see cref="Keccak"/> uses. 64 bytes is the typical EVM case (KECCAK256 of two words, trie keys), 32 KiB the
/// bulk rate. BouncyCastle gets its best case, one digest reused (DoFinal resets it).
/// Outputs are compared once in <see cref="Setup"/> so a fast wrong answer cannot win.
/// </summary>
[MemoryDiagnoser]
public class KeccakBenchmarks
{
    private byte[] _input = [];
    private readonly byte[] _output = new byte[32];
    private readonly KeccakDigest _digest = new(256);

    [Params(64, 32 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Size];
        new Random(Size).NextBytes(_input);
        Managed();
        byte[] ours = (byte[])_output.Clone();
        BouncyCastle();
        if (!ours.AsSpan().SequenceEqual(_output)) throw new InvalidOperationException("Keccak implementations disagree.");
    }

    [Benchmark(Baseline = true)]
    public void Managed() => Keccak.Compute(_input, _output);

    [Benchmark]
    public void BouncyCastle()
    {
        _digest.BlockUpdate(_input, 0, _input.Length);
        _digest.DoFinal(_output, 0);
    }
}
