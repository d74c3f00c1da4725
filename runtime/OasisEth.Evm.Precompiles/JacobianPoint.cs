using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// A point of y^2 = x^3 + b (a = 0) over <typeparamref name="F"/> in Jacobian coordinates: (X, Y, Z) is the affine
/// point (X/Z^2, Y/Z^3); Z = 0 is the point at infinity. One type for every curve here: BN254 G1 (over its Fp) and
/// G2 twist (Fp2), BLS12-381 G1 (Fp) and G2 (Fp2). Jacobian formulas avoid the field inversion per operation that
/// affine addition needs, and never read b, so one set serves all four.
/// The formulas are the a = 0 ones from the Explicit-Formulas Database: dbl-2009-l (2M + 5S), add-1998-cmo-2
/// (12M + 4S; chosen over add-2007-bl's 11M + 5S because squaring costs a multiplication in both fields and it needs
/// fewer additions), madd.
/// </summary>
internal readonly struct JacobianPoint<F> where F : struct, ICurveField<F>
{
    public readonly F X, Y, Z;

    public JacobianPoint(in F x, in F y, in F z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<F> Infinity => new(F.One, F.One, F.Zero);

    public static JacobianPoint<F> FromAffine(in F x, in F y) => new(x, y, F.One);

    public bool IsInfinity => Z.IsZero;

    /// <summary>Affine coordinates; false (and zeros) for the point at infinity.</summary>
    public bool TryToAffine(out F x, out F y)
    {
        if (Z.IsZero)
        {
            x = F.Zero;
            y = F.Zero;
            return false;
        }
        F zInv = F.Inverse(Z);
        F zInv2 = F.Square(zInv);
        x = F.Mul(X, zInv2);
        y = F.Mul(Y, F.Mul(zInv2, zInv));
        return true;
    }

    /// <summary>Whether the affine point (x, y) satisfies y^2 = x^3 + b.</summary>
    public static bool IsOnCurve(in F x, in F y, in F b) =>
        F.Equal(F.Square(y), F.Add(F.Mul(F.Square(x), x), b));

    public static JacobianPoint<F> Negate(in JacobianPoint<F> p) => new(p.X, F.Negate(p.Y), p.Z);

    /// <summary>dbl-2009-l.</summary>
    public static JacobianPoint<F> Double(in JacobianPoint<F> p)
    {
        if (p.Z.IsZero) return p;
        F a = F.Square(p.X);
        F b = F.Square(p.Y);
        F c = F.Square(b);
        F d = F.Double(F.Sub(F.Sub(F.Square(F.Add(p.X, b)), a), c));
        F e = F.Add(F.Double(a), a);
        F f = F.Square(e);
        F x3 = F.Sub(f, F.Double(d));
        F c8 = F.Double(F.Double(F.Double(c)));
        F y3 = F.Sub(F.Mul(e, F.Sub(d, x3)), c8);
        F z3 = F.Double(F.Mul(p.Y, p.Z));
        return new JacobianPoint<F>(x3, y3, z3);
    }

    /// <summary>General addition (add-1998-cmo-2), falling back to doubling for P = Q.</summary>
    public static JacobianPoint<F> Add(in JacobianPoint<F> p, in JacobianPoint<F> q)
    {
        if (p.Z.IsZero) return q;
        if (q.Z.IsZero) return p;
        F z1z1 = F.Square(p.Z);
        F z2z2 = F.Square(q.Z);
        F u1 = F.Mul(p.X, z2z2);
        F u2 = F.Mul(q.X, z1z1);
        F s1 = F.Mul(F.Mul(p.Y, q.Z), z2z2);
        F s2 = F.Mul(F.Mul(q.Y, p.Z), z1z1);
        F h = F.Sub(u2, u1);
        F r = F.Sub(s2, s1);
        if (h.IsZero) return r.IsZero ? Double(p) : Infinity;
        F hh = F.Square(h);
        F hhh = F.Mul(h, hh);
        F v = F.Mul(u1, hh);
        F x3 = F.Sub(F.Sub(F.Square(r), hhh), F.Double(v));
        F y3 = F.Sub(F.Mul(r, F.Sub(v, x3)), F.Mul(s1, hhh));
        F z3 = F.Mul(F.Mul(p.Z, q.Z), h);
        return new JacobianPoint<F>(x3, y3, z3);
    }

    /// <summary>P + (x, y) for an affine, finite second operand (saves the Z2 products).</summary>
    public static JacobianPoint<F> AddAffine(in JacobianPoint<F> p, in F x, in F y)
    {
        if (p.Z.IsZero) return FromAffine(x, y);
        F z1z1 = F.Square(p.Z);
        F u2 = F.Mul(x, z1z1);
        F s2 = F.Mul(F.Mul(y, p.Z), z1z1);
        F h = F.Sub(u2, p.X);
        F r = F.Sub(s2, p.Y);
        if (h.IsZero) return r.IsZero ? Double(p) : Infinity;
        F hh = F.Square(h);
        F hhh = F.Mul(h, hh);
        F v = F.Mul(p.X, hh);
        F x3 = F.Sub(F.Sub(F.Square(r), hhh), F.Double(v));
        F y3 = F.Sub(F.Mul(r, F.Sub(v, x3)), F.Mul(p.Y, hhh));
        F z3 = F.Mul(p.Z, h);
        return new JacobianPoint<F>(x3, y3, z3);
    }

    /// <summary>Equality of the represented points (cross-multiplied, no inversion).</summary>
    public static bool Equal(in JacobianPoint<F> p, in JacobianPoint<F> q)
    {
        if (p.Z.IsZero || q.Z.IsZero) return p.Z.IsZero && q.Z.IsZero;
        F z1z1 = F.Square(p.Z);
        F z2z2 = F.Square(q.Z);
        if (!F.Equal(F.Mul(p.X, z2z2), F.Mul(q.X, z1z1))) return false;
        return F.Equal(F.Mul(F.Mul(p.Y, q.Z), z2z2), F.Mul(F.Mul(q.Y, p.Z), z1z1));
    }

    /// <summary>[k]P for a scalar of any length given as little-endian 64-bit limbs (public scalars: not constant time).</summary>
    public static JacobianPoint<F> Multiply(in JacobianPoint<F> p, ReadOnlySpan<ulong> scalar)
    {
        // Fixed 4-bit window: 14 additions for the table, then one addition per nibble instead of one per set bit.
        const int Window = 4;
        int top = scalar.Length * 64 - 1;
        while (top >= 0 && ((scalar[top >> 6] >> (top & 63)) & 1) == 0) top--;
        if (top < 0 || p.Z.IsZero) return Infinity;

        TableOf16 table = default;
        Span<JacobianPoint<F>> multiples = table;
        multiples[0] = Infinity;
        multiples[1] = p;
        for (int i = 2; i < 16; i++) multiples[i] = (i & 1) == 0 ? Double(multiples[i >> 1]) : Add(multiples[i - 1], p);

        JacobianPoint<F> acc = Infinity;
        for (int start = top / Window * Window; start >= 0; start -= Window)
        {
            if (!acc.Z.IsZero) for (int i = 0; i < Window; i++) acc = Double(acc);
            int nibble = (int)((scalar[start >> 6] >> (start & 63)) & 0xF); // windows never straddle limbs (64 % 4 == 0)
            if (nibble != 0) acc = Add(acc, multiples[nibble]);
        }
        return acc;
    }

    /// <summary>
    /// [k]P for a 64-bit scalar by plain double-and-add: for the sparse constants used here (|x| has six set bits,
    /// the G1 effective cofactor seven) this beats building a window table.
    /// </summary>
    public static JacobianPoint<F> Multiply(in JacobianPoint<F> p, ulong scalar)
    {
        if (scalar == 0 || p.Z.IsZero) return Infinity;
        JacobianPoint<F> acc = p;
        for (int bit = 62 - System.Numerics.BitOperations.LeadingZeroCount(scalar); bit >= 0; bit--)
        {
            acc = Double(acc);
            if (((scalar >> bit) & 1) != 0) acc = Add(acc, p);
        }
        return acc;
    }

    [InlineArray(16)]
    private struct TableOf16
    {
        private JacobianPoint<F> _element0;
    }
}
