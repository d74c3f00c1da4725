namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// Curve and pairing constants, precomputed (Montgomery form where they are field elements) so that nothing is
/// derived at run time. Bn254ConstantsTests recomputes each one from its definition with BigInteger.
/// </summary>
internal static class Bn254Constants
{
    /// <summary>The BN parameter u: p = 36u^4 + 36u^3 + 24u^2 + 6u + 1, r = 36u^4 + 36u^3 + 18u^2 + 6u + 1.</summary>
    public const ulong U = 4965661367192848881;

    /// <summary>The group order r (G1, G2, GT), little-endian limbs.</summary>
    public static ReadOnlySpan<ulong> GroupOrder => [0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029];

    /// <summary>
    /// 6u + 2 in non-adjacent form, most significant digit first: the optimal ate Miller loop length. NAF has 22
    /// non-zero digits against 37 set bits in binary, so 15 fewer line additions.
    /// </summary>
    public static ReadOnlySpan<sbyte> AteLoopNaf =>
    [
        1, 0, -1, 0, 1, 0, 0, 0, -1, 0, -1, 0, 0, 0, -1, 0, 1, 0, -1, 0, 0, -1, 0, 0, 0, 0, 0, 1, 0, 0, -1, 0, 1,
        0, 0, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, 0, -1, 0, -1, 0, 0, 1, 0, 0, 0, -1, 0, 0, -1, 0, 1, 0, 1, 0, 0, 0,
    ];

    /// <summary>The curve constant b = 3 of G1: y^2 = x^3 + 3.</summary>
    public static readonly Fp CurveB = Fp.FromUlong(3);

    /// <summary>
    /// The D-type twist constant b' = 3/ξ of G2: y^2 = x^3 + b' over F_p2, which the untwisting map
    /// (x, y) → (x·w^2, y·w^3) carries onto y^2 = x^3 + 3 over F_p12.
    /// = 19485874751759354771024239261021720505790618469301721065564631296452457478373
    ///   + 266929791119991161246907387137283842545076965332900288569378510910307636690·i
    /// </summary>
    public static readonly Fp2 TwistB = new(
        new Fp(0x3bf938e377b802a8, 0x020b1b273633535d, 0x26b7edf049755260, 0x2514c6324384a86d),
        new Fp(0x38e7ecccd1dcff67, 0x65f0b37d93ce0d3e, 0xd749d0dd22ac00aa, 0x0141b9ce4a688d4d));

    /// <summary>γ_{1,k} = ξ^(k(p-1)/6), k = 0..5.</summary>
    public static readonly Fp2[] Frobenius1 =
    [
        Fp2.One,
        new(new(0xaf9ba69633144907, 0xca6b1d7387afb78a, 0x11bded5ef08a2087, 0x02f34d751a1f3a7c),
            new(0xa222ae234c492d72, 0xd00f02a4565de15b, 0xdc2ff3a253dfc926, 0x10a75716b3899551)),
        new(new(0xb5773b104563ab30, 0x347f91c8a9aa6454, 0x7a007127242e0991, 0x1956bcd8118214ec),
            new(0x6e849f1ea0aa4757, 0xaa1c7b6d89f89141, 0xb6e713cdfae0ca3a, 0x26694fbb4e82ebc3)),
        new(new(0xe4bbdd0c2936b629, 0xbb30f162e133bacb, 0x31a9d1b6f9645366, 0x253570bea500f8dd),
            new(0xa1d77ce45ffe77c7, 0x07affd117826d1db, 0x6d16bd27bb7edc6b, 0x2c87200285defecc)),
        new(new(0x7361d77f843abe92, 0xa5bb2bd3273411fb, 0x9c941f314b3e2399, 0x15df9cddbb9fd3ec),
            new(0x5dddfd154bd8c949, 0x62cb29a5a4445b60, 0x37bc870a0c7dd2b9, 0x24830a9d3171f0fd)),
        new(new(0xc970692f41690fe7, 0xe240342127694b0b, 0x32bee66b83c459e8, 0x12aabced0ab08841),
            new(0x0d485d2340aebfa9, 0x05193418ab2fcc57, 0xd3b0a40b8a4910f5, 0x2f21ebb535d2925a)),
    ];

    /// <summary>γ_{2,k} = ξ^(k(p^2-1)/6), k = 0..5; all lie in F_p (γ_{2,3} = -1).</summary>
    public static readonly Fp2[] Frobenius2 =
    [
        Fp2.One,
        new(new(0xca8d800500fa1bf2, 0xf0c5d61468b39769, 0x0e201271ad0d4418, 0x04290f65bad856e6), Fp.Zero),
        new(new(0x3350c88e13e80b9c, 0x7dce557cdb5e56b9, 0x6001b4b8b615564a, 0x2682e617020217e0), Fp.Zero),
        new(new(0x68c3488912edefaa, 0x8d087f6872aabf4f, 0x51e1a24709081231, 0x2259d6b14729c0fa), Fp.Zero),
        new(new(0x71930c11d782e155, 0xa6bb947cffbe3323, 0xaa303344d4741444, 0x2c3b3f0d26594943), Fp.Zero),
        new(new(0x08cfc388c494f1ab, 0x19b315148d1373d4, 0x584e90fdcb6c0213, 0x09e1685bdf2f8849), Fp.Zero),
    ];

    /// <summary>γ_{3,k} = ξ^(k(p^3-1)/6), k = 0..5.</summary>
    public static readonly Fp2[] Frobenius3 =
    [
        Fp2.One,
        new(new(0x365316184e46d97d, 0x0af7129ed4c96d9f, 0x659da72fca1009b5, 0x08116d8983a20d23),
            new(0xb1df4af7c39c1939, 0x3d9f02878a73bf7f, 0x9b2220928caf0ae0, 0x26684515eff054a6)),
        new(new(0xc9af22f716ad6bad, 0xb311782a4aa662b2, 0x19eeaf64e248c7f4, 0x20273e77e3439f82),
            new(0xacc02860f7ce93ac, 0x3933d5817ba76b4c, 0x69e6188b446c8467, 0x0a46036d4417cc55)),
        new(new(0x5764af0aaf46471e, 0xdc50792e873e0fc1, 0x86a673ff881d04f6, 0x0b2eddb43c30a74c),
            new(0x9a490f32787e8580, 0x8fd16d7ff04af8b1, 0x4b39888ec6027bf2, 0x03dd2e705b52a15d)),
        new(new(0x448a93a57b6762df, 0xbfd62df528fdeadf, 0xd858f5d00e9bd47a, 0x06b03d4d3476ec58),
            new(0x2b19daf4bcc936d1, 0xa1a54e7a56f4299f, 0xb533eee05adeaef1, 0x170c812b84dda0b2)),
        new(new(0xe0bc4b2275cf559f, 0xc238b945c154e60f, 0x803982a5929a7d5e, 0x15ce052df7e4a37e),
            new(0x2d28efbdbf3799a7, 0x9b097e3c1ad60773, 0x982d4113af4a535b, 0x24e18991e3056063)),
    ];
}
