using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using OasisEth.Bench.Columns;
using OasisEth.Evm.Precompiles;
using OasisEth.Evm.Precompiles.Bn254;
using OasisEth.Primitives;

namespace OasisEth.Bench.Precompiles;

/// <summary>
/// One BN254 precompile call per operation (0x06 ECADD, 0x07 ECMUL, 0x08 ECPAIRING with 2 and 6 pairs), as the
/// interpreter makes it. Inputs are go-ethereum's bn256 precompile vectors (chfast1 for ECADD; cdetrio1 for
/// ECMUL, whose all-ones 256-bit scalar is the slow case; jeff1 for the pairing, repeated three times for six
/// pairs, which still multiplies to 1). Outputs are checked once before timing. Gas is the Prague price, and
/// Mgas/s = gas / median time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Bn254Benchmarks.GasConfig))]
public class Bn254Benchmarks
{
    private const string Jeff1 =
        "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41"
        + "209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a41678"
        + "2bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
        + "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411"
        + "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
        + "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";

    private const string One = "0000000000000000000000000000000000000000000000000000000000000001";

    public static IEnumerable<string> Cases => ["ecadd", "ecmul", "ecpairing-2", "ecpairing-6"];

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    private IPrecompile _precompile = EcAddPrecompile.Instance;
    private byte[] _input = [];

    [GlobalSetup]
    public void Setup()
    {
        (_precompile, _input, string expected) = Build(Case);
        PrecompileResult result = _precompile.Run(_input, Fork.Prague);
        if (!result.Success || Hex.Encode(result.Output) != expected)
            throw new InvalidOperationException($"{Case}: wrong output {Hex.Encode(result.Output)}");
    }

    [Benchmark]
    public PrecompileResult Run() => _precompile.Run(_input, Fork.Prague);

    public static long GasOf(string name)
    {
        (IPrecompile precompile, byte[] input, _) = Build(name);
        return precompile.RequiredGas(input, Fork.Prague);
    }

    private static (IPrecompile, byte[] Input, string Expected) Build(string name) => name switch
    {
        "ecadd" => (EcAddPrecompile.Instance, Hex.Decode(
                "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266"
                + "07c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7"),
            "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df21cc35964723180eed7532537db9ae5e7d48f195c915"),
        "ecmul" => (EcMulPrecompile.Instance, Hex.Decode(
                "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe31a2f3c951f6dadcc7ee9007dff81504b0fcd6d7cf59996efdc33d92bf7f9f8f6"
                + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            "2cde5879ba6f13c0b5aa4ef627f159a3347df9722efce88a9afbb20b763b4c411aa7e43076f6aee272755a7f9b84832e71559ba0d2e0b17d5f9f01755e5b0d11"),
        "ecpairing-2" => (EcPairingPrecompile.Instance, Hex.Decode(Jeff1), One),
        "ecpairing-6" => (EcPairingPrecompile.Instance, Hex.Decode(Jeff1 + Jeff1 + Jeff1), One),
        _ => throw new ArgumentException($"unknown case {name}"),
    };

    /// <summary>Median, plus "Gas" (per call, Prague) and "Mgas/s" (gas / median time) columns.</summary>
    public sealed class GasConfig : ManualConfig
    {
        public GasConfig()
        {
            AddColumn(StatisticColumn.Median);
            AddColumn(GasColumn.PerCall("Bn254", GasOf));
        }
    }
}
