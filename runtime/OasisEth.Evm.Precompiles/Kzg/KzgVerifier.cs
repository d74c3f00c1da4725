using OasisEth.Evm.Precompiles.Bls12381;

namespace OasisEth.Evm.Precompiles.Kzg;

/// <summary>
/// KZG opening check for EIP-4844 (consensus-specs verify_kzg_proof_impl). The spec checks
/// e(C - [y]G1, -G2) · e(π, [τ]G2 - [z]G2) = 1; by bilinearity that equals
/// e(C - [y]G1 + [z]π, -G2) · e(π, [τ]G2) = 1, which trades the G2 multiplication by z for a cheaper G1 one.
/// </summary>
internal static class KzgVerifier
{
    /// <summary>
    /// [τ]G2 from the Ethereum KZG ceremony: the second G2 point (g2_monomial[1]) of c-kzg-4844's
    /// src/trusted_setup.txt (line 4100; checked at commit b7e4098813e02c866d8def4e88524be8a6bedc7f), which is also
    /// consensus-specs presets/mainnet/trusted_setups/trusted_setup_4096.json g2_monomial[1]. Compressed (ZCash format).
    /// </summary>
    internal const string TauG2Compressed =
        "b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72" +
        "185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2";

    /// <summary>Both G2 points of the check are fixed, so their Miller-loop lines are computed once.</summary>
    private static readonly Pairing.FixedLines s_tauLines, s_negG2Lines;

    static KzgVerifier()
    {
        if (!G2.TryDecompress(Convert.FromHexString(TauG2Compressed), out JacobianPoint<Fp2> tau) ||
            !tau.TryToAffine(out Fp2 tauX, out Fp2 tauY))
            throw new InvalidOperationException("the KZG trusted-setup point does not decode");
        s_tauLines = new Pairing.FixedLines(tauX, tauY);
        G2.Generator.TryToAffine(out Fp2 gx, out Fp2 gy);
        s_negG2Lines = new Pairing.FixedLines(gx, -gy);
    }

    /// <summary>Whether π proves that the polynomial committed to by C evaluates to y at z (z, y: 32-byte big-endian, below r).</summary>
    public static bool VerifyProof(in JacobianPoint<Fp> commitment, ReadOnlySpan<byte> z, ReadOnlySpan<byte> y, in JacobianPoint<Fp> proof)
    {
        // C - [y]G1 + [z]π as one three-point MSM (shared doublings): -[y]G1 = [r - y]G1 since G1 has order r.
        Span<Fp> xs = stackalloc Fp[3];
        Span<Fp> ys = stackalloc Fp[3];
        Span<ulong> scalars = stackalloc ulong[3 * 4];
        scalars.Clear();
        int n = 0;
        if (commitment.TryToAffine(out xs[n], out ys[n])) scalars[4 * n++] = 1;
        Span<ulong> yLimbs = scalars.Slice(4 * n, 4);
        MultiScalarMultiplication<Fp>.ReadScalar(y, yLimbs);
        if (SubtractFromOrder(yLimbs) && G1.Generator.TryToAffine(out xs[n], out ys[n])) n++;
        else yLimbs.Clear();
        Span<ulong> zLimbs = scalars.Slice(4 * n, 4);
        MultiScalarMultiplication<Fp>.ReadScalar(z, zLimbs);
        if ((zLimbs[0] | zLimbs[1] | zLimbs[2] | zLimbs[3]) != 0 && proof.TryToAffine(out xs[n], out ys[n])) n++;
        else zLimbs.Clear();
        JacobianPoint<Fp> lhs = MultiScalarMultiplication<Fp>.Compute(xs[..n], ys[..n], scalars[..(4 * n)]);

        Span<Pairing.FixedPairInput> pairs = [default, default];
        int used = 0;
        if (lhs.TryToAffine(out Fp lx, out Fp ly)) pairs[used++] = new Pairing.FixedPairInput(lx, ly, s_negG2Lines);
        if (proof.TryToAffine(out Fp px, out Fp py)) pairs[used++] = new Pairing.FixedPairInput(px, py, s_tauLines);
        return Pairing.ProductIsOne(pairs[..used]);
    }

    /// <summary>k ← r - k for 0 &lt; k &lt; r (little-endian limbs); false when k is zero (nothing to subtract).</summary>
    private static bool SubtractFromOrder(Span<ulong> k)
    {
        if ((k[0] | k[1] | k[2] | k[3]) == 0) return false;
        ReadOnlySpan<ulong> r = G1.Order;
        ulong borrow = 0;
        for (int i = 0; i < 4; i++)
        {
            ulong d = r[i] - k[i];
            ulong b1 = r[i] < k[i] ? 1UL : 0UL;
            ulong d2 = d - borrow;
            borrow = b1 | (d < borrow ? 1UL : 0UL);
            k[i] = d2;
        }
        return true;
    }
}
