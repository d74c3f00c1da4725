using System.Buffers;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// The optimal ate pairing on BLS12-381 and the product-of-pairings check EIP-2537 and EIP-4844 need.
/// <para>
/// Miller loop: over the bits of |x| = 0xd201000000010000 with T kept in Jacobian coordinates on the twist. The
/// twist is of M type (b' = 4ξ), so the untwisting map is (x', y') ↦ (x'/w^2, y'/w^3). The line through T with
/// slope λ' evaluated at P = (xP, yP) ∈ E(Fp), multiplied by w^3 (an Fp4 factor the final exponentiation
/// removes), is (λ'·xT - yT) + (-λ'·xP)·v + yP·v·w: three Fp2 coefficients, at w^0, w^2 and w^3. Denominators in
/// Fp2 are dropped for the same reason. All pairs share one f and its squarings; x &lt; 0 conjugates f at the end.
/// </para>
/// <para>
/// Final exponentiation: easy part f^((p^6 - 1)(p^2 + 1)); hard part via Hayashida–Hayasaka–Teruya (2020),
/// 3·(p^4 - p^2 + 1)/r = (x - 1)^2 (x + p)(x^2 + p^2 - 1) + 3. This computes the cube of the reduced pairing,
/// which is as good for "product equals one" checks since gcd(3, r) = 1.
/// </para>
/// </summary>
internal static partial class Pairing
{
    private const ulong AbsX = 0xd201000000010000;

    /// <summary>One pair's inputs, both finite and affine.</summary>
    public readonly struct PairInput(in Fp px, in Fp py, in Fp2 qx, in Fp2 qy)
    {
        public readonly Fp Px = px, Py = py;
        public readonly Fp2 Qx = qx, Qy = qy;
    }

    /// <summary>Whether Π e(P_i, Q_i) = 1. Pairs with a point at infinity must already be left out (they contribute 1).</summary>
    public static bool ProductIsOne(ReadOnlySpan<PairInput> pairs)
    {
        if (pairs.Length == 0) return true;
        return FinalExponentiation(MillerLoop(pairs)).IsOne;
    }

    public static Fp12 MillerLoop(ReadOnlySpan<PairInput> pairs)
    {
        JacobianPoint<Fp2>[] rented = ArrayPool<JacobianPoint<Fp2>>.Shared.Rent(pairs.Length);
        Fp[] rentedNegPx = ArrayPool<Fp>.Shared.Rent(pairs.Length);
        Span<JacobianPoint<Fp2>> t = rented.AsSpan(0, pairs.Length);
        Span<Fp> negPx = rentedNegPx.AsSpan(0, pairs.Length);
        try
        {
            for (int i = 0; i < pairs.Length; i++)
            {
                t[i] = JacobianPoint<Fp2>.FromAffine(pairs[i].Qx, pairs[i].Qy);
                negPx[i] = -pairs[i].Px;
            }

            Fp12 f = Fp12.One;
            for (int bit = 62; bit >= 0; bit--)
            {
                f = Fp12.Square(f);
                for (int i = 0; i < pairs.Length; i++)
                {
                    ref readonly PairInput pair = ref pairs[i];
                    DoublingStep(ref t[i], negPx[i], pair.Py, out Fp2 l0, out Fp2 l1, out Fp2 l2);
                    f = Fp12.MulByLine(f, l0, l1, l2);
                }
                if (((AbsX >> bit) & 1) == 0) continue;
                for (int i = 0; i < pairs.Length; i++)
                {
                    ref readonly PairInput pair = ref pairs[i];
                    AdditionStep(ref t[i], pair.Qx, pair.Qy, negPx[i], pair.Py, out Fp2 l0, out Fp2 l1, out Fp2 l2);
                    f = Fp12.MulByLine(f, l0, l1, l2);
                }
            }
            return Fp12.Conjugate(f); // x is negative
        }
        finally
        {
            ArrayPool<JacobianPoint<Fp2>>.Shared.Return(rented);
            ArrayPool<Fp>.Shared.Return(rentedNegPx);
        }
    }

