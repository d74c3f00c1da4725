using System.Buffers;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// The EIP-2537 point precompiles, written once over the group: G1ADD/G2ADD, G1MSM/G2MSM and MAP_FP_TO_G1 /
/// MAP_FP2_TO_G2 are <see cref="Add"/>, <see cref="Msm"/> and <see cref="Map"/> with G = <see cref="G1"/> or
/// <see cref="G2"/>. The public precompile classes hold the address-level facts (price, instance) and call these.
/// </summary>
internal static class Bls12PointPrecompiles<G, F> where G : struct, IBls12Group<F> where F : struct, IField<F>
{
    /// <summary>One MSM input pair: a point and a 32-byte big-endian scalar (not reduced).</summary>
    public static int PairLength => G.EncodedLength + 32;

    /// <summary>Exactly two points, each canonical and on the curve (or infinity); no subgroup check, by the EIP.
    /// Output: the sum.</summary>
    public static PrecompileResult Add(ReadOnlySpan<byte> input)
    {
        int length = G.EncodedLength;
        if (input.Length != 2 * length) return PrecompileResult.Failure;
        if (!G.TryDecode(input[..length], out JacobianPoint<F> a)) return PrecompileResult.Failure;
        if (!G.TryDecode(input[length..], out JacobianPoint<F> b)) return PrecompileResult.Failure;
        byte[] output = new byte[length];
        G.Encode(JacobianPoint<F>.Add(a, b), output);
        return new PrecompileResult(true, output);
    }

    /// <summary>k ≥ 1 pairs (point, scalar); every point canonical, on the curve and in the r-order subgroup
    /// (infinity allowed). Output: Σ [s_i] P_i.</summary>
    public static PrecompileResult Msm(ReadOnlySpan<byte> input)
    {
        int pairLength = PairLength, pointLength = G.EncodedLength;
        if (input.Length == 0 || input.Length % pairLength != 0) return PrecompileResult.Failure;
        int k = input.Length / pairLength;
        const int Limbs = MultiScalarMultiplication<F>.ScalarLimbs;
        F[] xs = ArrayPool<F>.Shared.Rent(k), ys = ArrayPool<F>.Shared.Rent(k);
        ulong[] scalars = ArrayPool<ulong>.Shared.Rent(k * Limbs);
        try
        {
            int used = 0;
            for (int i = 0; i < k; i++)
            {
                ReadOnlySpan<byte> pair = input.Slice(i * pairLength, pairLength);
                if (!G.TryDecode(pair[..pointLength], out JacobianPoint<F> point)) return PrecompileResult.Failure;
                if (point.IsInfinity) continue;
                if (!G.IsInSubgroup(point)) return PrecompileResult.Failure;
                Span<ulong> scalar = scalars.AsSpan(used * Limbs, Limbs);
                MultiScalarMultiplication<F>.ReadScalar(pair[pointLength..], scalar);
                if ((scalar[0] | scalar[1] | scalar[2] | scalar[3]) == 0) continue; // contributes nothing
                xs[used] = point.X; // decoded points are affine (Z = 1)
                ys[used] = point.Y;
                used++;
            }
            JacobianPoint<F> sum = MultiScalarMultiplication<F>.Compute(xs.AsSpan(0, used), ys.AsSpan(0, used), scalars.AsSpan(0, used * Limbs));
            byte[] output = new byte[pointLength];
            G.Encode(sum, output);
            return new PrecompileResult(true, output);
        }
        finally
        {
            ArrayPool<F>.Shared.Return(xs);
            ArrayPool<F>.Shared.Return(ys);
            ArrayPool<ulong>.Shared.Return(scalars);
        }
    }

    /// <summary>One canonical field element. Output: the point RFC 9380 map_to_curve + clear_cofactor gives for it.</summary>
    public static PrecompileResult Map(ReadOnlySpan<byte> input)
    {
        if (input.Length != G.FieldEncodedLength || !G.TryReadField(input, out F u)) return PrecompileResult.Failure;
        byte[] output = new byte[G.EncodedLength];
        G.Encode(G.MapToCurve(u), output);
        return new PrecompileResult(true, output);
    }
}
