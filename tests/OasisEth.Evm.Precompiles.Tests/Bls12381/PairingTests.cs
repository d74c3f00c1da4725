using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>Bilinearity and non-degeneracy, through the product-of-pairings check the precompiles use.</summary>
public class PairingTests
{
    private static Pairing.PairInput Pair(in JacobianPoint<Fp> p, in JacobianPoint<Fp2> q)
    {
        Assert.That(p.TryToAffine(out Fp px, out Fp py) & q.TryToAffine(out Fp2 qx, out Fp2 qy), Is.True);
        return new Pairing.PairInput(px, py, qx, qy);
    }

    [Test]
    public void PairingIsBilinear()
    {
        const long a = 123456789, b = 987654321;
        JacobianPoint<Fp> aP = CurveTests.G1Mul(a), abPNeg = JacobianPoint<Fp>.Negate(CurveTests.G1Mul((System.Numerics.BigInteger)a * b));
        JacobianPoint<Fp2> bQ = CurveTests.G2Mul(b);
        // e(aP, bQ) · e(-abP, Q) = 1
        Assert.That(Pairing.ProductIsOne([Pair(aP, bQ), Pair(abPNeg, G2.Generator)]), Is.True);
        // e(aP, bQ) · e(-P, abQ) = 1
        Assert.That(Pairing.ProductIsOne([Pair(aP, bQ), Pair(JacobianPoint<Fp>.Negate(G1.Generator), CurveTests.G2Mul((System.Numerics.BigInteger)a * b))]), Is.True);
        // Off by one in the exponent: not 1.
        Assert.That(Pairing.ProductIsOne([Pair(aP, bQ), Pair(JacobianPoint<Fp>.Negate(CurveTests.G1Mul((System.Numerics.BigInteger)a * b + 1)), G2.Generator)]), Is.False);
    }

    [Test]
    public void PairingIsNonDegenerateAndHasOrderR()
    {
        Assert.That(Pairing.ProductIsOne([Pair(G1.Generator, G2.Generator)]), Is.False);
        Fp12 e = Pairing.FinalExponentiation(Pairing.MillerLoop([Pair(G1.Generator, G2.Generator)]));
        Fp12 acc = Fp12.One;
        // e^r = 1: square-and-multiply over the bits of r.
        System.Numerics.BigInteger r = CurveTests.R;
        for (int bit = (int)r.GetBitLength() - 1; bit >= 0; bit--)
        {
            acc = Fp12.Square(acc);
            if (!((r >> bit) & 1).IsZero) acc *= e;
        }
        Assert.That(acc.IsOne, Is.True);
    }

    [Test]
    public void ManyPairsShareOneFinalExponentiation()
    {
        // Σ a_i = 0 over four pairs e(a_i G1, G2).
        long[] a = [5, 11, -3, -13];
        var pairs = new Pairing.PairInput[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            JacobianPoint<Fp> p = CurveTests.G1Mul(Math.Abs(a[i]));
            pairs[i] = Pair(a[i] < 0 ? JacobianPoint<Fp>.Negate(p) : p, G2.Generator);
        }
        Assert.That(Pairing.ProductIsOne(pairs), Is.True);
        pairs[3] = Pair(JacobianPoint<Fp>.Negate(CurveTests.G1Mul(12)), G2.Generator);
        Assert.That(Pairing.ProductIsOne(pairs), Is.False);
    }
}
