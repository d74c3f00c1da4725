namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// The field operations curve arithmetic needs, as static abstract members so that <see cref="JacobianPoint{F}"/>
/// is written once for G1 (over <see cref="Fp"/>) and G2 (over <see cref="Fp2"/>); the JIT specialises the
/// generic code per struct type, so the abstraction costs no call indirection.
/// </summary>
internal interface IField<T> where T : struct, IField<T>
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
    static abstract T Inverse(in T a);
    static abstract bool TrySqrt(in T a, out T root);

    /// <summary>RFC 9380 sgn0.</summary>
    bool Sgn0 { get; }
}
