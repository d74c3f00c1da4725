namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// An RFC 9380 isogeny map (x', y') ↦ (x_num/x_den, y'·y_num/y_den) over <typeparamref name="F"/>, returned in
/// Jacobian form without inverting: (X, Y, Z) = (x_num·x_den·y_den^2, y'·y_num·y_den^2·x_den^3, x_den·y_den)
/// (RFC 9380 appendix G.1 conversion). A zero denominator maps to the identity. The 11-isogeny of G1
/// (<see cref="MapToG1"/>) and the 3-isogeny of G2 (<see cref="MapToG2"/>) differ only in their constants.
/// </summary>
internal static class IsogenyMap<F> where F : struct, IField<F>
{
    /// <summary>The coefficients k_j of each polynomial, lowest degree first; the denominators are monic (their
    /// leading 1 is not listed).</summary>
    public static JacobianPoint<F> Apply(F[] xNumK, F[] xDenK, F[] yNumK, F[] yDenK, in F x, in F y)
    {
        F xNum = Horner(xNumK, x, monic: false);
        F xDen = Horner(xDenK, x, monic: true);
        F yNum = F.Mul(Horner(yNumK, x, monic: false), y);
        F yDen = Horner(yDenK, x, monic: true);
        if (xDen.IsZero || yDen.IsZero) return JacobianPoint<F>.Infinity;
        F yDen2 = F.Square(yDen);
        F xDen2 = F.Square(xDen);
        return new JacobianPoint<F>(
            F.Mul(F.Mul(xNum, xDen), yDen2),
            F.Mul(F.Mul(F.Mul(yNum, yDen2), xDen2), xDen),
            F.Mul(xDen, yDen));
    }

    /// <summary>Σ k_j x^j; a monic polynomial has an implicit leading coefficient 1 above the listed ones.</summary>
    private static F Horner(F[] k, in F x, bool monic)
    {
        F acc = monic ? F.One : k[^1];
        for (int j = monic ? k.Length - 1 : k.Length - 2; j >= 0; j--) acc = F.Add(F.Mul(acc, x), k[j]);
        return acc;
    }
}
