using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// 0x0d BLS12_G2ADD (EIP-2537, Prague), 600 gas. Input exactly two EIP-2537 G2 points (512 bytes), canonical and on
/// the twist (or infinity); no subgroup check. Output: the sum.
/// </summary>
public sealed class Bls12G2AddPrecompile : IPrecompile
{
    public static readonly Bls12G2AddPrecompile Instance = new();

    /// <summary>EIP-2537 final price.</summary>
    private const long Gas = 600;

    private Bls12G2AddPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Gas;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork) => Bls12PointPrecompiles<G2, Fp2>.Add(input);
}
