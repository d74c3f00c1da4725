namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// RFC 9380 section 6.6.2 simplified SWU map onto y^2 = x^3 + A x + B (A, B ≠ 0) with non-square Z, written as the
/// RFC's plain steps (not the constant-time straight-line version: inputs here are public). BLS12-381 has A = 0,
/// so the maps run on an isogenous curve E' and an isogeny carries the result to E.
/// </summary>
internal static class SimplifiedSwu<F> where F : struct, IField<F>
{
    /// <summary>The curve and Z constants, with the two quotients the map needs precomputed.</summary>
    public sealed class Parameters(F a, F b, F z)
    {
        public readonly F A = a, B = b, Z = z;
        public readonly F MinusBOverA = F.Negate(F.Mul(b, F.Inverse(a)));
        public readonly F BOverZA = F.Mul(b, F.Inverse(F.Mul(z, a)));

        /// <summary>sqrt(-Z^3) when it exists (it does in Fp: Z and -1 are both non-squares there).</summary>
        public readonly F SqrtMinusZCubed = F.TrySqrt(F.Negate(F.Mul(F.Square(z), z)), out F root) ? root : default;
    }

    public static void Map(in F u, Parameters c, out F x, out F y)
    {
        F zu2 = F.Mul(c.Z, F.Square(u));
        F tv1 = F.Add(F.Square(zu2), zu2); // Z^2 u^4 + Z u^2
        F x1 = tv1.IsZero ? c.BOverZA : F.Mul(c.MinusBOverA, F.Add(F.One, F.Inverse(tv1)));
        F gx1 = G(x1, c);
        if (typeof(F) == typeof(Fp))
        {
            // In Fp (p = 3 mod 4) the candidate root y1 = gx1^((p+1)/4), which Fp.TrySqrt leaves in y even when it
            // fails, squares to -gx1 when gx1 is not a square. Then g(x2) = Z^3 u^6 gx1 has the root
            // u^3·sqrt(-Z^3)·y1: one exponentiation instead of two. Either root works, the sign is fixed by sgn0 below.
            if (F.TrySqrt(gx1, out y))
            {
                x = x1;
            }
            else
            {
                x = F.Mul(zu2, x1);
                F u2 = F.Square(u);
                y = F.Mul(F.Mul(y, F.Mul(u2, u)), c.SqrtMinusZCubed);
            }
        }
        else if (F.TrySqrt(gx1, out y))
        {
            x = x1;
        }
        else
        {
            x = F.Mul(zu2, x1);
            // g(x2) = Z^3 u^6 g(x1) is a square whenever g(x1) is not (Z is a non-square), so this root exists.
            F.TrySqrt(G(x, c), out y);
        }
        if (u.Sgn0 != y.Sgn0) y = F.Negate(y);
    }

    private static F G(in F x, Parameters c) => F.Add(F.Mul(F.Add(F.Square(x), c.A), x), c.B);
}
