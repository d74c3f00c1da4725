using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// 0x0c BLS12_G1MSM (EIP-2537, Prague). Input: k ≥ 1 pairs of (G1 point, 128 bytes; scalar, 32 bytes big-endian,
/// not reduced). Every point must be canonical, on the curve and in the r-order subgroup (infinity allowed).
/// Output: Σ [s_i] P_i as a G1 point. Price: see <see cref="Bls12MsmPricing"/>.
/// </summary>
public sealed class Bls12G1MsmPrecompile : IPrecompile
{
    public static readonly Bls12G1MsmPrecompile Instance = new();

    public const int PairLength = G1.EncodedLength + 32;

    private Bls12G1MsmPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Bls12MsmPricing.G1Gas(input.Length);

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => Bls12PointPrecompiles<G1, Fp>.Msm(input);
}
