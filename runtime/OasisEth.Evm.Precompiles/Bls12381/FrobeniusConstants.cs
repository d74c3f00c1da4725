namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// γ(n, k) = ξ^(k (p^n - 1) / 6) for k = 0..5: (c·w^k)^(p^n) = c^(p^n)·w^k·γ(n, k). Computed once at start-up from
/// the definition (one Fp2 exponentiation) rather than pasted as opaque limbs; the ψ endomorphism of G2 uses the
/// same numbers.
/// </summary>
internal static class FrobeniusConstants
{
    /// <summary>(p - 1) / 6, little-endian limbs.</summary>
    private static ReadOnlySpan<ulong> PMinus1Over6 =>
    [
        0x49AA7FFFFFFFF1C7, 0x051CAAAA72E35555, 0xE688231AD3C82906, 0xE613E1EB7DEB831F, 0x0C849BF3B5E1F223, 0x045582FC5EEAA66F,
    ];

    private static readonly Fp2[] s_gamma1 = BuildGamma1();
    private static readonly Fp2[] s_gamma2 = BuildGamma2(s_gamma1);

    public static ReadOnlySpan<Fp2> Gamma1 => s_gamma1;
    public static ReadOnlySpan<Fp2> Gamma2 => s_gamma2;

    private static Fp2[] BuildGamma1()
    {
        var xi = new Fp2(Fp.One, Fp.One);
        Fp2 g = Fp2.Pow(xi, PMinus1Over6);
        var result = new Fp2[6];
        result[0] = Fp2.One;
        for (int k = 1; k < 6; k++) result[k] = result[k - 1] * g;
        return result;
    }

    /// <summary>γ(2, k) = γ(1, k)^(p + 1) = conj(γ(1, k))·γ(1, k).</summary>
    private static Fp2[] BuildGamma2(Fp2[] gamma1)
    {
        var result = new Fp2[6];
        for (int k = 0; k < 6; k++) result[k] = Fp2.Conjugate(gamma1[k]) * gamma1[k];
        return result;
    }
}
