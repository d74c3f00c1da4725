using BenchmarkDotNet.Attributes;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using Org.BouncyCastle.Crypto.Digests;

namespace OasisEth.Bench.Mkvs;

/// <summary>
/// Our managed SHA-512/256 against BouncyCastle's <c>Sha512tDigest(256)</c> (reused digest, its best case).
/// 64 bytes is a short leaf; 105 bytes an internal node with a short label (one block either way); 1 KiB the
/// bulk rate. Outputs are compared in setup.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class MkvsSha512_256Benchmarks
{
    private byte[] _input = [];
    private readonly byte[] _output = new byte[32];
    private readonly Sha512tDigest _digest = new(256);

    [Params(64, 105, 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Size];
        new Random(Size).NextBytes(_input);
        var ours = Managed();
        BouncyCastle();
        if (!ours.Bytes.SequenceEqual(_output)) throw new InvalidOperationException("SHA-512/256 implementations disagree.");
    }

    [Benchmark(Baseline = true)]
    public Hash256 Managed() => Sha512_256.Hash(_input);

    [Benchmark]
    public void BouncyCastle()
    {
        _digest.BlockUpdate(_input, 0, _input.Length);
        _digest.DoFinal(_output, 0);
    }
}
