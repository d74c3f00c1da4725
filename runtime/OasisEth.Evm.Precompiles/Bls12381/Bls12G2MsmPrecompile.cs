using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// 0x0e BLS12_G2MSM (EIP-2537, Prague). Input: k ≥ 1 pairs of (G2 point, 256 bytes; scalar, 32 bytes big-endian,
/// not reduced). Every point must be canonical, on the twist and in the r-order subgroup (infinity allowed).
/// Output: Σ [s_i] P_i as a G2 point. Price: see <see cref="Bls12MsmPricing"/>.
/// </summary>
public sealed class Bls12G2MsmPrecompile : IPrecompile
{
    public static readonly Bls12G2MsmPrecompile Instance = new();

    public const int PairLength = G2.EncodedLength + 32;

    private Bls12G2MsmPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Bls12MsmPricing.G2Gas(input.Length);

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => Bls12PointPrecompiles<G2, Fp2>.Msm(input);
}
