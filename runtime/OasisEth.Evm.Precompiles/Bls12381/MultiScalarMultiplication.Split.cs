using System.Buffers;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Bls12381;

internal static partial class MultiScalarMultiplication<F> where F : struct, IField<F>
{
    /// <summary>G1 splits a scalar in two 128-bit halves (GLV), G2 in four 64-bit quarters (GLS).</summary>
    private static int Parts => typeof(F) == typeof(Fp2) ? 4 : 2;

    private static readonly UInt256 Order = new(G1.Order[0], G1.Order[1], G1.Order[2], G1.Order[3]);
    private static readonly UInt256 AbsX = new(G2.AbsX);
    private static readonly UInt256 Lambda = new(G1.Lambda[0], G1.Lambda[1]);

    /// <summary>
    /// Straus (interleaved signed 5-bit windows over affine tables) after splitting each scalar along an endomorphism of the subgroup, so the
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
        int n = xs.Length, parts = Parts, m = n * parts;
        JacobianPoint<F>[] rentedTables = ArrayPool<JacobianPoint<F>>.Shared.Rent(m * TableSize);
        ulong[] rentedDigits = ArrayPool<ulong>.Shared.Rent(m * 2);
        sbyte[] rentedSigned = ArrayPool<sbyte>.Shared.Rent(m * MaxSignedDigits);
        try
        {
            Span<JacobianPoint<F>> tables = rentedTables.AsSpan(0, m * TableSize);
            Span<ulong> digits = rentedDigits.AsSpan(0, m * 2);
            Span<sbyte> signed = rentedSigned.AsSpan(0, m * MaxSignedDigits);
            signed.Clear(); // shorter sub-scalars read zeros in the top windows
            for (int i = 0; i < n; i++)
            {
                Decompose(scalars.Slice(i * ScalarLimbs, ScalarLimbs), digits.Slice(i * parts * 2, parts * 2));
                Span<JacobianPoint<F>> t = tables.Slice(i * parts * TableSize, TableSize);
                t[0] = JacobianPoint<F>.Infinity;
                t[1] = JacobianPoint<F>.FromAffine(xs[i], ys[i]);
                for (int k = 2; k < TableSize; k++)
                    t[k] = (k & 1) == 0 ? JacobianPoint<F>.Double(t[k >> 1]) : JacobianPoint<F>.AddAffine(t[k - 1], xs[i], ys[i]);
            }
            bool affine = ToAffine(tables, n, parts * TableSize, TableSize);
            for (int i = 0; i < n; i++)
            {
                for (int j = 1; j < parts; j++)
                {
                    Span<JacobianPoint<F>> previous = tables.Slice((i * parts + j - 1) * TableSize, TableSize);
                    Span<JacobianPoint<F>> next = tables.Slice((i * parts + j) * TableSize, TableSize);
                    next[0] = JacobianPoint<F>.Infinity;
                    for (int k = 1; k < TableSize; k++) next[k] = Endomorphism(previous[k]);
                }
            }
            int windows = 0;
            for (int s = 0; s < m; s++)
                windows = Math.Max(windows, Recode(digits[2 * s], digits[2 * s + 1], signed.Slice(s * MaxSignedDigits, MaxSignedDigits)));

            JacobianPoint<F> acc = JacobianPoint<F>.Infinity;
            for (int w = windows - 1; w >= 0; w--)
            {
                if (!acc.IsInfinity) for (int d = 0; d < Window; d++) acc = JacobianPoint<F>.Double(acc);
                for (int s = 0; s < m; s++)
                {
                    int digit = signed[s * MaxSignedDigits + w];
                    if (digit == 0) continue;
                    ref readonly JacobianPoint<F> entry = ref tables[s * TableSize + Math.Abs(digit)];
                    if (affine) acc = JacobianPoint<F>.AddAffine(acc, entry.X, digit > 0 ? entry.Y : F.Negate(entry.Y));
                    else acc = JacobianPoint<F>.Add(acc, digit > 0 ? entry : JacobianPoint<F>.Negate(entry));
                }
            }
            return acc;
        }
        finally
        {
            ArrayPool<JacobianPoint<F>>.Shared.Return(rentedTables);
            ArrayPool<ulong>.Shared.Return(rentedDigits);
            ArrayPool<sbyte>.Shared.Return(rentedSigned);
        }
    }

    /// <summary>Signed 5-bit windows: digits in [-16, 16], so a table of 1P..16P serves 5 bits per addition.</summary>
    private const int Window = 5, TableSize = (1 << (Window - 1)) + 1;

    /// <summary>Windows of a 128-bit value, plus one for the final carry.</summary>
    private const int MaxSignedDigits = (128 + Window - 1) / Window + 1;

    /// <summary>
    /// k = Σ d_w 2^(5w) with d_w in [-16, 16] (a window above 16 borrows 32 from the next); returns the digit count.
    /// </summary>
    internal static int Recode(ulong lo, ulong hi, Span<sbyte> digits)
    {
        var k = new UInt128(hi, lo);
        int count = 0, carry = 0;
        while (k != 0 || carry != 0)
        {
            int d = (int)((ulong)k & ((1UL << Window) - 1)) + carry;
            k >>= Window;
            carry = d > 1 << (Window - 1) ? 1 : 0;
            digits[count++] = (sbyte)(d - (carry << Window));
        }
        return count;
    }

    /// <summary>
    /// Rewrites entries 1..15 of the <paramref name="count"/> tables starting every <paramref name="stride"/> entries
    /// with Z = 1 (Montgomery's trick: one inversion for all of them), so the main loop adds with the cheaper mixed
    /// formula and the endomorphism images stay affine. False, leaving the tables alone, if an entry is infinity
    /// (impossible for points of the prime-order subgroup, checked anyway).
    /// </summary>
    private static bool ToAffine(Span<JacobianPoint<F>> tables, int count, int stride, int tableSize)
    {
        int total = count * (tableSize - 1);
        F[] rented = ArrayPool<F>.Shared.Rent(total);
        try
        {
            Span<F> prefix = rented.AsSpan(0, total);
            F acc = F.One;
            int e = 0;
            for (int i = 0; i < count; i++)
                for (int k = 1; k < tableSize; k++)
                {
                    acc = F.Mul(acc, tables[i * stride + k].Z);
                    prefix[e++] = acc;
                }
            if (acc.IsZero) return false;
            F inv = F.Inverse(acc);
            for (int i = count - 1; i >= 0; i--)
                for (int k = tableSize - 1; k >= 1; k--)
                {
                    e--;
                    ref JacobianPoint<F> p = ref tables[i * stride + k];
                    F zInv = e > 0 ? F.Mul(inv, prefix[e - 1]) : inv;
                    inv = F.Mul(inv, p.Z);
                    F zInv2 = F.Square(zInv);
                    p = JacobianPoint<F>.FromAffine(F.Mul(p.X, zInv2), F.Mul(p.Y, F.Mul(zInv2, zInv)));
                }
            return true;
        }
        finally
        {
            ArrayPool<F>.Shared.Return(rented);
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
