using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// 0x0b BLS12_G1ADD (EIP-2537, Prague), 375 gas. Input exactly two EIP-2537 G1 points (256 bytes); each must be
/// canonically encoded and on the curve (or the all-zero infinity). No subgroup check, by the EIP. Output: the sum.
/// </summary>
public sealed class Bls12G1AddPrecompile : IPrecompile
{
    public static readonly Bls12G1AddPrecompile Instance = new();

    /// <summary>EIP-2537 final price.</summary>
    private const long Gas = 375;

    private Bls12G1AddPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Gas;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => Bls12PointPrecompiles<G1, Fp>.Add(input);
}
