namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// RFC 9380 map_to_curve for BLS12-381 G2 (suite BLS12381G2_XMD:SHA-256_SSWU_RO_, section 8.8.2) followed by
/// clear_cofactor, as EIP-2537 MAP_FP2_TO_G2 specifies: simplified SWU onto the 3-isogenous curve E2'
/// (A' = 240·I, B' = 1012·(1 + I), Z = -(2 + I)), the 3-isogeny to E2, then <see cref="G2.ClearCofactor"/>.
/// The isogeny constants are RFC 9380 appendix E.3, transcribed from the draft repository
/// (cfrg/draft-irtf-cfrg-hash-to-curve, draft-irtf-cfrg-hash-to-curve.md, "3-isogeny map for G2").
/// </summary>
internal static class MapToG2
{
    private static readonly SimplifiedSwu<Fp2>.Parameters Swu = new(
        new Fp2(Fp.Zero, Fp.FromUlong(240)),
        new Fp2(Fp.FromUlong(1012), Fp.FromUlong(1012)),
        new Fp2(-Fp.FromUlong(2), -Fp.One));

    public static JacobianPoint<Fp2> Map(in Fp2 u)
    {
        SimplifiedSwu<Fp2>.Map(u, Swu, out Fp2 x, out Fp2 y);
        return G2.ClearCofactor(Isogeny(x, y));
    }

    /// <summary>The 3-isogeny E2' → E2 (<see cref="IsogenyMap{F}"/>).</summary>
    internal static JacobianPoint<Fp2> Isogeny(in Fp2 x, in Fp2 y) => IsogenyMap<Fp2>.Apply(XNum, XDen, YNum, YDen, x, y);

    private static Fp2[] Parse((string C0, string C1)[] hex)
    {
        var result = new Fp2[hex.Length];
        for (int i = 0; i < hex.Length; i++) result[i] = new Fp2(Fp.FromHex(hex[i].C0), Fp.FromHex(hex[i].C1));
        return result;
    }

    private static readonly Fp2[] XNum = Parse(
    [
        ("5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6", "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97d6"),
        ("0", "11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71a"),
        ("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71e", "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38d"),
        ("171d6541fa38ccfaed6dea691f5fb614cb14b4e7f4e810aa22d6108f142b85757098e38d0f671c7188e2aaaaaaaa5ed1", "0"),
    ]);

    private static readonly Fp2[] XDen = Parse(
    [
        ("0", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa63"),
        ("c", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa9f"),
    ]);

    private static readonly Fp2[] YNum = Parse(
    [
        ("1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706", "1530477c7ab4113b59a4c18b076d11930f7da5d4a07f649bf54439d87d27e500fc8c25ebf8c92f6812cfc71c71c6d706"),
        ("0", "5c759507e8e333ebb5b7a9a47d7ed8532c52d39fd3a042a88b58423c50ae15d5c2638e343d9c71c6238aaaaaaaa97be"),
        ("11560bf17baa99bc32126fced787c88f984f87adf7ae0c7f9a208c6b4f20a4181472aaa9cb8d555526a9ffffffffc71c", "8ab05f8bdd54cde190937e76bc3e447cc27c3d6fbd7063fcd104635a790520c0a395554e5c6aaaa9354ffffffffe38f"),
        ("124c9ad43b6cf79bfbf7043de3811ad0761b0f37a1e26286b0e977c69aa274524e79097a56dc4bd9e1b371c71c718b10", "0"),
    ]);

    private static readonly Fp2[] YDen = Parse(
    [
        ("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa8fb"),
        ("0", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffa9d3"),
        ("12", "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaa99"),
    ]);
}
