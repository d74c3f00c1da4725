namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// The arithmetic <see cref="JacobianPoint{TField}"/> needs, so G1 (over <see cref="Fp"/>) and the G2 twist (over
/// <see cref="Fp2"/>) share one set of point formulas. Static abstract members on a struct type argument are
/// specialised by the JIT, so the generic curve code costs nothing over hand-written copies.
/// </summary>
internal interface IFieldElement<TSelf> where TSelf : struct, IFieldElement<TSelf>
{
    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    bool IsZero { get; }

    static abstract TSelf Add(in TSelf a, in TSelf b);

    static abstract TSelf Subtract(in TSelf a, in TSelf b);

    static abstract TSelf Double(in TSelf a);

    static abstract TSelf Negate(in TSelf a);

    static abstract TSelf Multiply(in TSelf a, in TSelf b);

    static abstract TSelf Square(in TSelf a);

    /// <summary>The inverse; zero maps to zero (callers check for zero where it matters).</summary>
    static abstract TSelf Inverse(in TSelf a);

    static abstract bool AreEqual(in TSelf a, in TSelf b);
}
