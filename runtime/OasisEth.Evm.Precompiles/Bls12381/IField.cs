namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// A BLS12-381 field (<see cref="Fp"/>, <see cref="Fp2"/>): the curve arithmetic of <see cref="ICurveField{T}"/> plus
/// what hashing to the curve needs (square roots and RFC 9380's sign).
/// </summary>
internal interface IField<T> : ICurveField<T> where T : struct, IField<T>
{
    static abstract bool TrySqrt(in T a, out T root);

    /// <summary>RFC 9380 sgn0.</summary>
    bool Sgn0 { get; }
}
