namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>A G1 point in affine coordinates (never infinity; callers track that separately).</summary>
internal readonly record struct G1Affine(Fp X, Fp Y);

/// <summary>
/// G1 = E(F_p): y^2 = x^3 + 3, prime order r (cofactor 1, so every curve point is in the group).
/// EIP-196 encoding: x then y, 32-byte big-endian each; (0, 0) is the point at infinity.
/// </summary>
internal static class G1
{
    public const int EncodedLength = 64;

    /// <summary>The generator (1, 2).</summary>
    public static JacobianPoint<Fp> Generator => JacobianPoint<Fp>.FromAffine(Fp.FromUlong(1), Fp.FromUlong(2));

    /// <summary>
    /// Decodes and validates 64 bytes: both coordinates below p and the point on the curve, or (0, 0).
    /// False for anything else.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> encoded, out G1Affine point, out bool isInfinity)
    {
        point = default;
        isInfinity = false;
        if (!Fp.TryRead(encoded[..32], out Fp x) || !Fp.TryRead(encoded[32..64], out Fp y)) return false;
        if (x.IsZero && y.IsZero)
        {
            isInfinity = true;
            return true;
        }
        if (!JacobianPoint<Fp>.IsOnCurve(x, y, Bn254Constants.CurveB)) return false;
        point = new G1Affine(x, y);
        return true;
    }

    /// <summary><see cref="TryRead(ReadOnlySpan{byte}, out G1Affine, out bool)"/> straight into Jacobian form.</summary>
    public static bool TryRead(ReadOnlySpan<byte> encoded, out JacobianPoint<Fp> point)
    {
        if (!TryRead(encoded, out G1Affine affine, out bool isInfinity))
        {
            point = default;
            return false;
        }
        point = isInfinity ? JacobianPoint<Fp>.Infinity : JacobianPoint<Fp>.FromAffine(affine.X, affine.Y);
        return true;
    }

    /// <summary>Writes the affine encoding; infinity is 64 zero bytes.</summary>
    public static void Write(in JacobianPoint<Fp> point, Span<byte> output64)
    {
        if (!point.TryToAffine(out Fp x, out Fp y))
        {
            output64[..EncodedLength].Clear();
            return;
        }
        x.Write(output64[..32]);
        y.Write(output64[32..64]);
    }
}