    /// <summary>
    /// T ← 2T (dbl-2009-l) and the tangent line at T scaled by 2·Y·Z^3:
    /// l0 = 3X^3 - 2Y^2, l1 = -3X^2·Z^2·xP, l2 = 2Y·Z^3·yP.
    /// </summary>
    internal static void DoublingStep(ref JacobianPoint<Fp2> t, in Fp negPx, in Fp py, out Fp2 l0, out Fp2 l1, out Fp2 l2)
    {
        Fp2 x = t.X, y = t.Y, z = t.Z;
        Fp2 a = Fp2.Square(x);
        Fp2 b = Fp2.Square(y);
        Fp2 c = Fp2.Square(b);
        Fp2 d = Fp2.Double(Fp2.Square(x + b) - a - c);
        Fp2 e = Fp2.Double(a) + a;
        Fp2 zz = Fp2.Square(z);
        Fp2 x3 = Fp2.Square(e) - Fp2.Double(d);
        Fp2 c8 = Fp2.Double(Fp2.Double(Fp2.Double(c)));
        Fp2 y3 = e * (d - x3) - c8;
        Fp2 z3 = Fp2.Double(y * z);

        l0 = e * x - Fp2.Double(b);
        l1 = Fp2.MulByFp(e * zz, negPx);
        l2 = Fp2.MulByFp(z3 * zz, py);
        t = new JacobianPoint<Fp2>(x3, y3, z3);
    }

    /// <summary>
    /// T ← T + Q (mixed addition) and the line through T and Q scaled by Z·H:
    /// l0 = R·xQ - yQ·Z·H, l1 = -R·xP, l2 = Z·H·yP, with H = xQ·Z^2 - X and R = yQ·Z^3 - Y.
    /// </summary>
    internal static void AdditionStep(ref JacobianPoint<Fp2> t, in Fp2 qx, in Fp2 qy, in Fp negPx, in Fp py,
        out Fp2 l0, out Fp2 l1, out Fp2 l2)
    {
        Fp2 x = t.X, y = t.Y, z = t.Z;
        Fp2 zz = Fp2.Square(z);
        Fp2 h = qx * zz - x;
        Fp2 r = qy * z * zz - y;
        Fp2 hh = Fp2.Square(h);
        Fp2 hhh = h * hh;
        Fp2 v = x * hh;
        Fp2 x3 = Fp2.Square(r) - hhh - Fp2.Double(v);
        Fp2 y3 = r * (v - x3) - y * hhh;
        Fp2 z3 = z * h;

        l0 = r * qx - qy * z3;
        l1 = Fp2.MulByFp(r, negPx);
        l2 = Fp2.MulByFp(z3, py);
        t = new JacobianPoint<Fp2>(x3, y3, z3);
    }

    public static Fp12 FinalExponentiation(in Fp12 f)
    {
        // Easy part: f^(p^6 - 1) then ^(p^2 + 1); the result lies in the cyclotomic subgroup, where inversion is conjugation.
        Fp12 t = Fp12.Conjugate(f) * Fp12.Inverse(f);
        Fp12 m = Fp12.Frobenius2(t) * t;

        Fp12 t0 = ExpByX(m) * Fp12.Conjugate(m);                                    // m^(x - 1)
        Fp12 t1 = ExpByX(t0) * Fp12.Conjugate(t0);                                  // m^((x - 1)^2)
        Fp12 t2 = ExpByX(t1) * Fp12.Frobenius(t1);                                  // · (x + p)
        Fp12 t3 = ExpByX(ExpByX(t2)) * Fp12.Frobenius2(t2) * Fp12.Conjugate(t2);    // · (x^2 + p^2 - 1)
        return t3 * Fp12.Square(m) * m;                                             // + 3
    }

    /// <summary>a^x for the negative BLS parameter, a in the cyclotomic subgroup.</summary>
    private static Fp12 ExpByX(in Fp12 a)
    {
        Fp12 result = a;
        for (int bit = 62; bit >= 0; bit--)
        {
            result = Fp12.CyclotomicSquare(result);
            if (((AbsX >> bit) & 1) != 0) result *= a;
        }
        return Fp12.Conjugate(result);
    }
}
