using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using OasisEth.Bench.Columns;
using OasisEth.Evm.Precompiles;
using OasisEth.Evm.Precompiles.Bls12381;
using OasisEth.Evm.Precompiles.Kzg;
using OasisEth.Primitives;

namespace OasisEth.Bench.Precompiles;

/// <summary>
/// One BLS12-381 / KZG precompile call per operation, as the interpreter makes it. Point evaluation uses
/// go-ethereum's pointEvaluation1 vector and the maps its matter_fp_to_g1_0 / matter_fp2_to_g2_0 vectors; the
/// others are built from generator multiples with fixed-seed 256-bit scalars, their expected outputs computed by
/// the plain paths (sum of single multiplications; pairing pairs chosen to multiply to 1). Every output is checked
/// once before timing. Gas is the Prague price, Mgas/s = gas / median time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GasConfig))]
public class Bls12381Benchmarks
{
    public static IEnumerable<string> Cases =>
    [
        "point-evaluation", "bls-pairing-2", "bls-g1msm-8", "bls-g2msm-8", "bls-g1msm-1", "bls-g2msm-1",
        "bls-g1add", "bls-g2add", "bls-map-fp-to-g1", "bls-map-fp2-to-g2",
    ];

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    private IPrecompile _precompile = Bls12G1AddPrecompile.Instance;
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

