namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>A G2 point (on the twist) in affine coordinates, never infinity.</summary>
internal readonly record struct G2Affine(Fp2 X, Fp2 Y);

/// <summary>
/// G2: the order-r subgroup of the sextic twist E'(F_p2): y^2 = x^3 + 3/ξ. The twist has many more points than
/// r (cofactor 2p - r), so unlike G1 a point on the curve must also be checked to lie in the subgroup.
/// EIP-197 encoding, 128 bytes: x.im, x.re, y.im, y.re (imaginary part first), 32-byte big-endian each; all
/// zeros is the point at infinity.
/// </summary>
internal static class G2
{
    public const int EncodedLength = 128;

    /// <summary>The generator EIP-197 names (also the one of the Ethereum yellow paper's alt_bn128).</summary>
    public static readonly G2Affine Generator = new(
        new Fp2(
            Parse("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
            Parse("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
        new Fp2(
            Parse("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
            Parse("4082367875863433681332203403145435568316851327593401208105741076214120093531")));

    /// <summary>
    /// Decodes and validates 128 bytes: coordinates below p, on the twist, and in the order-r subgroup; or all
    /// zeros (infinity). False for anything else.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> encoded, out G2Affine point, out bool isInfinity)
    {
        point = default;
        isInfinity = false;
        if (!Fp.TryRead(encoded[..32], out Fp xIm) || !Fp.TryRead(encoded[32..64], out Fp xRe)
            || !Fp.TryRead(encoded[64..96], out Fp yIm) || !Fp.TryRead(encoded[96..128], out Fp yRe))
        {
            return false;
        }
        var x = new Fp2(xRe, xIm);
        var y = new Fp2(yRe, yIm);
        if (x.IsZero && y.IsZero)
        {
            isInfinity = true;
            return true;
        }
        if (!JacobianPoint<Fp2>.IsOnCurve(x, y, Bn254Constants.TwistB)) return false;
        point = new G2Affine(x, y);
        return IsInSubgroup(point);
    }

    /// <summary>
    /// Membership in G2 for a point already on the twist, by the endomorphism test of El Housni, Guillevic and
    /// Piellard ("Co-factor clearing and subgroup membership testing on pairing-friendly curves", 2022, §3 and
    /// §5.1): Q ∈ G2 ⟺ [u+1]Q + ψ([u]Q) + ψ²([u]Q) = ψ³([2u]Q). On G2, ψ acts as p and
    /// (u+1) + p·u + p²·u - 2u·p³ ≡ 0 mod r; the paper shows no other twist point satisfies it. One 63-bit
    /// scalar multiplication instead of the 254-bit [r]Q, about a quarter of the work. The tests check it
    /// against <see cref="IsInSubgroupByOrder"/>.
    /// </summary>
    public static bool IsInSubgroup(in G2Affine q)
    {
        JacobianPoint<Fp2> point = JacobianPoint<Fp2>.FromAffine(q.X, q.Y);
        ReadOnlySpan<ulong> u = [Bn254Constants.U];
        JacobianPoint<Fp2> uq = JacobianPoint<Fp2>.Multiply(point, u);
        JacobianPoint<Fp2> psiUq = Psi(uq);
        JacobianPoint<Fp2> left = JacobianPoint<Fp2>.Add(JacobianPoint<Fp2>.Add(uq, point), psiUq);
        left = JacobianPoint<Fp2>.Add(left, Psi(psiUq));
        JacobianPoint<Fp2> right = Psi(Psi(Psi(JacobianPoint<Fp2>.Double(uq))));
        return JacobianPoint<Fp2>.Equal(left, right);
    }

    /// <summary>r·Q = infinity: the definition of membership, one 254-bit scalar multiplication. Reference for tests.</summary>
    public static bool IsInSubgroupByOrder(in G2Affine q) =>
        JacobianPoint<Fp2>.Multiply(JacobianPoint<Fp2>.FromAffine(q.X, q.Y), Bn254Constants.GroupOrder).IsInfinity;

    /// <summary>
    /// ψ = <see cref="Frobenius(in G2Affine)"/> on Jacobian coordinates: conjugation commutes with the
    /// division by Z^2 and Z^3, so (conj(X)·γ_{1,2}, conj(Y)·γ_{1,3}, conj(Z)) needs no inversion.
    /// </summary>
    private static JacobianPoint<Fp2> Psi(in JacobianPoint<Fp2> p) => new(
        Fp2.Multiply(Fp2.Conjugate(p.X), Bn254Constants.Frobenius1[2]),
        Fp2.Multiply(Fp2.Conjugate(p.Y), Bn254Constants.Frobenius1[3]),
        Fp2.Conjugate(p.Z));

    /// <summary>
    /// The p-power Frobenius carried to the twist, π(x, y) = (conj(x)·γ_{1,2}, conj(y)·γ_{1,3}): untwist,
    /// raise to p, twist back. On G2 it acts as multiplication by p.
    /// </summary>
    public static G2Affine Frobenius(in G2Affine q) => new(
        Fp2.Multiply(Fp2.Conjugate(q.X), Bn254Constants.Frobenius1[2]),
        Fp2.Multiply(Fp2.Conjugate(q.Y), Bn254Constants.Frobenius1[3]));

    /// <summary>-π^2(Q) = (x·γ_{2,2}, y): π^2 multiplies y by γ_{2,3} = -1, so the negation cancels it.</summary>
    public static G2Affine NegatedFrobeniusSquared(in G2Affine q) => new(
        Fp2.MultiplyByFp(q.X, Bn254Constants.Frobenius2[2].A), q.Y);

    /// <summary>A decimal constant below p, for the generator only (not a hot path).</summary>
    private static Fp Parse(string decimalText)
    {
        System.Numerics.BigInteger value = System.Numerics.BigInteger.Parse(decimalText, System.Globalization.CultureInfo.InvariantCulture);
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        value.TryWriteBytes(bytes, out int written, isUnsigned: true, isBigEndian: true);
        Span<byte> aligned = stackalloc byte[32];
        aligned.Clear();
        bytes[..written].CopyTo(aligned[(32 - written)..]);
        Fp.TryRead(aligned, out Fp result);
        return result;
    }
}
