namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// What the EIP-2537 point precompiles need of a group, as static abstract members, so that add, MSM and map
/// (<see cref="Bls12PointPrecompiles{G, F}"/>) are written once for <see cref="G1"/> (over <see cref="Fp"/>) and
/// <see cref="G2"/> (over <see cref="Fp2"/>). G1 and G2 are empty structs: as type arguments they make the JIT (and
/// NativeAOT) compile each precompile once per group with direct calls, no virtual dispatch.
/// </summary>
internal interface IBls12Group<F> where F : struct, IField<F>
{
    /// <summary>EIP-2537 point encoding: 64-byte padded field elements (x ‖ y).</summary>
    static abstract int EncodedLength { get; }

    /// <summary>EIP-2537 field-element encoding: what MAP_FP_TO_G1 / MAP_FP2_TO_G2 take.</summary>
    static abstract int FieldEncodedLength { get; }

    /// <summary>Canonical coordinates, infinity (all zero) or on the curve; no subgroup check.</summary>
    static abstract bool TryDecode(ReadOnlySpan<byte> input, out JacobianPoint<F> point);

    /// <summary>The EIP-2537 encoding (all zeros for infinity).</summary>
    static abstract void Encode(in JacobianPoint<F> point, Span<byte> output);

    static abstract bool IsInSubgroup(in JacobianPoint<F> point);

    /// <summary>A canonical EIP-2537 field element.</summary>
    static abstract bool TryReadField(ReadOnlySpan<byte> input, out F value);

    /// <summary>RFC 9380 map_to_curve then clear_cofactor: always a point of the group.</summary>
    static abstract JacobianPoint<F> MapToCurve(in F u);
}
