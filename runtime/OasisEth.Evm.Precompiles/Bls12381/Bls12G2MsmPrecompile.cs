using System.Buffers;
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

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        if (input.Length == 0 || input.Length % PairLength != 0) return PrecompileResult.Failure;
        int k = input.Length / PairLength;
        const int Limbs = MultiScalarMultiplication<Fp2>.ScalarLimbs;
        Fp2[] xs = ArrayPool<Fp2>.Shared.Rent(k), ys = ArrayPool<Fp2>.Shared.Rent(k);
        ulong[] scalars = ArrayPool<ulong>.Shared.Rent(k * Limbs);
        try
        {
            int used = 0;
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<byte> pair = input.Slice(i * PairLength, PairLength);
                if (!G2.TryDecode(pair[..G2.EncodedLength], out JacobianPoint<Fp2> point)) return PrecompileResult.Failure;
                if (point.IsInfinity) continue;
                if (!G2.IsInSubgroup(point)) return PrecompileResult.Failure;
                Span<ulong> scalar = scalars.AsSpan(used * Limbs, Limbs);
                MultiScalarMultiplication<Fp2>.ReadScalar(pair[G2.EncodedLength..], scalar);
                if ((scalar[0] | scalar[1] | scalar[2] | scalar[3]) == 0) continue; // contributes nothing
                xs[used] = point.X; // decoded points are affine (Z = 1)
                ys[used] = point.Y;
                used++;
            }
            JacobianPoint<Fp2> sum = MultiScalarMultiplication<Fp2>.Compute(xs.AsSpan(0, used), ys.AsSpan(0, used), scalars.AsSpan(0, used * Limbs));
            byte[] output = new byte[G2.EncodedLength];
            G2.Encode(sum, output);
            return new PrecompileResult(true, output);
        }
        finally
        {
            ArrayPool<Fp2>.Shared.Return(xs);
            ArrayPool<Fp2>.Shared.Return(ys);
            ArrayPool<ulong>.Shared.Return(scalars);
        }
    }
}
