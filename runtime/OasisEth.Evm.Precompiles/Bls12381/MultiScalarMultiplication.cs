using System.Buffers;
using System.Buffers.Binary;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// Σ [k_i] P_i by Pippenger's bucket method, which EIP-2537's MSM discount table assumes: per c-bit window, each
/// point is added once into the bucket of its digit, then the buckets are summed with a running total
/// (2·2^c additions), and windows are joined by c doublings. Scalars are 256-bit and need not be reduced.
/// Points are affine and finite (callers drop infinity and zero scalars), so bucket additions are mixed additions.
/// </summary>
internal static partial class MultiScalarMultiplication<F> where F : struct, IField<F>
{
    public const int ScalarLimbs = 4;

    /// <summary>
    /// <paramref name="scalars"/> holds <see cref="ScalarLimbs"/> little-endian limbs per point. Every point must lie in
    /// the order-r subgroup (G1 or G2): up to <see cref="StrausMaxPoints"/> points the scalars are split along the
    /// curve endomorphism, whose eigenvalue holds only there (see <see cref="StrausSplit"/>).
    /// </summary>
    public static JacobianPoint<F> Compute(ReadOnlySpan<F> xs, ReadOnlySpan<F> ys, ReadOnlySpan<ulong> scalars)
    {
        int n = xs.Length;
        if (n == 0) return JacobianPoint<F>.Infinity;

        int bits = 0;
        for (int i = 0; i < scalars.Length; i += ScalarLimbs) bits = Math.Max(bits, BitLength(scalars.Slice(i, ScalarLimbs)));
        if (bits == 0) return JacobianPoint<F>.Infinity;

        if (n <= StrausMaxPoints) return StrausSplit(xs, ys, scalars);

        int c = WindowBits(n);
        int bucketCount = (1 << c) - 1;
        JacobianPoint<F>[] rented = ArrayPool<JacobianPoint<F>>.Shared.Rent(bucketCount);
        Span<JacobianPoint<F>> buckets = rented.AsSpan(0, bucketCount);
        try
        {
            JacobianPoint<F> result = JacobianPoint<F>.Infinity;
            for (int start = (bits - 1) / c * c; start >= 0; start -= c)
            {
                for (int d = 0; d < c; d++) result = JacobianPoint<F>.Double(result);

                buckets.Fill(JacobianPoint<F>.Infinity);
                for (int i = 0; i < n; i++)
                {
                    int digit = Digit(scalars.Slice(i * ScalarLimbs, ScalarLimbs), start, c);
                    if (digit != 0) buckets[digit - 1] = JacobianPoint<F>.AddAffine(buckets[digit - 1], xs[i], ys[i]);
                }

                // Σ j·B_j = Σ_j (B_top + ... + B_j): one running sum, one accumulator.
                JacobianPoint<F> running = JacobianPoint<F>.Infinity, windowSum = JacobianPoint<F>.Infinity;
                for (int j = bucketCount - 1; j >= 0; j--)
                {
                    running = JacobianPoint<F>.Add(running, buckets[j]);
                    windowSum = JacobianPoint<F>.Add(windowSum, running);
                }
                result = JacobianPoint<F>.Add(result, windowSum);
            }
            return result;
        }
        finally
        {
            ArrayPool<JacobianPoint<F>>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Below this many points interleaved fixed windows (Straus) win: 4-bit digits cost each point about
    /// 256/4 + 14 additions with the 256 doublings shared, against Pippenger's (256/c)(n + 2^(c+1)).
    /// The crossover is near 128 points; 64 keeps the per-point tables (16 points each) modest.
    /// </summary>
    private const int StrausMaxPoints = 64;

    /// <summary>Plain Straus over the full scalars: the reference the endomorphism split is tested against.</summary>
    internal static JacobianPoint<F> Straus(ReadOnlySpan<F> xs, ReadOnlySpan<F> ys, ReadOnlySpan<ulong> scalars, int bits)
    {
        const int Window = 4, TableSize = 1 << Window;
        int n = xs.Length;
        JacobianPoint<F>[] rented = ArrayPool<JacobianPoint<F>>.Shared.Rent(n * TableSize);
        try
        {
            Span<JacobianPoint<F>> tables = rented.AsSpan(0, n * TableSize);
            for (int i = 0; i < n; i++)
            {
                Span<JacobianPoint<F>> t = tables.Slice(i * TableSize, TableSize);
                t[0] = JacobianPoint<F>.Infinity;
                t[1] = JacobianPoint<F>.FromAffine(xs[i], ys[i]);
                for (int k = 2; k < TableSize; k++)
                    t[k] = (k & 1) == 0 ? JacobianPoint<F>.Double(t[k >> 1]) : JacobianPoint<F>.AddAffine(t[k - 1], xs[i], ys[i]);
            }

            JacobianPoint<F> acc = JacobianPoint<F>.Infinity;
            for (int start = (bits - 1) / Window * Window; start >= 0; start -= Window)
            {
                if (!acc.IsInfinity) for (int d = 0; d < Window; d++) acc = JacobianPoint<F>.Double(acc);
                for (int i = 0; i < n; i++)
                {
                    int digit = Digit(scalars.Slice(i * ScalarLimbs, ScalarLimbs), start, Window);
                    if (digit != 0) acc = JacobianPoint<F>.Add(acc, tables[i * TableSize + digit]);
                }
            }
            return acc;
        }
        finally
        {
            ArrayPool<JacobianPoint<F>>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Window width minimising (256 / c)(n + 2^(c+1)): about log2(n) - 2 for large n, at least 2.
    /// </summary>
    private static int WindowBits(int n)
    {
        int log = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);
        return Math.Clamp(log - 3, 2, 16);
    }

    /// <summary>The c-bit digit of a 256-bit scalar starting at bit <paramref name="start"/> (may cross limbs).</summary>
    private static int Digit(ReadOnlySpan<ulong> scalar, int start, int c)
    {
        int limb = start >> 6, shift = start & 63;
        ulong v = scalar[limb] >> shift;
        if (shift + c > 64 && limb + 1 < ScalarLimbs) v |= scalar[limb + 1] << (64 - shift);
        return (int)(v & ((1UL << c) - 1));
    }

    private static int BitLength(ReadOnlySpan<ulong> scalar)
    {
        for (int i = ScalarLimbs - 1; i >= 0; i--)
            if (scalar[i] != 0) return i * 64 + 64 - System.Numerics.BitOperations.LeadingZeroCount(scalar[i]);
        return 0;
    }

    /// <summary>Reads a 32-byte big-endian scalar into four little-endian limbs.</summary>
    public static void ReadScalar(ReadOnlySpan<byte> be32, Span<ulong> limbs)
    {
        limbs[3] = BinaryPrimitives.ReadUInt64BigEndian(be32);
        limbs[2] = BinaryPrimitives.ReadUInt64BigEndian(be32[8..]);
        limbs[1] = BinaryPrimitives.ReadUInt64BigEndian(be32[16..]);
        limbs[0] = BinaryPrimitives.ReadUInt64BigEndian(be32[24..]);
    }
}
