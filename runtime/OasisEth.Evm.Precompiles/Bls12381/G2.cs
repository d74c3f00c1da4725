namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// G2: the order-r subgroup of the sextic M-twist E'(Fp2): y^2 = x^3 + 4(1 + u). Encodings, the ψ endomorphism,
/// subgroup membership and cofactor clearing. A struct only so it can be a type argument (<see cref="IBls12Group{F}"/>):
/// it has no instances.
/// </summary>
internal readonly struct G2 : IBls12Group<Fp2>
{
    public static readonly Fp2 B = new(Fp.FromUlong(4), Fp.FromUlong(4));

    public static readonly JacobianPoint<Fp2> Generator = JacobianPoint<Fp2>.FromAffine(
        new Fp2(
            Fp.FromHex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"),
            Fp.FromHex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e")),
        new Fp2(
            Fp.FromHex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801"),
            Fp.FromHex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be")));

    /// <summary>EIP-2537 encoding: x.c0 ‖ x.c1 ‖ y.c0 ‖ y.c1, each 64 bytes.</summary>
    public const int EncodedLength = 256;

    /// <summary>|x| for the BLS parameter x = -0xd201000000010000.</summary>
    public const ulong AbsX = 0xd201000000010000;

    /// <summary>ψ(x, y) = (conj(x)·ξ^-((p-1)/3), conj(y)·ξ^-((p-1)/2)): untwist, Frobenius, twist.</summary>
    private static readonly Fp2 PsiX = Fp2.Inverse(FrobeniusConstants.Gamma1[2]);
    private static readonly Fp2 PsiY = Fp2.Inverse(FrobeniusConstants.Gamma1[3]);

    /// <summary>Decodes an EIP-2537 G2 point (canonical coordinates; infinity or on the twist; no subgroup check).</summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, out JacobianPoint<Fp2> point)
    {
        point = JacobianPoint<Fp2>.Infinity;
        if (!FieldEncoding.TryReadFp2(input[..128], out Fp2 x) || !FieldEncoding.TryReadFp2(input[128..256], out Fp2 y)) return false;
        if (x.IsZero && y.IsZero) return true;
        if (!JacobianPoint<Fp2>.IsOnCurve(x, y, B)) return false;
        point = JacobianPoint<Fp2>.FromAffine(x, y);
        return true;
    }

    static int IBls12Group<Fp2>.EncodedLength => EncodedLength;
    static int IBls12Group<Fp2>.FieldEncodedLength => FieldEncoding.Fp2Length;
    static bool IBls12Group<Fp2>.TryReadField(ReadOnlySpan<byte> input, out Fp2 value) => FieldEncoding.TryReadFp2(input, out value);
    static JacobianPoint<Fp2> IBls12Group<Fp2>.MapToCurve(in Fp2 u) => MapToG2.Map(u);

    public static void Encode(in JacobianPoint<Fp2> point, Span<byte> output)
    {
        output[..EncodedLength].Clear();
        if (!point.TryToAffine(out Fp2 x, out Fp2 y)) return;
        x.C0.Write(output.Slice(16, 48));
        x.C1.Write(output.Slice(80, 48));
        y.C0.Write(output.Slice(144, 48));
        y.C1.Write(output.Slice(208, 48));
    }

    /// <summary>ψ on Jacobian coordinates: conjugation is a field automorphism, so it commutes with the Z scaling.</summary>
    public static JacobianPoint<Fp2> Psi(in JacobianPoint<Fp2> p) =>
        new(Fp2.Conjugate(p.X) * PsiX, Fp2.Conjugate(p.Y) * PsiY, Fp2.Conjugate(p.Z));

    /// <summary>[x]P for the (negative) BLS parameter x.</summary>
    public static JacobianPoint<Fp2> MultiplyByX(in JacobianPoint<Fp2> p) =>
        JacobianPoint<Fp2>.Negate(JacobianPoint<Fp2>.Multiply(p, AbsX));

    /// <summary>
    /// Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly curves" (2021):
    /// a twist point lies in G2 iff ψ(P) = [x]P. Costs a 64-bit multiplication instead of a 255-bit one.
    /// </summary>
    public static bool IsInSubgroup(in JacobianPoint<Fp2> p) => JacobianPoint<Fp2>.Equal(Psi(p), MultiplyByX(p));

    /// <summary>
    /// RFC 9380 appendix G.3 clear_cofactor for BLS12-381 G2 (Budroni–Pintore): [x^2 - x - 1]P + [x - 1]ψ(P) +
    /// ψ^2(2P), which equals multiplication by the RFC's h_eff.
    /// </summary>
    public static JacobianPoint<Fp2> ClearCofactor(in JacobianPoint<Fp2> p)
    {
        JacobianPoint<Fp2> t1 = MultiplyByX(p);
        JacobianPoint<Fp2> t2 = Psi(p);
        JacobianPoint<Fp2> t3 = Psi(Psi(JacobianPoint<Fp2>.Double(p)));
        t3 = JacobianPoint<Fp2>.Add(t3, JacobianPoint<Fp2>.Negate(t2));
        t2 = JacobianPoint<Fp2>.Add(t1, t2);
        t2 = MultiplyByX(t2);
        t3 = JacobianPoint<Fp2>.Add(t3, t2);
        t3 = JacobianPoint<Fp2>.Add(t3, JacobianPoint<Fp2>.Negate(t1));
        return JacobianPoint<Fp2>.Add(t3, JacobianPoint<Fp2>.Negate(p));
    }

    /// <summary>
    /// Decodes a ZCash-format compressed G2 point (96 bytes: x.c1 with the flags, then x.c0). Used for the KZG
    /// trusted-setup constant; checks curve and subgroup membership.
    /// </summary>
    public static bool TryDecompress(ReadOnlySpan<byte> input, out JacobianPoint<Fp2> point)
    {
        point = JacobianPoint<Fp2>.Infinity;
        byte flags = input[0];
        if ((flags & 0x80) == 0) return false;
        bool infinity = (flags & 0x40) != 0, largest = (flags & 0x20) != 0;
        Span<byte> bytes = stackalloc byte[96];
        input[..96].CopyTo(bytes);
        bytes[0] &= 0x1F;
        if (infinity) return !largest && bytes.IndexOfAnyExcept((byte)0) < 0;
        if (!Fp.TryRead(bytes[..48], out Fp c1) || !Fp.TryRead(bytes[48..], out Fp c0)) return false;
        var x = new Fp2(c0, c1);
        if (!Fp2.TrySqrt(Fp2.Square(x) * x + B, out Fp2 y)) return false;
        if (y.IsLexicographicallyLargest != largest) y = -y;
        point = JacobianPoint<Fp2>.FromAffine(x, y);
        return IsInSubgroup(point);
    }
}
