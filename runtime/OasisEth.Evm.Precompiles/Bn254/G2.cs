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

    /// <summary>r·Q = infinity: the plain definition of membership, one scalar multiplication by r.</summary>
    public static bool IsInSubgroup(in G2Affine q) =>
        JacobianPoint<Fp2>.Multiply(JacobianPoint<Fp2>.FromAffine(q.X, q.Y), Bn254Constants.GroupOrder).IsInfinity;

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
