using BenchmarkDotNet.Attributes;
using OasisEth.Primitives;

namespace OasisEth.Bench.Primitives;

/// <summary>
/// The EVM word's arithmetic kernels at the operand widths that matter: 64-bit operands (the common case in real
/// contracts) and full-width ones (crypto-style contracts, worst case). Every case must allocate 0 bytes.
/// Operands are fields (not constants) so the JIT cannot fold the work away; results go to a field.
/// </summary>
[MemoryDiagnoser]
public class UInt256Benchmarks
{
    private UInt256 _a256, _b256, _m256, _a128, _b128, _b64, _e256, _base, _result;

    [GlobalSetup]
    public void Setup()
    {
        _a256 = UInt256.Parse("0xf3a5c1e2d4b6978812345678abcdef0198765432fedcba0123456789abcdef01");
        _b256 = UInt256.Parse("0x9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251f86c6a11d0c18e95");
        _m256 = UInt256.Parse("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f");
        _a128 = UInt256.Parse("0x0123456789abcdeffedcba9876543210");
        _b128 = UInt256.Parse("0x00000000deadbeef0000000012345678cafebabe");
        _b64 = UInt256.Parse("0x9e3779b97f4a7c15");
        _e256 = UInt256.Parse("0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2d");
        _base = UInt256.Parse("0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81799");
    }

    [Benchmark]
    public UInt256 Add()
    {
        UInt256.Add(_a256, _b256, out _result);
        return _result;
    }

    [Benchmark]
    public UInt256 Multiply()
    {
        UInt256.Multiply(_a256, _b256, out _result);
        return _result;
    }

    [Benchmark(Description = "Divide 256/64")]
    public UInt256 Divide256By64()
    {
        UInt256.Divide(_a256, _b64, out _result);
        return _result;
    }

    [Benchmark(Description = "Divide 256/128")]
    public UInt256 Divide256By128()
    {
        UInt256.Divide(_a256, _a128, out _result);
        return _result;
    }

    [Benchmark(Description = "Divide 256/160")]
    public UInt256 Divide256By160()
    {
        UInt256.Divide(_a256, _b128, out _result);
        return _result;
    }

    [Benchmark(Description = "Divide 256/256")]
    public UInt256 Divide256By256()
    {
        UInt256.Divide(_a256, _b256, out _result);
        return _result;
    }

    [Benchmark]
    public UInt256 MulMod()
    {
        UInt256.MulMod(_a256, _b256, _m256, out _result);
        return _result;
    }

    [Benchmark(Description = "AddMod (unreduced)")]
    public UInt256 AddMod()
    {
        UInt256.AddMod(_a256, _b256, _b128, out _result);
        return _result;
    }

    [Benchmark(Description = "AddMod (reduced)")]
    public UInt256 AddModReduced()
    {
        UInt256.AddMod(_base, _b256, _m256, out _result);
        return _result;
    }

    [Benchmark(Description = "Exp (256-bit exponent)")]
    public UInt256 Exp()
    {
        UInt256.Exp(_base, _e256, out _result);
        return _result;
    }
}