    private static (IPrecompile, byte[] Input, string Expected) Build(string name)
    {
        switch (name)
        {
            case "point-evaluation":
                return (PointEvaluationPrecompile.Instance, Hex.Decode(
                        "01e798154708fe7789429634053cbf9f99b619f9f084048927333fce637f549b564c0a11a0f704f4fc3e8acfe0f8245f" +
                        "0ad1347b378fbf96e206da11a5d3630624d25032e67a7e6a4910df5834b8fe70e6bcfeeac0352434196bdf4b2485d5a1" +
                        "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7" +
                        "873033e038326e87ed3e1276fd140253fa08e9fc25fb2d9a98527fc22a2c9612fbeafdad446cbc7bcdbdcd780af2c16a"),
                    "0000000000000000000000000000000000000000000000000000000000001000" +
                    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001");
            case "bls-pairing-2":
            {
                // e(aP, bQ) · e(-abP, Q) = 1
                const ulong a = 0x1234567890abcdef, b = 0xfedcba0987654321;
                JacobianPoint<Fp> aP = JacobianPoint<Fp>.Multiply(G1.Generator, a);
                JacobianPoint<Fp2> bQ = JacobianPoint<Fp2>.Multiply(G2.Generator, b);
                JacobianPoint<Fp> abP = JacobianPoint<Fp>.Multiply(aP, b);
                byte[] input = [.. G1Bytes(aP), .. G2Bytes(bQ), .. G1Bytes(JacobianPoint<Fp>.Negate(abP)), .. G2Bytes(G2.Generator)];
                return (Bls12PairingPrecompile.Instance, input, "0000000000000000000000000000000000000000000000000000000000000001");
            }
            case "bls-g1msm-8":
            case "bls-g1msm-1":
            {
                // One point pays the undiscounted price: the worst gas-per-work case of the MSMs.
                int n = name == "bls-g1msm-8" ? 8 : 1;
                var rng = new Random(8);
                byte[] input = new byte[n * Bls12G1MsmPrecompile.PairLength];
                JacobianPoint<Fp> sum = JacobianPoint<Fp>.Infinity;
                for (int i = 0; i < n; i++)
                {
                    JacobianPoint<Fp> p = JacobianPoint<Fp>.Multiply(G1.Generator, (ulong)rng.NextInt64());
                    ulong[] scalar = RandomScalar(rng, input.AsSpan(i * 160 + 128, 32));
                    G1.Encode(p, input.AsSpan(i * 160, 128));
                    sum = JacobianPoint<Fp>.Add(sum, JacobianPoint<Fp>.Multiply(p, scalar));
                }
                return (Bls12G1MsmPrecompile.Instance, input, Hex.Encode(G1Bytes(sum)));
            }
            case "bls-g2msm-8":
            case "bls-g2msm-1":
            {
                int n = name == "bls-g2msm-8" ? 8 : 1;
                var rng = new Random(9);
                byte[] input = new byte[n * Bls12G2MsmPrecompile.PairLength];
                JacobianPoint<Fp2> sum = JacobianPoint<Fp2>.Infinity;
                for (int i = 0; i < n; i++)
                {
                    JacobianPoint<Fp2> p = JacobianPoint<Fp2>.Multiply(G2.Generator, (ulong)rng.NextInt64());
                    ulong[] scalar = RandomScalar(rng, input.AsSpan(i * 288 + 256, 32));
                    G2.Encode(p, input.AsSpan(i * 288, 256));
                    sum = JacobianPoint<Fp2>.Add(sum, JacobianPoint<Fp2>.Multiply(p, scalar));
                }
                return (Bls12G2MsmPrecompile.Instance, input, Hex.Encode(G2Bytes(sum)));
            }
            case "bls-g1add":
            {
                JacobianPoint<Fp> p2 = JacobianPoint<Fp>.Multiply(G1.Generator, 2), p3 = JacobianPoint<Fp>.Multiply(G1.Generator, 3);
                return (Bls12G1AddPrecompile.Instance, [.. G1Bytes(p2), .. G1Bytes(p3)], Hex.Encode(G1Bytes(JacobianPoint<Fp>.Multiply(G1.Generator, 5))));
            }
            case "bls-g2add":
            {
                JacobianPoint<Fp2> p2 = JacobianPoint<Fp2>.Multiply(G2.Generator, 2), p3 = JacobianPoint<Fp2>.Multiply(G2.Generator, 3);
                return (Bls12G2AddPrecompile.Instance, [.. G2Bytes(p2), .. G2Bytes(p3)], Hex.Encode(G2Bytes(JacobianPoint<Fp2>.Multiply(G2.Generator, 5))));
            }
            case "bls-map-fp-to-g1":
                return (Bls12MapFpToG1Precompile.Instance, Hex.Decode(
                        "0000000000000000000000000000000014406e5bfb9209256a3820879a29ac2f62d6aca82324bf3ae2aa7d3c54792043bd8c791fccdb080c1a52dc68b8b69350"),
                    "000000000000000000000000000000000d7721bcdb7ce1047557776eb2659a444166dc6dd55c7ca6e240e21ae9aa18f529f04ac31d861b54faf3307692545db7" +
                    "00000000000000000000000000000000108286acbdf4384f67659a8abe89e712a504cb3ce1cba07a716869025d60d499a00d1da8cdc92958918c222ea93d87f0");
            case "bls-map-fp2-to-g2":
                return (Bls12MapFp2ToG2Precompile.Instance, Hex.Decode(
                        "0000000000000000000000000000000014406e5bfb9209256a3820879a29ac2f62d6aca82324bf3ae2aa7d3c54792043bd8c791fccdb080c1a52dc68b8b69350" +
                        "000000000000000000000000000000000e885bb33996e12f07da69073e2c0cc880bc8eff26d2a724299eb12d54f4bcf26f4748bb020e80a7e3794a7b0e47a641"),
                    "000000000000000000000000000000000d029393d3a13ff5b26fe52bd8953768946c5510f9441f1136f1e938957882db6adbd7504177ee49281ecccba596f2bf" +
                    "000000000000000000000000000000001993f668fb1ae603aefbb1323000033fcb3b65d8ed3bf09c84c61e27704b745f540299a1872cd697ae45a5afd780f1d6" +
                    "00000000000000000000000000000000079cb41060ef7a128d286c9ef8638689a49ca19da8672ea5c47b6ba6dbde193ee835d3b87a76a689966037c07159c10d" +
                    "0000000000000000000000000000000017c688ae9a8b59a7069c27f2d58dd2196cb414f4fb89da8510518a1142ab19d158badd1c3bad03408fafb1669903cd6c");
            default:
                throw new ArgumentException($"unknown case {name}");
        }
    }

    /// <summary>Fills a 32-byte big-endian scalar with fixed-seed bytes and returns it as little-endian limbs.</summary>
    private static ulong[] RandomScalar(Random rng, Span<byte> be32)
    {
        rng.NextBytes(be32);
        ulong[] limbs = new ulong[4];
        MultiScalarMultiplication<Fp>.ReadScalar(be32, limbs);
        return limbs;
    }

    private static byte[] G1Bytes(in JacobianPoint<Fp> p)
    {
        byte[] b = new byte[G1.EncodedLength];
        G1.Encode(p, b);
        return b;
    }

    private static byte[] G2Bytes(in JacobianPoint<Fp2> p)
    {
        byte[] b = new byte[G2.EncodedLength];
        G2.Encode(p, b);
        return b;
    }

    /// <summary>Adds "Gas" (per call, Prague) and "Mgas/s" (gas / median time) columns.</summary>
    public sealed class GasConfig : ManualConfig
    {
        public GasConfig() => AddColumn(GasColumn.PerCall("Bls12381", GasOf));
    }
}
