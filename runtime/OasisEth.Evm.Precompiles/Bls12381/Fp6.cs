namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>Fp6 = Fp2[v] / (v^3 - ξ), ξ = 1 + u. Element C0 + C1·v + C2·v^2.</summary>
internal readonly struct Fp6
{
    public readonly Fp2 C0, C1, C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;
    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;
    public bool Equals(in Fp6 b) => C0.Equals(b.C0) && C1.Equals(b.C1) && C2.Equals(b.C2);

    public static Fp6 operator +(in Fp6 a, in Fp6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);
    public static Fp6 operator -(in Fp6 a, in Fp6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);
    public static Fp6 operator -(in Fp6 a) => new(-a.C0, -a.C1, -a.C2);
    public static Fp6 operator *(in Fp6 a, in Fp6 b) => Mul(a, b);

    /// <summary>Karatsuba-style: six Fp2 products.</summary>
    public static Fp6 Mul(in Fp6 a, in Fp6 b)
    {
        Fp2 t0 = a.C0 * b.C0;
        Fp2 t1 = a.C1 * b.C1;
        Fp2 t2 = a.C2 * b.C2;
        Fp2 c0 = Fp2.MulByNonResidue((a.C1 + a.C2) * (b.C1 + b.C2) - t1 - t2) + t0;
        Fp2 c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - t0 - t1 + Fp2.MulByNonResidue(t2);
        Fp2 c2 = (a.C0 + a.C2) * (b.C0 + b.C2) - t0 - t2 + t1;
        return new Fp6(c0, c1, c2);
    }

    public static Fp6 Square(in Fp6 a) => Mul(a, a);

    /// <summary>a · v: (c0, c1, c2) → (ξ c2, c0, c1).</summary>
    public static Fp6 MulByV(in Fp6 a) => new(Fp2.MulByNonResidue(a.C2), a.C0, a.C1);

    /// <summary>a · (b0 + b1 v), the shape of the Miller-loop line's Fp6 halves.</summary>
    public static Fp6 MulBy01(in Fp6 a, in Fp2 b0, in Fp2 b1)
    {
        Fp2 t0 = a.C0 * b0;
        Fp2 t1 = a.C1 * b1;
        Fp2 c0 = t0 + Fp2.MulByNonResidue(a.C2 * b1);
        Fp2 c1 = (a.C0 + a.C1) * (b0 + b1) - t0 - t1;
        Fp2 c2 = t1 + a.C2 * b0;
        return new Fp6(c0, c1, c2);
    }

    /// <summary>a · (b1 v).</summary>
    public static Fp6 MulBy1(in Fp6 a, in Fp2 b1) => new(Fp2.MulByNonResidue(a.C2 * b1), a.C0 * b1, a.C1 * b1);

    /// <summary>1/a via the adjugate: with A = a0^2 - ξ a1 a2, B = ξ a2^2 - a0 a1, C = a1^2 - a0 a2,
    /// a^-1 = (A, B, C) / (a0 A + ξ (a2 B + a1 C)).</summary>
    public static Fp6 Inverse(in Fp6 a)
    {
        Fp2 A = Fp2.Square(a.C0) - Fp2.MulByNonResidue(a.C1 * a.C2);
        Fp2 B = Fp2.MulByNonResidue(Fp2.Square(a.C2)) - a.C0 * a.C1;
        Fp2 C = Fp2.Square(a.C1) - a.C0 * a.C2;
        Fp2 f = a.C0 * A + Fp2.MulByNonResidue(a.C2 * B + a.C1 * C);
        Fp2 fInv = Fp2.Inverse(f);
        return new Fp6(A * fInv, B * fInv, C * fInv);
    }
}
