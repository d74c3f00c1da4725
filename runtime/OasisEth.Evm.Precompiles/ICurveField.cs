namespace OasisEth.Evm.Precompiles;

/// <summary>
/// The field operations curve arithmetic needs, as static abstract members, so that <see cref="JacobianPoint{F}"/> is
/// written once for every curve here: BN254 G1 and its G2 twist (<c>Bn254.Fp</c>, <c>Bn254.Fp2</c>) and BLS12-381 G1
/// and G2 (<c>Bls12381.Fp</c>, <c>Bls12381.Fp2</c>). The JIT (and NativeAOT) compiles the generic code once per
/// struct type argument and calls these members directly, so the abstraction costs no indirection.
/// </summary>
internal interface ICurveField<T> where T : struct, ICurveField<T>
{
    static abstract T Zero { get; }
    static abstract T One { get; }
    bool IsZero { get; }
    static abstract bool Equal(in T a, in T b);
    static abstract T Add(in T a, in T b);
    static abstract T Sub(in T a, in T b);
    static abstract T Double(in T a);
    static abstract T Negate(in T a);
    static abstract T Mul(in T a, in T b);
    static abstract T Square(in T a);
    /// <summary>The inverse; zero maps to zero (callers check for zero where it matters).</summary>
    static abstract T Inverse(in T a);
}
