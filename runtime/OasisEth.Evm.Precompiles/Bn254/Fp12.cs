using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// F_p12 = F_p6[w] / (w^2 - v): the element C0 + C1·w. Pairing values live here. Seen over F_p2 the basis is
/// 1, w, ..., w^5 with w^6 = ξ: C0 holds the coefficients of w^0, w^2, w^4 and C1 those of w^1, w^3, w^5.
/// </summary>
internal readonly struct Fp12
{
    public readonly Fp6 C0;
    public readonly Fp6 C1;

    public Fp12(in Fp6 c0, in Fp6 c1)
    {
        C0 = c0;
        C1 = c1;
    }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);

    public bool IsOne => Fp6.AreEqual(C0, Fp6.One) && C1.IsZero;

    public static bool AreEqual(in Fp12 x, in Fp12 y) => Fp6.AreEqual(x.C0, y.C0) && Fp6.AreEqual(x.C1, y.C1);

    public static Fp12 Multiply(in Fp12 x, in Fp12 y)
    {
        Fp6 t0 = Fp6.Multiply(x.C0, y.C0);
        Fp6 t1 = Fp6.Multiply(x.C1, y.C1);
        Fp6 cross = Fp6.Multiply(Fp6.Add(x.C0, x.C1), Fp6.Add(y.C0, y.C1));
        return new Fp12(Fp6.Add(t0, Fp6.MultiplyByV(t1)), Fp6.Subtract(Fp6.Subtract(cross, t0), t1));
    }

    /// <summary>(a + bw)^2 = (a + b)(a + vb) - ab - v·ab + 2ab·w: two F_p6 products.</summary>
    public static Fp12 Square(in Fp12 x)
    {
        Fp6 ab = Fp6.Multiply(x.C0, x.C1);
        Fp6 t = Fp6.Multiply(Fp6.Add(x.C0, x.C1), Fp6.Add(x.C0, Fp6.MultiplyByV(x.C1)));
        return new Fp12(Fp6.Subtract(Fp6.Subtract(t, ab), Fp6.MultiplyByV(ab)), Fp6.Double(ab));
    }

    /// <summary>
    /// x^2 for x in the cyclotomic subgroup (every value after the easy part of the final exponentiation), by
    /// Granger and Scott ("Faster squaring in the cyclotomic subgroup of sixth degree extensions", 2010): view
    /// F_p12 as F_p4[t]/(t^3 - s) with t = w, s = w^3, F_p4 = F_p2[s]/(s^2 - ξ); for x = z0 + z1·t + z2·t^2,
    /// x^2 = (3z0^2 - 2·conj(z0)) + (3s·z2^2 + 2·conj(z1))·t + (3z1^2 - 2·conj(z2))·t^2. Nine F_p2 squarings
    /// against twelve F_p2 products for <see cref="Square"/>. Wrong for values outside the subgroup.
    /// </summary>
    public static Fp12 CyclotomicSquare(in Fp12 x)
    {
        // z0 = a0 + b1·s, z1 = b0 + a2·s, z2 = a1 + b2·s, where x = (a0 + a1v + a2v^2) + (b0 + b1v + b2v^2)w.
        Fp4Square(x.C0.C0, x.C1.C1, out Fp2 a0, out Fp2 a1);
        Fp4Square(x.C1.C0, x.C0.C2, out Fp2 b0, out Fp2 b1);
        Fp4Square(x.C0.C1, x.C1.C2, out Fp2 c0, out Fp2 c1);

        // 3A - 2conj(z0)
        Fp2 na0 = Fp2.Add(Fp2.Double(Fp2.Subtract(a0, x.C0.C0)), a0);
        Fp2 nb1 = Fp2.Add(Fp2.Double(Fp2.Add(a1, x.C1.C1)), a1);
        // 3s·C + 2conj(z1), with s·(c0 + c1·s) = ξ·c1 + c0·s
        Fp2 xic1 = Fp2.MultiplyByXi(c1);
        Fp2 nb0 = Fp2.Add(Fp2.Double(Fp2.Add(xic1, x.C1.C0)), xic1);
        Fp2 na2 = Fp2.Add(Fp2.Double(Fp2.Subtract(c0, x.C0.C2)), c0);
        // 3B - 2conj(z2)
        Fp2 na1 = Fp2.Add(Fp2.Double(Fp2.Subtract(b0, x.C0.C1)), b0);
        Fp2 nb2 = Fp2.Add(Fp2.Double(Fp2.Add(b1, x.C1.C2)), b1);

        return new Fp12(new Fp6(na0, na1, na2), new Fp6(nb0, nb1, nb2));
    }

    /// <summary>(x0 + x1·s)^2 = (x0^2 + ξ·x1^2) + ((x0 + x1)^2 - x0^2 - x1^2)·s in F_p4 = F_p2[s]/(s^2 - ξ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fp4Square(in Fp2 x0, in Fp2 x1, out Fp2 r0, out Fp2 r1)
    {
        Fp2 t0 = Fp2.Square(x0);
        Fp2 t1 = Fp2.Square(x1);
        r0 = Fp2.Add(t0, Fp2.MultiplyByXi(t1));
        r1 = Fp2.Subtract(Fp2.Subtract(Fp2.Square(Fp2.Add(x0, x1)), t0), t1);
    }

    /// <summary>
    /// x·(a0 + (b0 + b1·v)·w): multiplication by a Miller-loop line, which has only three non-zero F_p2
    /// coefficients (w^0, w^1, w^3). Thirteen F_p2 products instead of eighteen.
    /// </summary>
    public static Fp12 MultiplyByLine(in Fp12 x, in Fp2 a0, in Fp2 b0, in Fp2 b1)
    {
        Fp6 t0 = Fp6.MultiplyByFp2(x.C0, a0);
        Fp6 t1 = Fp6.MultiplyBy01(x.C1, b0, b1);
        Fp6 cross = Fp6.MultiplyBy01(Fp6.Add(x.C0, x.C1), Fp2.Add(a0, b0), b1);
        return new Fp12(Fp6.Add(t0, Fp6.MultiplyByV(t1)), Fp6.Subtract(Fp6.Subtract(cross, t0), t1));
    }

    /// <summary>a - bw = x^(p^6): the inverse of any element of norm 1, so of everything after the easy part of the final exponentiation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp12 Conjugate(in Fp12 x) => new(x.C0, Fp6.Negate(x.C1));

    /// <summary>1/(a + bw) = (a - bw) / (a^2 - v·b^2).</summary>
    public static Fp12 Inverse(in Fp12 x)
    {
        Fp6 norm = Fp6.Subtract(Fp6.Square(x.C0), Fp6.MultiplyByV(Fp6.Square(x.C1)));
        Fp6 inv = Fp6.Inverse(norm);
        return new Fp12(Fp6.Multiply(x.C0, inv), Fp6.Negate(Fp6.Multiply(x.C1, inv)));
    }

    /// <summary>
    /// x^(p^n) for n = 1, 2, 3. On the F_p2 basis: (c·w^k)^(p^n) = c^(p^n)·γ_{n,k}·w^k with
    /// γ_{n,k} = ξ^(k(p^n - 1)/6) (because w^6 = ξ), and c^(p^n) is the conjugate for odd n.
    /// </summary>
    public static Fp12 Frobenius(in Fp12 x, int n)
    {
        ReadOnlySpan<Fp2> gamma = n switch
        {
            1 => Bn254Constants.Frobenius1,
            2 => Bn254Constants.Frobenius2,
            _ => Bn254Constants.Frobenius3,
        };
        bool conjugate = (n & 1) == 1;
        return new Fp12(
            new Fp6(
                Frob(x.C0.C0, gamma[0], conjugate),
                Frob(x.C0.C1, gamma[2], conjugate),
                Frob(x.C0.C2, gamma[4], conjugate)),
            new Fp6(
                Frob(x.C1.C0, gamma[1], conjugate),
                Frob(x.C1.C1, gamma[3], conjugate),
                Frob(x.C1.C2, gamma[5], conjugate)));

        static Fp2 Frob(in Fp2 c, in Fp2 g, bool conjugate) => Fp2.Multiply(conjugate ? Fp2.Conjugate(c) : c, g);
    }
}
