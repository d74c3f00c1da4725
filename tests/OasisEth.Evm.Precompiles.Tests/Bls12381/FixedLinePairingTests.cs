using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>The precomputed-line Miller loop against the generic one (same Fp12 value, not just the same verdict).</summary>
public class FixedLinePairingTests
{
    private static (Fp X, Fp Y) Affine(in JacobianPoint<Fp> p)
    {
        Assert.That(p.TryToAffine(out Fp x, out Fp y), Is.True);
        return (x, y);
    }

    private static (Fp2 X, Fp2 Y) Affine(in JacobianPoint<Fp2> q)
    {
        Assert.That(q.TryToAffine(out Fp2 x, out Fp2 y), Is.True);
        return (x, y);
    }

    [Test]
    public void FixedLineMillerLoopEqualsTheGenericOne()
    {
        var rng = new Random(4844);
        for (int i = 0; i < 4; i++)
        {
            (Fp2 qx, Fp2 qy) = Affine(CurveTests.G2Mul(rng.NextInt64(1, long.MaxValue)));
            (Fp px, Fp py) = Affine(CurveTests.G1Mul(rng.NextInt64(1, long.MaxValue)));
            (Fp2 q2x, Fp2 q2y) = Affine(CurveTests.G2Mul(rng.NextInt64(1, long.MaxValue)));
            (Fp p2x, Fp p2y) = Affine(CurveTests.G1Mul(rng.NextInt64(1, long.MaxValue)));
            var lines = new Pairing.FixedLines(qx, qy);
            var lines2 = new Pairing.FixedLines(q2x, q2y);

            Fp12 generic = Pairing.MillerLoop([new Pairing.PairInput(px, py, qx, qy), new Pairing.PairInput(p2x, p2y, q2x, q2y)]);
            Fp12 fixedLines = Pairing.MillerLoop([new Pairing.FixedPairInput(px, py, lines), new Pairing.FixedPairInput(p2x, p2y, lines2)]);
            Assert.That(fixedLines.Equals(generic), Is.True, $"sample {i}");

            // The normalised lines differ by Fp/Fp2 factors only: equal after the final exponentiation, not before.
            Fp12 normalized = Pairing.MillerLoopNormalized([new Pairing.FixedPairInput(px, py, lines), new Pairing.FixedPairInput(p2x, p2y, lines2)]);
            Assert.That(normalized.Equals(generic), Is.False, $"sample {i}: scaled Miller value");
            Assert.That(Pairing.FinalExponentiation(normalized).Equals(Pairing.FinalExponentiation(generic)), Is.True, $"sample {i}: reduced");
        }
    }

    [Test]
    public void FixedLineProductCheckIsBilinear()
    {
        // e(aP, Q) · e(-P, aQ) = 1 with both G2 points fixed; an off-by-one scalar breaks it.
        const long a = 0x5eed_4844;
        (Fp2 qx, Fp2 qy) = Affine(G2.Generator);
        (Fp2 aqx, Fp2 aqy) = Affine(CurveTests.G2Mul(a));
        var q = new Pairing.FixedLines(qx, qy);
        var aq = new Pairing.FixedLines(aqx, aqy);
        (Fp apx, Fp apy) = Affine(CurveTests.G1Mul(a));
        (Fp npx, Fp npy) = Affine(JacobianPoint<Fp>.Negate(G1.Generator));
        Assert.That(Pairing.ProductIsOne([new Pairing.FixedPairInput(apx, apy, q), new Pairing.FixedPairInput(npx, npy, aq)]), Is.True);
        (Fp bpx, Fp bpy) = Affine(CurveTests.G1Mul(a + 1));
        Assert.That(Pairing.ProductIsOne([new Pairing.FixedPairInput(bpx, bpy, q), new Pairing.FixedPairInput(npx, npy, aq)]), Is.False);
    }
}
