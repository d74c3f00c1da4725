using System.Buffers;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

internal static partial class MultiScalarMultiplication<F> where F : struct, IField<F>
{
    /// <summary>G1 splits a scalar in two 128-bit halves (GLV), G2 in four 64-bit quarters (GLS).</summary>
    private static int Parts => typeof(F) == typeof(Fp2) ? 4 : 2;

    private static readonly UInt256 Order = new(0xFFFFFFFF00000001, 0x53BDA402FFFE5BFE, 0x3339D80809A1D805, 0x73EDA753299D7D48);
    private static readonly UInt256 AbsX = new(G2.AbsX);
    private static readonly UInt256 Lambda = new(0x00000000FFFFFFFF, 0xAC45A4010001A402);

    /// <summary>
    /// Straus (interleaved 4-bit windows) after splitting each scalar along an endomorphism of the subgroup, so the
    /// shared doubling chain is 128 (G1) or 64 (G2) long instead of 256:
    /// <list type="bullet">
    /// <item>G1: σ'(x, y) = (β^2 x, y) is [λ] with λ = x^2 - 1 ≈ 2^127, and r = λ^2 + λ + 1, so k mod r = k0 + k1·λ
    /// with k0 = k mod λ, k1 = k div λ both below 2^128: [k]P = [k0]P + [k1]σ'(P).</item>
    /// <item>G2: ψ is [x] on G2 (the subgroup test), so [|x|] = -ψ, and r &lt; |x|^4 gives k mod r = Σ d_i |x|^i with
    /// 64-bit digits: [k]P = Σ [d_i](-ψ)^i(P).</item>
    /// </list>
    /// The endomorphism images of a point's window table are the table of its image (the maps are group
    /// homomorphisms), at a few field multiplications per entry instead of a point addition.
    /// </summary>
    internal static JacobianPoint<F> StrausSplit(ReadOnlySpan<F> xs, ReadOnlySpan<F> ys, ReadOnlySpan<ulong> scalars)
    {
        const int Window = 4, TableSize = 1 << Window;
        int n = xs.Length, parts = Parts, m = n * parts;
        JacobianPoint<F>[] rentedTables = ArrayPool<JacobianPoint<F>>.Shared.Rent(m * TableSize);
        ulong[] rentedDigits = ArrayPool<ulong>.Shared.Rent(m * 2);
        try
        {
            Span<JacobianPoint<F>> tables = rentedTables.AsSpan(0, m * TableSize);
            Span<ulong> digits = rentedDigits.AsSpan(0, m * 2);
            int bits = 0;
            for (int i = 0; i < n; i++)
            {
                Decompose(scalars.Slice(i * ScalarLimbs, ScalarLimbs), digits.Slice(i * parts * 2, parts * 2));
                Span<JacobianPoint<F>> t = tables.Slice(i * parts * TableSize, TableSize);
                t[0] = JacobianPoint<F>.Infinity;
                t[1] = JacobianPoint<F>.FromAffine(xs[i], ys[i]);
                for (int k = 2; k < TableSize; k++)
                    t[k] = (k & 1) == 0 ? JacobianPoint<F>.Double(t[k >> 1]) : JacobianPoint<F>.AddAffine(t[k - 1], xs[i], ys[i]);
                for (int j = 1; j < parts; j++)
                {
                    Span<JacobianPoint<F>> previous = tables.Slice((i * parts + j - 1) * TableSize, TableSize);
                    Span<JacobianPoint<F>> next = tables.Slice((i * parts + j) * TableSize, TableSize);
                    next[0] = JacobianPoint<F>.Infinity;
                    for (int k = 1; k < TableSize; k++) next[k] = Endomorphism(previous[k]);
                }
            }
            for (int s = 0; s < m; s++)
            {
                ulong lo = digits[2 * s], hi = digits[2 * s + 1];
                int len = hi != 0 ? 128 - System.Numerics.BitOperations.LeadingZeroCount(hi) : 64 - System.Numerics.BitOperations.LeadingZeroCount(lo);
                bits = Math.Max(bits, len);
            }
            if (bits == 0) return JacobianPoint<F>.Infinity;

            JacobianPoint<F> acc = JacobianPoint<F>.Infinity;
            for (int start = (bits - 1) / Window * Window; start >= 0; start -= Window)
            {
                if (!acc.IsInfinity) for (int d = 0; d < Window; d++) acc = JacobianPoint<F>.Double(acc);
                for (int s = 0; s < m; s++)
                {
                    int digit = (int)((digits[2 * s + (start >> 6)] >> (start & 63)) & (TableSize - 1)); // 64 % 4 == 0
                    if (digit != 0) acc = JacobianPoint<F>.Add(acc, tables[s * TableSize + digit]);
                }
            }
            return acc;
        }
        finally
        {
            ArrayPool<JacobianPoint<F>>.Shared.Return(rentedTables);
            ArrayPool<ulong>.Shared.Return(rentedDigits);
        }
    }

    /// <summary>The split digits of a 256-bit scalar, two little-endian limbs per part (see <see cref="StrausSplit"/>).</summary>
    internal static void Decompose(ReadOnlySpan<ulong> scalar, Span<ulong> digits)
    {
        var k = new UInt256(scalar[0], scalar[1], scalar[2], scalar[3]);
        while (k >= Order) k -= Order; // k < 2^256 < 3r
        if (typeof(F) == typeof(Fp2))
        {
            for (int j = 0; j < 4; j++)
            {
                UInt256 q = k / AbsX;
                UInt256 d = k - q * AbsX;
                digits[2 * j] = d.u0;
                digits[2 * j + 1] = 0;
                k = q;
            }
        }
        else
        {
            UInt256 q = k / Lambda;
            UInt256 d = k - q * Lambda;
            digits[0] = d.u0;
            digits[1] = d.u1;
            digits[2] = q.u0;
            digits[3] = q.u1;
        }
    }

    /// <summary>The map whose eigenvalue is the split base: σ' on G1, -ψ on G2.</summary>
    private static JacobianPoint<F> Endomorphism(in JacobianPoint<F> p)
    {
        if (typeof(F) == typeof(Fp2))
        {
            JacobianPoint<Fp2> q = JacobianPoint<Fp2>.Negate(G2.Psi(Unsafe.As<JacobianPoint<F>, JacobianPoint<Fp2>>(ref Unsafe.AsRef(in p))));
            return Unsafe.As<JacobianPoint<Fp2>, JacobianPoint<F>>(ref q);
        }
        JacobianPoint<Fp> r = G1.EndomorphismLambda(Unsafe.As<JacobianPoint<F>, JacobianPoint<Fp>>(ref Unsafe.AsRef(in p)));
        return Unsafe.As<JacobianPoint<Fp>, JacobianPoint<F>>(ref r);
    }
}
