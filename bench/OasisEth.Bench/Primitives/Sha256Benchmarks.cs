using BenchmarkDotNet.Attributes;
using OasisEth.Primitives;

namespace OasisEth.Bench.Primitives;

/// <summary>
/// SHA-256 (the 0x02 precompile, KZG versioned hashes): BouncyCastle's managed digest, which the sandboxed runtime
/// uses, against .NET's SHA256 (OpenSSL libcrypto on Linux), which the dev node uses. Outputs are compared in
/// <see cref="Setup"/>, so a fast wrong answer cannot win.
/// </summary>
[MemoryDiagnoser]
public class Sha256Benchmarks
{
    [Params(32, 1024, 65536)]
    public int Size { get; set; }

    private byte[] _input = [];
    private readonly byte[] _output = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        _input = new byte[Size];
        new Random(Size).NextBytes(_input);
        byte[] managed = new byte[32], native = new byte[32];
        Sha256.ManagedHash(_input, managed);
        Sha256.NativeHash(_input, native);
        if (!managed.AsSpan().SequenceEqual(native)) throw new InvalidOperationException("SHA-256 implementations differ");
    }

    [Benchmark(Baseline = true)]
    public byte Managed()
    {
        Sha256.ManagedHash(_input, _output);
        return _output[0];
    }

    [Benchmark]
    public byte NativeOpenSsl()
    {
        Sha256.NativeHash(_input, _output);
        return _output[0];
    }
}
