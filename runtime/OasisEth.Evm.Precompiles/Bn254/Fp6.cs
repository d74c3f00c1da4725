using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>F_p6 = F_p2[v] / (v^3 - ξ), ξ = 9 + i: the element C0 + C1·v + C2·v^2.</summary>
internal readonly struct Fp6
{
    public readonly Fp2 C0;
    public readonly Fp2 C1;
    public readonly Fp2 C2;

    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2)
    {
        C0 = c0;
        C1 = c1;
        C2 = c2;
    }

    public static Fp6 Zero => default;

    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);

    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static bool AreEqual(in Fp6 x, in Fp6 y) =>
        Fp2.AreEqual(x.C0, y.C0) && Fp2.AreEqual(x.C1, y.C1) && Fp2.AreEqual(x.C2, y.C2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 Add(in Fp6 x, in Fp6 y) => new(Fp2.Add(x.C0, y.C0), Fp2.Add(x.C1, y.C1), Fp2.Add(x.C2, y.C2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 Subtract(in Fp6 x, in Fp6 y) =>
        new(Fp2.Subtract(x.C0, y.C0), Fp2.Subtract(x.C1, y.C1), Fp2.Subtract(x.C2, y.C2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 Double(in Fp6 x) => new(Fp2.Double(x.C0), Fp2.Double(x.C1), Fp2.Double(x.C2));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 Negate(in Fp6 x) => new(Fp2.Negate(x.C0), Fp2.Negate(x.C1), Fp2.Negate(x.C2));

    /// <summary>x·v = ξ·C2 + C0·v + C1·v^2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 MultiplyByV(in Fp6 x) => new(Fp2.MultiplyByXi(x.C2), x.C0, x.C1);

    /// <summary>Karatsuba over the three coefficients: six F_p2 products instead of nine.</summary>
    public static Fp6 Multiply(in Fp6 x, in Fp6 y)
    {
        Fp2 t0 = Fp2.Multiply(x.C0, y.C0);
        Fp2 t1 = Fp2.Multiply(x.C1, y.C1);
        Fp2 t2 = Fp2.Multiply(x.C2, y.C2);

        // c0 = t0 + ξ((x1 + x2)(y1 + y2) - t1 - t2)
        Fp2 c0 = Fp2.Multiply(Fp2.Add(x.C1, x.C2), Fp2.Add(y.C1, y.C2));
        c0 = Fp2.Add(Fp2.MultiplyByXi(Fp2.Subtract(Fp2.Subtract(c0, t1), t2)), t0);
        // c1 = (x0 + x1)(y0 + y1) - t0 - t1 + ξ t2
        Fp2 c1 = Fp2.Multiply(Fp2.Add(x.C0, x.C1), Fp2.Add(y.C0, y.C1));
        c1 = Fp2.Add(Fp2.Subtract(Fp2.Subtract(c1, t0), t1), Fp2.MultiplyByXi(t2));
        // c2 = (x0 + x2)(y0 + y2) - t0 - t2 + t1
        Fp2 c2 = Fp2.Multiply(Fp2.Add(x.C0, x.C2), Fp2.Add(y.C0, y.C2));
        c2 = Fp2.Add(Fp2.Subtract(Fp2.Subtract(c2, t0), t2), t1);
        return new Fp6(c0, c1, c2);
    }

    /// <summary>Chung-Hasan SQR2: two squarings and three products in F_p2.</summary>
    public static Fp6 Square(in Fp6 x)
    {
        Fp2 s0 = Fp2.Square(x.C0);
        Fp2 s1 = Fp2.Double(Fp2.Multiply(x.C0, x.C1));
        Fp2 s2 = Fp2.Square(Fp2.Add(Fp2.Subtract(x.C0, x.C1), x.C2));
        Fp2 s3 = Fp2.Double(Fp2.Multiply(x.C1, x.C2));
        Fp2 s4 = Fp2.Square(x.C2);
        return new Fp6(
            Fp2.Add(s0, Fp2.MultiplyByXi(s3)),
            Fp2.Add(s1, Fp2.MultiplyByXi(s4)),
            Fp2.Subtract(Fp2.Add(Fp2.Add(s1, s2), s3), Fp2.Add(s0, s4)));
    }

    /// <summary>x·(b0 + b1·v): the shape of one half of a Miller-loop line. Five F_p2 products.</summary>
    public static Fp6 MultiplyBy01(in Fp6 x, in Fp2 b0, in Fp2 b1)
    {
        Fp2 t0 = Fp2.Multiply(x.C0, b0);
        Fp2 t1 = Fp2.Multiply(x.C1, b1);
        // c0 = t0 + ξ·x2·b1; c1 = (x0 + x1)(b0 + b1) - t0 - t1; c2 = x2·b0 + t1
        Fp2 c0 = Fp2.Add(t0, Fp2.MultiplyByXi(Fp2.Multiply(x.C2, b1)));
        Fp2 c1 = Fp2.Subtract(Fp2.Subtract(Fp2.Multiply(Fp2.Add(x.C0, x.C1), Fp2.Add(b0, b1)), t0), t1);
        Fp2 c2 = Fp2.Add(Fp2.Multiply(x.C2, b0), t1);
        return new Fp6(c0, c1, c2);
    }

    /// <summary>x·b for b in F_p2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp6 MultiplyByFp2(in Fp6 x, in Fp2 b) =>
        new(Fp2.Multiply(x.C0, b), Fp2.Multiply(x.C1, b), Fp2.Multiply(x.C2, b));

    /// <summary>
    /// 1/x via the adjugate: with A = x0^2 - ξx1x2, B = ξx2^2 - x0x1, C = x1^2 - x0x2 the product
    /// x·(A + Bv + Cv^2) is the F_p2 value x0A + ξ(x2B + x1C).
    /// </summary>
    public static Fp6 Inverse(in Fp6 x)
    {
        Fp2 a = Fp2.Subtract(Fp2.Square(x.C0), Fp2.MultiplyByXi(Fp2.Multiply(x.C1, x.C2)));
        Fp2 b = Fp2.Subtract(Fp2.MultiplyByXi(Fp2.Square(x.C2)), Fp2.Multiply(x.C0, x.C1));
        Fp2 c = Fp2.Subtract(Fp2.Square(x.C1), Fp2.Multiply(x.C0, x.C2));
        Fp2 norm = Fp2.Add(
            Fp2.Multiply(x.C0, a),
            Fp2.MultiplyByXi(Fp2.Add(Fp2.Multiply(x.C2, b), Fp2.Multiply(x.C1, c))));
        Fp2 inv = Fp2.Inverse(norm);
        return new Fp6(Fp2.Multiply(a, inv), Fp2.Multiply(b, inv), Fp2.Multiply(c, inv));
    }
}
