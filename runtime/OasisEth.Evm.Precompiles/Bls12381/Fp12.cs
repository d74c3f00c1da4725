namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// Fp12 = Fp6[w] / (w^2 - v): the pairing target field. Element C0 + C1·w. Seen as a polynomial in w over Fp2
/// (w^6 = ξ), the six Fp2 coefficients are C0.C0 (w^0), C1.C0 (w^1), C0.C1 (w^2), C1.C1 (w^3), C0.C2 (w^4),
/// C1.C2 (w^5); the Frobenius map acts on each as conj(c)·ξ^(k(p-1)/6).
/// </summary>
internal readonly struct Fp12
{
    public readonly Fp6 C0, C1;

    public Fp12(in Fp6 c0, in Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);

    public bool IsOne => C0.Equals(Fp6.One) && C1.IsZero;
    public bool Equals(in Fp12 b) => C0.Equals(b.C0) && C1.Equals(b.C1);

    public static Fp12 operator *(in Fp12 a, in Fp12 b) => Mul(a, b);

    public static Fp12 Mul(in Fp12 a, in Fp12 b)
    {
        Fp6 t0 = a.C0 * b.C0;
        Fp6 t1 = a.C1 * b.C1;
        Fp6 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1;
        return new Fp12(t0 + Fp6.MulByV(t1), c1);
    }

    /// <summary>(a0 + a1 w)^2 = (a0 + a1)(a0 + v a1) - t - v t + 2t w, t = a0 a1.</summary>
    public static Fp12 Square(in Fp12 a)
    {
        Fp6 t = a.C0 * a.C1;
        Fp6 c0 = (a.C0 + a.C1) * (a.C0 + Fp6.MulByV(a.C1)) - t - Fp6.MulByV(t);
        return new Fp12(c0, t + t);
    }

    /// <summary>
    /// Squaring in the cyclotomic subgroup (elements after the easy part of the final exponentiation), Granger–Scott
    /// 2010: with Fp4 = Fp2[t]/(t^2 - ξ), t = w^3, write a = x + y·w + z·w^2 over Fp4 (x = (w^0, w^3),
    /// y = (w^1, w^4), z = (w^2, w^5) coefficients). Then a^2 = (3x^2 - 2·conj x) + (3t·z^2 + 2·conj y)·w +
    /// (3y^2 - 2·conj z)·w^2: three Fp4 squarings (nine Fp2 squarings) instead of two Fp6 products.
    /// </summary>
    public static Fp12 CyclotomicSquare(in Fp12 a)
    {
        Fp4Square(a.C0.C0, a.C1.C1, out Fp2 x0, out Fp2 x1);
        Fp4Square(a.C1.C0, a.C0.C2, out Fp2 y0, out Fp2 y1);
        Fp4Square(a.C0.C1, a.C1.C2, out Fp2 z0, out Fp2 z1);

        // 3s ∓ 2a as 2(s ∓ a) + s: three Fp2 additions instead of four.
        Fp2 c00 = ThreeMinusTwo(x0, a.C0.C0);                    // w^0
        Fp2 c11 = ThreePlusTwo(x1, a.C1.C1);                     // w^3
        Fp2 c10 = ThreePlusTwo(Fp2.MulByNonResidue(z1), a.C1.C0); // w^1: t·z^2 = (ξ z1, z0)
        Fp2 c02 = ThreeMinusTwo(z0, a.C0.C2);                    // w^4
        Fp2 c01 = ThreeMinusTwo(y0, a.C0.C1);                    // w^2
        Fp2 c12 = ThreePlusTwo(y1, a.C1.C2);                     // w^5
        return new Fp12(new Fp6(c00, c01, c02), new Fp6(c10, c11, c12));
    }

    /// <summary>(u + v t)^2 = (u^2 + ξ v^2) + 2uv·t in Fp4 = Fp2[t]/(t^2 - ξ).</summary>
    private static void Fp4Square(in Fp2 u, in Fp2 v, out Fp2 r0, out Fp2 r1)
    {
        Fp2 u2 = Fp2.Square(u);
        Fp2 v2 = Fp2.Square(v);
        r0 = u2 + Fp2.MulByNonResidue(v2);
        r1 = Fp2.Square(u + v) - u2 - v2;
    }

    private static Fp2 ThreeMinusTwo(in Fp2 s, in Fp2 a) => Fp2.Double(s - a) + s;

    private static Fp2 ThreePlusTwo(in Fp2 s, in Fp2 a) => Fp2.Double(s + a) + s;

    /// <summary>
    /// a · (l0 + l1 v + l2 v w): the sparse product with a Miller-loop line (see <see cref="Pairing"/>).
    /// </summary>
    public static Fp12 MulByLine(in Fp12 a, in Fp2 l0, in Fp2 l1, in Fp2 l2)
    {
        Fp6 t0 = Fp6.MulBy01(a.C0, l0, l1);
        Fp6 t1 = Fp6.MulBy1(a.C1, l2);
        Fp6 c1 = Fp6.MulBy01(a.C0 + a.C1, l0, l1 + l2) - t0 - t1;
        return new Fp12(t0 + Fp6.MulByV(t1), c1);
    }

    /// <summary>a · (l0 + l1 v + v w): <see cref="MulByLine"/> with l2 = 1, the product with v being a shift.</summary>
    public static Fp12 MulByLineUnitW3(in Fp12 a, in Fp2 l0, in Fp2 l1)
    {
        Fp6 t0 = Fp6.MulBy01(a.C0, l0, l1);
        Fp6 t1 = Fp6.MulByV(a.C1);
        Fp6 c1 = Fp6.MulBy01(a.C0 + a.C1, l0, l1 + Fp2.One) - t0 - t1;
        return new Fp12(t0 + Fp6.MulByV(t1), c1);
    }

    /// <summary>a^(p^6): negates the w part. Equals a^-1 on the cyclotomic subgroup.</summary>
    public static Fp12 Conjugate(in Fp12 a) => new(a.C0, -a.C1);

    /// <summary>1/a = (a0 - a1 w) / (a0^2 - v a1^2).</summary>
    public static Fp12 Inverse(in Fp12 a)
    {
        Fp6 t = Fp6.Inverse(Fp6.Square(a.C0) - Fp6.MulByV(Fp6.Square(a.C1)));
        return new Fp12(a.C0 * t, -(a.C1 * t));
    }

    /// <summary>a^p.</summary>
    public static Fp12 Frobenius(in Fp12 a)
    {
        ReadOnlySpan<Fp2> g = FrobeniusConstants.Gamma1;
        return new Fp12(
            new Fp6(Fp2.Conjugate(a.C0.C0), Fp2.Conjugate(a.C0.C1) * g[2], Fp2.Conjugate(a.C0.C2) * g[4]),
            new Fp6(Fp2.Conjugate(a.C1.C0) * g[1], Fp2.Conjugate(a.C1.C1) * g[3], Fp2.Conjugate(a.C1.C2) * g[5]));
    }

    /// <summary>a^(p^2): coefficients are fixed by the p^2-power map, only the basis constants apply.</summary>
    public static Fp12 Frobenius2(in Fp12 a)
    {
        ReadOnlySpan<Fp2> g = FrobeniusConstants.Gamma2;
        return new Fp12(
            new Fp6(a.C0.C0, a.C0.C1 * g[2], a.C0.C2 * g[4]),
            new Fp6(a.C1.C0 * g[1], a.C1.C1 * g[3], a.C1.C2 * g[5]));
    }
}
