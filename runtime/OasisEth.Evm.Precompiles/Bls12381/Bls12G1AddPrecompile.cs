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

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        if (input.Length != 2 * G1.EncodedLength) return PrecompileResult.Failure;
        if (!G1.TryDecode(input[..G1.EncodedLength], out JacobianPoint<Fp> a)) return PrecompileResult.Failure;
        if (!G1.TryDecode(input[G1.EncodedLength..], out JacobianPoint<Fp> b)) return PrecompileResult.Failure;
        byte[] output = new byte[G1.EncodedLength];
        G1.Encode(JacobianPoint<Fp>.Add(a, b), output);
        return new PrecompileResult(true, output);
    }
}
