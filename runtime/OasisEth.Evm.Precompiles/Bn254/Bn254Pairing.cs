using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// The optimal ate pairing on BN254, e(P, Q) = f_{6u+2,Q}(P) · l_{[6u+2]Q,π(Q)}(P) · l_{..,-π²(Q)}(P), raised to
/// (p^12 - 1)/r. Several pairs share one Miller loop accumulator (one F_p12 squaring per step for all of them)
/// and one final exponentiation, which is what makes a k-pair check much cheaper than k pairings.
/// <para>
/// Lines are evaluated in the D-type twist's coordinates: the line through points of E'(F_p2) mapped to
/// E(F_p12) by (x, y) → (x·w^2, y·w^3) has slope λ·w, so at P = (xP, yP) it reads
/// yP - λ·xP·w + (λ·xT - yT)·w^3, with w^3 = v·w. Every line is scaled by an F_p2 factor that clears the
/// Jacobian denominators; such factors vanish in the final exponentiation (their (p^6 - 1)-th power is 1).
/// </para>
/// </summary>
internal static class Bn254Pairing
{
    /// <summary>
    /// True when e(P_1, Q_1)·…·e(P_k, Q_k) = 1. Points must already be validated (on curve, Q in G2) and not
    /// infinity (an infinite point contributes a factor 1; callers drop such pairs). <paramref name="scratch"/>
    /// holds one running point per pair.
    /// </summary>
    public static bool Check(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Affine> qs, Span<JacobianPoint<Fp2>> scratch)
    {
        if (ps.Length == 0) return true;
        Fp12 f = MillerLoop(ps, qs, scratch);
        return FinalExponentiation(f).IsOne;
    }

    /// <summary>The product of the Miller loop values of all pairs (before the final exponentiation).</summary>
    public static Fp12 MillerLoop(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Affine> qs, Span<JacobianPoint<Fp2>> ts)
    {
        int k = ps.Length;
        for (int i = 0; i < k; i++) ts[i] = JacobianPoint<Fp2>.FromAffine(qs[i].X, qs[i].Y);

        ReadOnlySpan<sbyte> naf = Bn254Constants.AteLoopNaf;
        Fp12 f = Fp12.One;
        // The leading digit is 1: T starts at Q, so the loop begins with the next digit.
        for (int bit = 1; bit < naf.Length; bit++)
        {
            if (bit > 1) f = Fp12.Square(f);
            for (int i = 0; i < k; i++) DoublingStep(ref ts[i], ps[i], ref f);

            int digit = naf[bit];
            if (digit == 0) continue;
            for (int i = 0; i < k; i++)
            {
                G2Affine q = qs[i];
                Fp2 y = digit > 0 ? q.Y : Fp2.Negate(q.Y);
                AdditionStep(ref ts[i], q.X, y, ps[i], ref f);
            }
        }

        // The two extra lines of the optimal ate pairing, through π(Q) and -π²(Q).
        for (int i = 0; i < k; i++)
        {
            G2Affine q1 = G2.Frobenius(qs[i]);
            G2Affine q2 = G2.NegatedFrobeniusSquared(qs[i]);
            AdditionStep(ref ts[i], q1.X, q1.Y, ps[i], ref f);
            AdditionStep(ref ts[i], q2.X, q2.Y, ps[i], ref f);
        }
        return f;
    }

    /// <summary>
    /// T ← 2T and f ← f·l_{T,T}(P). With dbl-2009-l's E = 3X^2, B = Y^2, Z3 = 2YZ and the line scaled by
    /// 2YZ^3 = Z3·Z^2: l = Z3·Z^2·yP + (-E·Z^2·xP + (E·X - 2B)·v)·w.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DoublingStep(ref JacobianPoint<Fp2> t, in G1Affine p, ref Fp12 f)
    {
        Fp2 a = Fp2.Square(t.X);
        Fp2 b = Fp2.Square(t.Y);
        Fp2 c = Fp2.Square(b);
        Fp2 d = Fp2.Double(Fp2.Subtract(Fp2.Subtract(Fp2.Square(Fp2.Add(t.X, b)), a), c));
        Fp2 e = Fp2.Add(Fp2.Double(a), a);
        Fp2 zz = Fp2.Square(t.Z);

        Fp2 x3 = Fp2.Subtract(Fp2.Square(e), Fp2.Double(d));
        Fp2 c8 = Fp2.Double(Fp2.Double(Fp2.Double(c)));
        Fp2 y3 = Fp2.Subtract(Fp2.Multiply(e, Fp2.Subtract(d, x3)), c8);
        Fp2 z3 = Fp2.Double(Fp2.Multiply(t.Y, t.Z));

        Fp2 l0 = Fp2.MultiplyByFp(Fp2.Multiply(z3, zz), p.Y);
        Fp2 l1 = Fp2.Negate(Fp2.MultiplyByFp(Fp2.Multiply(e, zz), p.X));
        Fp2 l2 = Fp2.Subtract(Fp2.Multiply(e, t.X), Fp2.Double(b));

        t = new JacobianPoint<Fp2>(x3, y3, z3);
        f = Fp12.MultiplyByLine(f, l0, l1, l2);
    }

