using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// 0x11 BLS12_MAP_FP2_TO_G2 (EIP-2537, Prague), 23800 gas. Input: one 128-byte Fp2 element (c0 ‖ c1, each a
/// canonical 64-byte padded Fp). Output: the G2 point RFC 9380 map_to_curve + clear_cofactor gives for it.
/// </summary>
public sealed class Bls12MapFp2ToG2Precompile : IPrecompile
{
    public static readonly Bls12MapFp2ToG2Precompile Instance = new();

    /// <summary>EIP-2537 final price.</summary>
    private const long Gas = 23800;

    private Bls12MapFp2ToG2Precompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Gas;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => Bls12PointPrecompiles<G2, Fp2>.Map(input);
}
