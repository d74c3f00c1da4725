using System.Buffers;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// 0x0f BLS12_PAIRING_CHECK (EIP-2537, Prague). Input: k ≥ 1 pairs of (G1 point, 128 bytes; G2 point, 256 bytes),
/// each canonical, on its curve and in the r-order subgroup (infinity allowed: that pair contributes 1).
/// Output: 32 bytes, 1 when Π e(P_i, Q_i) = 1, else 0. Gas 37700 + 32600·k.
/// </summary>
public sealed class Bls12PairingPrecompile : IPrecompile
{
    public static readonly Bls12PairingPrecompile Instance = new();

    public const int PairLength = G1.EncodedLength + G2.EncodedLength;

    /// <summary>EIP-2537 final prices.</summary>
    private const long BaseGas = 37700, PerPairGas = 32600;

    private Bls12PairingPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => BaseGas + PerPairGas * (input.Length / PairLength);

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        if (input.Length == 0 || input.Length % PairLength != 0) return PrecompileResult.Failure;
        int k = input.Length / PairLength;
        Pairing.PairInput[] rented = ArrayPool<Pairing.PairInput>.Shared.Rent(k);
        try
        {
            int used = 0;
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<byte> pair = input.Slice(i * PairLength, PairLength);
                if (!G1.TryDecode(pair[..G1.EncodedLength], out JacobianPoint<Fp> p)) return PrecompileResult.Failure;
                if (!G2.TryDecode(pair[G1.EncodedLength..], out JacobianPoint<Fp2> q)) return PrecompileResult.Failure;
                if (!p.IsInfinity && !G1.IsInSubgroup(p)) return PrecompileResult.Failure;
                if (!q.IsInfinity && !G2.IsInSubgroup(q)) return PrecompileResult.Failure;
                if (p.IsInfinity || q.IsInfinity) continue;
                rented[used++] = new Pairing.PairInput(p.X, p.Y, q.X, q.Y); // decoded points are affine
            }
            byte[] output = new byte[32];
            if (Pairing.ProductIsOne(rented.AsSpan(0, used))) output[31] = 1;
            return new PrecompileResult(true, output);
        }
        finally
        {
            ArrayPool<Pairing.PairInput>.Shared.Return(rented);
        }
    }
}
