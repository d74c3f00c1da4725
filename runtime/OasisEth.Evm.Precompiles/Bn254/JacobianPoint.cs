using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// A point of a short Weierstrass curve y^2 = x^3 + b (a = 0) in Jacobian coordinates: (X, Y, Z) stands for
/// (X/Z^2, Y/Z^3), Z = 0 is the point at infinity. Used for G1 over <see cref="Fp"/> and for the G2 twist over
/// <see cref="Fp2"/>. Jacobian formulas avoid the field inversion per operation that affine addition needs; the
/// formulas never read b, so one type serves both curves.
/// </summary>
internal readonly struct JacobianPoint<TField> where TField : unmanaged, IFieldElement<TField>
{
    public readonly TField X;
    public readonly TField Y;
    public readonly TField Z;

    public JacobianPoint(in TField x, in TField y, in TField z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public static JacobianPoint<TField> Infinity => new(TField.One, TField.One, TField.Zero);

    public bool IsInfinity => Z.IsZero;

    public static JacobianPoint<TField> FromAffine(in TField x, in TField y) => new(x, y, TField.One);

    public static JacobianPoint<TField> Negate(in JacobianPoint<TField> p) => new(p.X, TField.Negate(p.Y), p.Z);

    /// <summary>Affine coordinates; false (and zeros) for the point at infinity.</summary>
    public bool TryToAffine(out TField x, out TField y)
    {
        if (IsInfinity)
        {
            x = TField.Zero;
            y = TField.Zero;
            return false;
        }
        TField zInv = TField.Inverse(Z);
        TField zInv2 = TField.Square(zInv);
        x = TField.Multiply(X, zInv2);
        y = TField.Multiply(Y, TField.Multiply(zInv2, zInv));
        return true;
    }

    /// <summary>Point equality without normalising: X1·Z2^2 = X2·Z1^2 and Y1·Z2^3 = Y2·Z1^3.</summary>
    public static bool AreEqual(in JacobianPoint<TField> p, in JacobianPoint<TField> q)
    {
        if (p.IsInfinity || q.IsInfinity) return p.IsInfinity && q.IsInfinity;
        TField pz2 = TField.Square(p.Z), qz2 = TField.Square(q.Z);
        return TField.AreEqual(TField.Multiply(p.X, qz2), TField.Multiply(q.X, pz2))
            && TField.AreEqual(TField.Multiply(p.Y, TField.Multiply(qz2, q.Z)), TField.Multiply(q.Y, TField.Multiply(pz2, p.Z)));
    }

    /// <summary>
    /// 2P, "dbl-2009-l" (a = 0): 2M + 5S. Infinity stays infinity (Z3 = 2YZ = 0), and so would a point with
    /// Y = 0 (order 2), as it must.
    /// </summary>
    public static JacobianPoint<TField> Double(in JacobianPoint<TField> p)
    {
        TField a = TField.Square(p.X);
        TField b = TField.Square(p.Y);
        TField c = TField.Square(b);
        TField d = TField.Double(TField.Subtract(TField.Subtract(TField.Square(TField.Add(p.X, b)), a), c));
        TField e = TField.Add(TField.Double(a), a);
        TField f = TField.Square(e);
        TField x3 = TField.Subtract(f, TField.Double(d));
        TField c8 = TField.Double(TField.Double(TField.Double(c)));
        TField y3 = TField.Subtract(TField.Multiply(e, TField.Subtract(d, x3)), c8);
        TField z3 = TField.Double(TField.Multiply(p.Y, p.Z));
        return new JacobianPoint<TField>(x3, y3, z3);
    }

    /// <summary>
    /// P + Q, "add-2007-bl": 11M + 5S. Complete for this use: infinity on either side, P = Q (falls back to
    /// doubling) and P = -Q (gives infinity).
    /// </summary>
    public static JacobianPoint<TField> Add(in JacobianPoint<TField> p, in JacobianPoint<TField> q)
    {
        if (p.IsInfinity) return q;
        if (q.IsInfinity) return p;

        TField z1z1 = TField.Square(p.Z);
        TField z2z2 = TField.Square(q.Z);
        TField u1 = TField.Multiply(p.X, z2z2);
        TField u2 = TField.Multiply(q.X, z1z1);
        TField s1 = TField.Multiply(p.Y, TField.Multiply(q.Z, z2z2));
        TField s2 = TField.Multiply(q.Y, TField.Multiply(p.Z, z1z1));
        TField h = TField.Subtract(u2, u1);
        TField r = TField.Double(TField.Subtract(s2, s1));
        if (h.IsZero) return r.IsZero ? Double(p) : Infinity;

        TField i = TField.Square(TField.Double(h));
        TField j = TField.Multiply(h, i);
        TField v = TField.Multiply(u1, i);
        TField x3 = TField.Subtract(TField.Subtract(TField.Square(r), j), TField.Double(v));
        TField y3 = TField.Subtract(TField.Multiply(r, TField.Subtract(v, x3)), TField.Double(TField.Multiply(s1, j)));
        TField z3 = TField.Multiply(TField.Subtract(TField.Subtract(TField.Square(TField.Add(p.Z, q.Z)), z1z1), z2z2), h);
        return new JacobianPoint<TField>(x3, y3, z3);
    }

    /// <summary>
    /// scalar·P for a little-endian multi-limb scalar (any size; not reduced) with a fixed 4-bit window: 15
    /// precomputed multiples on the stack, then 4 doublings and at most one addition per nibble. Inputs are
    /// public, so the data-dependent skipping of zero nibbles leaks nothing that matters.
    /// </summary>
    [SkipLocalsInit]
    public static JacobianPoint<TField> Multiply(in JacobianPoint<TField> p, ReadOnlySpan<ulong> scalar)
    {
        Span<JacobianPoint<TField>> table = stackalloc JacobianPoint<TField>[16];
        table[0] = Infinity;
        table[1] = p;
        table[2] = Double(p);
        for (int i = 3; i < 16; i++) table[i] = Add(table[i - 1], p);

        JacobianPoint<TField> acc = Infinity;
        bool started = false;
        for (int limb = scalar.Length - 1; limb >= 0; limb--)
        {
            ulong word = scalar[limb];
            for (int shift = 60; shift >= 0; shift -= 4)
            {
                int nibble = (int)(word >> shift) & 0xF;
                if (started)
                {
                    acc = Double(acc);
                    acc = Double(acc);
                    acc = Double(acc);
                    acc = Double(acc);
                    if (nibble != 0) acc = Add(acc, table[nibble]);
                }
                else if (nibble != 0)
                {
                    acc = table[nibble];
                    started = true;
                }
            }
        }
        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsOnCurve(in TField x, in TField y, in TField b) =>
        TField.AreEqual(TField.Square(y), TField.Add(TField.Multiply(TField.Square(x), x), b));
}
