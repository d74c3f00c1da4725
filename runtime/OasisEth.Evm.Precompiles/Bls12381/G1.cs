namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// G1: the order-r subgroup of E(Fp): y^2 = x^3 + 4. Encodings (EIP-2537 padded affine, ZCash compressed),
/// subgroup membership and cofactor clearing. A struct only so it can be a type argument (<see cref="IBls12Group{F}"/>):
/// it has no instances.
/// </summary>
internal readonly struct G1 : IBls12Group<Fp>
{
    public static readonly Fp B = Fp.FromUlong(4);

    public static readonly JacobianPoint<Fp> Generator = JacobianPoint<Fp>.FromAffine(
        Fp.FromHex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
        Fp.FromHex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));

    /// <summary>EIP-2537 encoding: x ‖ y, each a 64-byte padded field element.</summary>
    public const int EncodedLength = 128;

    /// <summary>The ZCash compressed encoding used by EIP-4844 (48 bytes, flags in the top three bits).</summary>
    public const int CompressedLength = 48;

    /// <summary>h_eff = 1 - x = 0xd201000000010001 (RFC 9380 section 8.8.1): clears the G1 cofactor.</summary>
    public const ulong EffectiveCofactor = 0xd201000000010001;

    /// <summary>
    /// Decodes an EIP-2537 G1 point: both coordinates canonical with zero padding, and either all 128 bytes zero
    /// (infinity) or on the curve. No subgroup check (G1ADD does not want one).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> input, out JacobianPoint<Fp> point)
    {
        point = JacobianPoint<Fp>.Infinity;
        if (!FieldEncoding.TryReadFp(input[..64], out Fp x) || !FieldEncoding.TryReadFp(input[64..128], out Fp y)) return false;
        if (x.IsZero && y.IsZero) return true;
        if (!JacobianPoint<Fp>.IsOnCurve(x, y, B)) return false;
        point = JacobianPoint<Fp>.FromAffine(x, y);
        return true;
    }

    static int IBls12Group<Fp>.EncodedLength => EncodedLength;
    static int IBls12Group<Fp>.FieldEncodedLength => FieldEncoding.FpLength;
    static bool IBls12Group<Fp>.TryReadField(ReadOnlySpan<byte> input, out Fp value) => FieldEncoding.TryReadFp(input, out value);
    static JacobianPoint<Fp> IBls12Group<Fp>.MapToCurve(in Fp u) => MapToG1.Map(u);

    /// <summary>Writes the EIP-2537 encoding (all zeros for infinity) into 128 bytes.</summary>
    public static void Encode(in JacobianPoint<Fp> point, Span<byte> output)
    {
        output[..EncodedLength].Clear();
        if (!point.TryToAffine(out Fp x, out Fp y)) return;
        x.Write(output.Slice(16, 48));
        y.Write(output.Slice(80, 48));
    }

    /// <summary>Group order r, little-endian limbs.</summary>
    public static ReadOnlySpan<ulong> Order => [0xFFFFFFFF00000001, 0x53BDA402FFFE5BFE, 0x3339D80809A1D805, 0x73EDA753299D7D48];

    /// <summary>|x| for the BLS parameter x = -0xd201000000010000.</summary>
    private const ulong AbsX = 0xd201000000010000;

    /// <summary>
    /// β, the cube root of unity for which σ(x, y) = (β·x, y) acts on G1 as multiplication by -x^2 (the other root
    /// gives x^2 - 1). Chosen at start-up by testing both roots (-1 ± sqrt(-3))/2 on the generator.
    /// </summary>
    private static readonly Fp Beta = ChooseBeta();

    /// <summary>β^2: (x, y) ↦ (β^2·x, y) acts on G1 as multiplication by (-x^2)^2 = x^2 - 1 mod r.</summary>
    private static readonly Fp BetaSquared = Beta * Beta;

    /// <summary>λ = x^2 - 1 (128 bits), the eigenvalue of <see cref="EndomorphismLambda"/> on G1.</summary>
    public static ReadOnlySpan<ulong> Lambda => [0x00000000FFFFFFFF, 0xAC45A4010001A402];

    /// <summary>[λ]P for P in G1, on Jacobian coordinates, for the price of one field multiplication.</summary>
    public static JacobianPoint<Fp> EndomorphismLambda(in JacobianPoint<Fp> p) => new(p.X * BetaSquared, p.Y, p.Z);

    /// <summary>
    /// Scott, "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly curves" (ePrint 2021/1130,
    /// proof updated in 2022/352): a curve point lies in G1 iff σ(P) = [-x^2]P. Two 64-bit multiplications by the
    /// sparse |x| instead of one 255-bit multiplication by r.
    /// </summary>
    public static bool IsInSubgroup(in JacobianPoint<Fp> p) =>
        JacobianPoint<Fp>.Equal(Sigma(p), MinusXSquared(p));

    /// <summary>The plain definition, [r]P = O (tests compare the fast check with it).</summary>
    internal static bool IsInSubgroupByOrder(in JacobianPoint<Fp> p) => JacobianPoint<Fp>.Multiply(p, Order).IsInfinity;

    /// <summary>σ on Jacobian coordinates: x = X/Z^2 scales by β exactly when X does.</summary>
    private static JacobianPoint<Fp> Sigma(in JacobianPoint<Fp> p) => new(p.X * Beta, p.Y, p.Z);

    private static JacobianPoint<Fp> MinusXSquared(in JacobianPoint<Fp> p) =>
        JacobianPoint<Fp>.Negate(JacobianPoint<Fp>.Multiply(JacobianPoint<Fp>.Multiply(p, AbsX), AbsX));

    private static Fp ChooseBeta()
    {
        if (!Fp.TrySqrt(-Fp.FromUlong(3), out Fp s)) throw new InvalidOperationException("-3 is a square mod p");
        Fp half = Fp.Inverse(Fp.FromUlong(2));
        Fp first = (s - Fp.One) * half;
        JacobianPoint<Fp> g = Generator;
        JacobianPoint<Fp> target = MinusXSquared(g);
        return JacobianPoint<Fp>.Equal(new JacobianPoint<Fp>(g.X * first, g.Y, g.Z), target) ? first : (-s - Fp.One) * half;
    }

    public static JacobianPoint<Fp> ClearCofactor(in JacobianPoint<Fp> p) => JacobianPoint<Fp>.Multiply(p, EffectiveCofactor);

    /// <summary>
    /// Decodes a ZCash-format compressed G1 point (EIP-4844 commitments and proofs) and checks curve and subgroup
    /// membership. Flags in byte 0: 0x80 compressed (must be set), 0x40 infinity (then every other bit is zero),
    /// 0x20 "y is the lexicographically largest root".
    /// </summary>
    public static bool TryDecompress(ReadOnlySpan<byte> input, out JacobianPoint<Fp> point)
    {
        point = JacobianPoint<Fp>.Infinity;
        byte flags = input[0];
        if ((flags & 0x80) == 0) return false;
        bool infinity = (flags & 0x40) != 0, largest = (flags & 0x20) != 0;
        Span<byte> xBytes = stackalloc byte[CompressedLength];
        input[..CompressedLength].CopyTo(xBytes);
        xBytes[0] &= 0x1F;
        if (infinity) return !largest && xBytes.IndexOfAnyExcept((byte)0) < 0;
        if (!Fp.TryRead(xBytes, out Fp x)) return false;
        if (!Fp.TrySqrt(Fp.Square(x) * x + B, out Fp y)) return false;
        if (y.IsLexicographicallyLargest != largest) y = -y;
        point = JacobianPoint<Fp>.FromAffine(x, y);
        return IsInSubgroup(point);
    }
}
