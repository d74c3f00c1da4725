namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// Fp2 = Fp[u] / (u^2 + 1): the field G2 coordinates live in (EIP-2537's "nr2" is -1). Element C0 + C1·u.
/// </summary>
internal readonly struct Fp2 : IField<Fp2>
{
    public readonly Fp C0, C1;

    public Fp2(in Fp c0, in Fp c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp2 Zero => default;
    public static Fp2 One => new(Fp.One, Fp.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero;
    public bool IsOne => C0.IsOne && C1.IsZero;

    public static bool Equal(in Fp2 a, in Fp2 b) => a.C0.Equals(b.C0) && a.C1.Equals(b.C1);
    public bool Equals(in Fp2 b) => Equal(this, b);

    public static Fp2 operator +(in Fp2 a, in Fp2 b) => Add(a, b);
    public static Fp2 operator -(in Fp2 a, in Fp2 b) => Sub(a, b);
    public static Fp2 operator *(in Fp2 a, in Fp2 b) => Mul(a, b);
    public static Fp2 operator -(in Fp2 a) => Negate(a);

    public static Fp2 Add(in Fp2 a, in Fp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);
    public static Fp2 Sub(in Fp2 a, in Fp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);
    public static Fp2 Double(in Fp2 a) => new(Fp.Double(a.C0), Fp.Double(a.C1));
    public static Fp2 Negate(in Fp2 a) => new(-a.C0, -a.C1);
    public static Fp2 Conjugate(in Fp2 a) => new(a.C0, -a.C1);

    /// <summary>
    /// Karatsuba with lazy reduction: three unreduced 768-bit products, two Montgomery reductions
    /// (c0 = a0 b0 - a1 b1, c1 = (a0 + a1)(b0 + b1) - a0 b0 - a1 b1), against three full Fp products in <see cref="MulPlain"/>.
    /// </summary>
    public static Fp2 Mul(in Fp2 a, in Fp2 b)
    {
        FpWide t0 = Fp.MulWide(a.C0, b.C0);
        FpWide t1 = Fp.MulWide(a.C1, b.C1);
        FpWide t2 = Fp.MulWide(Fp.AddUnreduced(a.C0, a.C1), Fp.AddUnreduced(b.C0, b.C1));
        return new Fp2(Fp.Reduce(Fp.SubWideModP(t0, t1)), Fp.Reduce(Fp.SubWide2(t2, t0, t1)));
    }

    /// <summary>Karatsuba on reduced products: the plain definition <see cref="Mul"/> is tested against.</summary>
    internal static Fp2 MulPlain(in Fp2 a, in Fp2 b)
    {
        Fp t0 = a.C0 * b.C0;
        Fp t1 = a.C1 * b.C1;
        Fp t2 = (a.C0 + a.C1) * (b.C0 + b.C1);
        return new Fp2(t0 - t1, t2 - t0 - t1);
    }

    /// <summary>(a0 + a1 u)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 u.</summary>
    public static Fp2 Square(in Fp2 a)
    {
        Fp t = a.C0 * a.C1;
        return new Fp2((a.C0 + a.C1) * (a.C0 - a.C1), Fp.Double(t));
    }

    public static Fp2 MulByFp(in Fp2 a, in Fp b) => new(a.C0 * b, a.C1 * b);

    /// <summary>Multiplication by ξ = 1 + u, the non-residue that builds Fp6 (v^3 = ξ) and the twist (b' = 4ξ).</summary>
    public static Fp2 MulByNonResidue(in Fp2 a) => new(a.C0 - a.C1, a.C0 + a.C1);

    /// <summary>Norm a0^2 + a1^2, in Fp.</summary>
    public static Fp Norm(in Fp2 a) => Fp.Square(a.C0) + Fp.Square(a.C1);

    /// <summary>1/a = conj(a) / norm(a); 0 for 0.</summary>
    public static Fp2 Inverse(in Fp2 a)
    {
        Fp inv = Fp.Inverse(Norm(a));
        return new Fp2(a.C0 * inv, -(a.C1 * inv));
    }

    /// <summary>a^e, exponent as little-endian limbs (public exponents only).</summary>
    public static Fp2 Pow(in Fp2 a, ReadOnlySpan<ulong> exponent)
    {
        Fp2 result = One;
        for (int i = exponent.Length - 1; i >= 0; i--)
        {
            ulong e = exponent[i];
            for (int bit = 63; bit >= 0; bit--)
            {
                result = Square(result);
                if (((e >> bit) & 1) != 0) result = Mul(result, a);
            }
        }
        return result;
    }

    /// <summary>
    /// a is a square in Fp2 iff its norm is a square in Fp (the norm map is onto and squares map to squares).
    /// </summary>
    public static bool IsSquare(in Fp2 a) => a.IsZero || Fp.TrySqrt(Norm(a), out _);

    /// <summary>
    /// A square root of a, or false. Uses the "complex" method for p = 3 mod 4: with α = sqrt(norm a),
    /// x0 = sqrt((a0 ± α)/2) and x1 = a1 / (2 x0). The root is checked by squaring, so a wrong branch can only
    /// yield false, never a wrong root.
    /// </summary>
    public static bool TrySqrt(in Fp2 a, out Fp2 root)
    {
        if (a.C1.IsZero)
        {
            // Every element of Fp is a square in Fp2: either sqrt(a0) or sqrt(-a0)·u.
            if (Fp.TrySqrt(a.C0, out Fp s))
            {
                root = new Fp2(s, Fp.Zero);
                return true;
            }
            if (Fp.TrySqrt(-a.C0, out s))
            {
                root = new Fp2(Fp.Zero, s);
                return true;
            }
            root = default;
            return false;
        }
        if (!Fp.TrySqrt(Norm(a), out Fp alpha))
        {
            root = default;
            return false;
        }
        Fp half = HalfOf(a.C0 + alpha);
        if (!Fp.TrySqrt(half, out Fp x0))
        {
            half = HalfOf(a.C0 - alpha);
            if (!Fp.TrySqrt(half, out x0))
            {
                root = default;
                return false;
            }
        }
        Fp x1 = a.C1 * Fp.Inverse(Fp.Double(x0));
        root = new Fp2(x0, x1);
        return Square(root).Equals(a);
    }

    private static Fp HalfOf(in Fp a) => a * TwoInverse;

    private static readonly Fp TwoInverse = Fp.Inverse(Fp.FromUlong(2));

    /// <summary>RFC 9380 sgn0 for Fp2: sign of c0, or of c1 when c0 is zero.</summary>
    public bool Sgn0
    {
        get
        {
            bool sign0 = C0.Sgn0;
            return sign0 || (C0.IsZero && C1.Sgn0);
        }
    }

    /// <summary>ZCash compressed-G2 rule: compare c1 first, c0 when c1 is zero.</summary>
    public bool IsLexicographicallyLargest => C1.IsZero ? C0.IsLexicographicallyLargest : C1.IsLexicographicallyLargest;

    public override string ToString() => $"({C0}, {C1})";
}
