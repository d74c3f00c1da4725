using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>F_p2 = F_p[i] / (i^2 + 1): the element A + B·i. The G2 twist's coordinates live here.</summary>
internal readonly struct Fp2 : ICurveField<Fp2>
{
    public readonly Fp A;
    public readonly Fp B;

    public Fp2(in Fp a, in Fp b)
    {
        A = a;
        B = b;
    }

    public static Fp2 Zero => default;

    public static Fp2 One => new(Fp.One, Fp.Zero);

    public bool IsZero => A.IsZero && B.IsZero;

    // The curve code's names for three operations this field's own code calls by their long names; inlined like
    // the operations themselves, so JacobianPoint<Fp2> compiles to what calling them directly did.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool ICurveField<Fp2>.Equal(in Fp2 a, in Fp2 b) => AreEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Fp2 ICurveField<Fp2>.Sub(in Fp2 a, in Fp2 b) => Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Fp2 ICurveField<Fp2>.Mul(in Fp2 a, in Fp2 b) => Multiply(a, b);

    public static bool AreEqual(in Fp2 x, in Fp2 y) => Fp.AreEqual(x.A, y.A) && Fp.AreEqual(x.B, y.B);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Add(in Fp2 x, in Fp2 y) => new(Fp.Add(x.A, y.A), Fp.Add(x.B, y.B));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Subtract(in Fp2 x, in Fp2 y) => new(Fp.Subtract(x.A, y.A), Fp.Subtract(x.B, y.B));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Double(in Fp2 x) => new(Fp.Double(x.A), Fp.Double(x.B));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Negate(in Fp2 x) => new(Fp.Negate(x.A), Fp.Negate(x.B));

    /// <summary>a - b·i; also the p-power Frobenius of F_p2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Conjugate(in Fp2 x) => new(x.A, Fp.Negate(x.B));

    /// <summary>Karatsuba: three base-field products instead of four.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Multiply(in Fp2 x, in Fp2 y)
    {
        Fp aa = Fp.Multiply(x.A, y.A);
        Fp bb = Fp.Multiply(x.B, y.B);
        Fp cross = Fp.Multiply(Fp.Add(x.A, x.B), Fp.Add(y.A, y.B));
        return new Fp2(Fp.Subtract(aa, bb), Fp.Subtract(Fp.Subtract(cross, aa), bb));
    }

    /// <summary>(a + bi)^2 = (a + b)(a - b) + 2ab·i: two base-field products.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 Square(in Fp2 x)
    {
        Fp ab = Fp.Multiply(x.A, x.B);
        return new Fp2(Fp.Multiply(Fp.Add(x.A, x.B), Fp.Subtract(x.A, x.B)), Fp.Double(ab));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 MultiplyByFp(in Fp2 x, in Fp s) => new(Fp.Multiply(x.A, s), Fp.Multiply(x.B, s));

    /// <summary>
    /// Multiplies by ξ = 9 + i, the non-residue that defines F_p6 (v^3 = ξ) and F_p12 (w^6 = ξ):
    /// (a + bi)(9 + i) = (9a - b) + (a + 9b)i, with 9x = 8x + x by doublings.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 MultiplyByXi(in Fp2 x)
    {
        Fp a8 = Fp.Double(Fp.Double(Fp.Double(x.A)));
        Fp b8 = Fp.Double(Fp.Double(Fp.Double(x.B)));
        return new Fp2(Fp.Subtract(Fp.Add(a8, x.A), x.B), Fp.Add(Fp.Add(b8, x.B), x.A));
    }

    /// <summary>1 / (a + bi) = (a - bi) / (a^2 + b^2); zero maps to zero.</summary>
    public static Fp2 Inverse(in Fp2 x)
    {
        Fp norm = Fp.Add(Fp.Square(x.A), Fp.Square(x.B));
        Fp inv = Fp.Inverse(norm);
        return new Fp2(Fp.Multiply(x.A, inv), Fp.Negate(Fp.Multiply(x.B, inv)));
    }

    public override string ToString() => $"({A}, {B})";
}
