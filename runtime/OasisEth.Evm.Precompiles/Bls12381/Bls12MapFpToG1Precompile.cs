using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// 0x10 BLS12_MAP_FP_TO_G1 (EIP-2537, Prague), 5500 gas. Input: one 64-byte padded Fp element (canonical).
/// Output: the G1 point RFC 9380 map_to_curve + clear_cofactor gives for it.
/// </summary>
public sealed class Bls12MapFpToG1Precompile : IPrecompile
{
    public static readonly Bls12MapFpToG1Precompile Instance = new();

    /// <summary>EIP-2537 final price.</summary>
    private const long Gas = 5500;

    private Bls12MapFpToG1Precompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Gas;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => Bls12PointPrecompiles<G1, Fp>.Map(input);
}