    /// <summary>
    /// T ← T + Q for affine Q = (xq, yq) and f ← f·l_{T,Q}(P). With madd-2007-bl's H = xq·Z^2 - X,
    /// R = 2(yq·Z^3 - Y), Z3 = 2ZH and the line scaled by Z3: l = Z3·yP + (-R·xP + (R·xq - yq·Z3)·v)·w.
    /// In a Miller loop over points of order r, T is never ±Q or infinity here, so no special cases.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AdditionStep(ref JacobianPoint<Fp2> t, in Fp2 xq, in Fp2 yq, in G1Affine p, ref Fp12 f)
    {
        Fp2 z1z1 = Fp2.Square(t.Z);
        Fp2 u2 = Fp2.Multiply(xq, z1z1);
        Fp2 s2 = Fp2.Multiply(yq, Fp2.Multiply(t.Z, z1z1));
        Fp2 h = Fp2.Subtract(u2, t.X);
        Fp2 hh = Fp2.Square(h);
        Fp2 i = Fp2.Double(Fp2.Double(hh));
        Fp2 j = Fp2.Multiply(h, i);
        Fp2 r = Fp2.Double(Fp2.Subtract(s2, t.Y));
        Fp2 v = Fp2.Multiply(t.X, i);
        Fp2 x3 = Fp2.Subtract(Fp2.Subtract(Fp2.Square(r), j), Fp2.Double(v));
        Fp2 y3 = Fp2.Subtract(Fp2.Multiply(r, Fp2.Subtract(v, x3)), Fp2.Double(Fp2.Multiply(t.Y, j)));
        Fp2 z3 = Fp2.Subtract(Fp2.Subtract(Fp2.Square(Fp2.Add(t.Z, h)), z1z1), hh);

        Fp2 l0 = Fp2.MultiplyByFp(z3, p.Y);
        Fp2 l1 = Fp2.Negate(Fp2.MultiplyByFp(r, p.X));
        Fp2 l2 = Fp2.Subtract(Fp2.Multiply(r, xq), Fp2.Multiply(yq, z3));

        t = new JacobianPoint<Fp2>(x3, y3, z3);
        f = Fp12.MultiplyByLine(f, l0, l1, l2);
    }

    /// <summary>
    /// f^((p^12 - 1)/r) = f^((p^6 - 1)(p^2 + 1)) ^ ((p^4 - p^2 + 1)/r). The easy part costs one inversion and
    /// Frobenius maps; the hard part uses the BN addition chain of Scott, Benger, Charlemagne, Dominguez Perez
    /// and Kachisa ("On the final exponentiation for calculating pairings on ordinary elliptic curves", 2009):
    /// three exponentiations by u and a fixed sequence of Frobenius maps and products that computes exactly
    /// λ0 + λ1·p + λ2·p^2 + λ3·p^3 = (p^4 - p^2 + 1)/r.
    /// </summary>
    public static Fp12 FinalExponentiation(in Fp12 f)
    {
        // Easy part. After it the value has norm 1 over F_p6 (so conjugation inverts it) and lies in the
        // cyclotomic subgroup.
        Fp12 t = Fp12.Multiply(Fp12.Conjugate(f), Fp12.Inverse(f)); // f^(p^6 - 1)
        t = Fp12.Multiply(Fp12.Frobenius(t, 2), t);                 // ^(p^2 + 1)

        // Hard part.
        Fp12 fp = Fp12.Frobenius(t, 1);
        Fp12 fp2 = Fp12.Frobenius(t, 2);
        Fp12 fp3 = Fp12.Frobenius(t, 3);
        Fp12 fu = ExpByU(t);
        Fp12 fu2 = ExpByU(fu);
        Fp12 fu3 = ExpByU(fu2);

        Fp12 y0 = Fp12.Multiply(Fp12.Multiply(fp, fp2), fp3);
        Fp12 y1 = Fp12.Conjugate(t);
        Fp12 y2 = Fp12.Frobenius(fu2, 2);
        Fp12 y3 = Fp12.Conjugate(Fp12.Frobenius(fu, 1));
        Fp12 y4 = Fp12.Conjugate(Fp12.Multiply(fu, Fp12.Frobenius(fu2, 1)));
        Fp12 y5 = Fp12.Conjugate(fu2);
        Fp12 y6 = Fp12.Conjugate(Fp12.Multiply(fu3, Fp12.Frobenius(fu3, 1)));

        // result = y0 · y1^2 · y2^6 · y3^12 · y4^18 · y5^30 · y6^36, by the vectorial addition chain.
        Fp12 t0 = Fp12.Multiply(Fp12.Multiply(Fp12.Square(y6), y4), y5);
        Fp12 t1 = Fp12.Multiply(Fp12.Multiply(y3, y5), t0);
        t0 = Fp12.Multiply(t0, y2);
        t1 = Fp12.Square(Fp12.Multiply(Fp12.Square(t1), t0));
        t0 = Fp12.Multiply(t1, y1);
        t1 = Fp12.Multiply(t1, y0);
        t0 = Fp12.Multiply(Fp12.Square(t0), t1);
        return t0;
    }

    /// <summary>x^u by left-to-right square-and-multiply over the 63 bits of u.</summary>
    private static Fp12 ExpByU(in Fp12 x)
    {
        Fp12 result = x;
        for (int bit = 61; bit >= 0; bit--) // bit 62 is u's top bit, consumed by starting at x
        {
            result = Fp12.CyclotomicSquare(result);
            if (((Bn254Constants.U >> bit) & 1) != 0) result = Fp12.Multiply(result, x);
        }
        return result;
    }
}
