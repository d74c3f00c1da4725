using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bn254;
using static OasisEth.Evm.Precompiles.Tests.Bn254.Bn254Oracle;

namespace OasisEth.Evm.Precompiles.Tests.Bn254;

/// <summary>Group laws of G1 and G2, and the Jacobian code against a plain affine BigInteger implementation.</summary>
public class Bn254CurveTests
{
    private static JacobianPoint<Fp> G1Gen => G1.Generator;

    [Test]
    public void GeneratorsAreOnTheirCurves()
    {
        Assert.That(G1Gen.TryToAffine(out Fp x, out Fp y), Is.True);
        Assert.That(JacobianPoint<Fp>.IsOnCurve(x, y, Bn254Constants.CurveB), Is.True);
        Assert.That(JacobianPoint<Fp2>.IsOnCurve(G2.Generator.X, G2.Generator.Y, Bn254Constants.TwistB), Is.True);
        Assert.That(G2.IsInSubgroup(G2.Generator), Is.True);
        Assert.That(G2.IsInSubgroupByOrder(G2.Generator), Is.True);
    }

    [Test]
    public void FastG2SubgroupCheckAcceptsMultiplesOfTheGenerator()
    {
        var random = new Random(348);
        for (int i = 0; i < 8; i++)
        {
            BigInteger k = i == 0 ? R - 1 : RandomBelow(random, R);
            Assert.That(JacobianPoint<Fp2>.Multiply(G2Generator, Limbs(k)).TryToAffine(out Fp2 x, out Fp2 y), Is.True);
            Assert.That(G2.IsInSubgroup(new G2Affine(x, y)), Is.True, $"k = {k}");
        }
    }

    [Test]
    public void OrderTimesGeneratorIsInfinity()
    {
        ulong[] r = Limbs(R);
        Assert.That(JacobianPoint<Fp>.Multiply(G1Gen, r).IsInfinity, Is.True);
        Assert.That(JacobianPoint<Fp2>.Multiply(G2Generator, r).IsInfinity, Is.True);
        Assert.That(JacobianPoint<Fp>.Multiply(G1Gen, Limbs(R - 1)).IsInfinity, Is.False);
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.Multiply(G1Gen, Limbs(R - 1)), JacobianPoint<Fp>.Negate(G1Gen)), Is.True);
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.Multiply(G1Gen, Limbs(R + 1)), G1Gen), Is.True);
    }

    [Test]
    public void AddingTheNegationGivesInfinity()
    {
        JacobianPoint<Fp> p = JacobianPoint<Fp>.Multiply(G1Gen, Limbs(12345));
        Assert.That(JacobianPoint<Fp>.Add(p, JacobianPoint<Fp>.Negate(p)).IsInfinity, Is.True);
        JacobianPoint<Fp2> q = JacobianPoint<Fp2>.Multiply(G2Generator, Limbs(999));
        Assert.That(JacobianPoint<Fp2>.Add(q, JacobianPoint<Fp2>.Negate(q)).IsInfinity, Is.True);
    }

    [Test]
    public void AddingAPointToItselfDoubles()
    {
        JacobianPoint<Fp> p = JacobianPoint<Fp>.Multiply(G1Gen, Limbs(77));
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.Add(p, p), JacobianPoint<Fp>.Double(p)), Is.True);
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.Add(p, JacobianPoint<Fp>.Infinity), p), Is.True);
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.Add(JacobianPoint<Fp>.Infinity, p), p), Is.True);
        Assert.That(JacobianPoint<Fp>.Double(JacobianPoint<Fp>.Infinity).IsInfinity, Is.True);
    }

    [Test]
    public void ScalarMultiplicationMatchesAffineOracle()
    {
        var random = new Random(196);
        BigInteger[] scalars =
        [
            0, 1, 2, 3, 15, 16, 17, 255, 256, ulong.MaxValue, (BigInteger)ulong.MaxValue + 1, R - 1, R, R + 1,
            (BigInteger.One << 256) - 1, BigInteger.One << 255, RandomBelow(random, BigInteger.One << 256),
            RandomBelow(random, BigInteger.One << 256), RandomBelow(random, R),
        ];
        foreach (BigInteger k in scalars)
        {
            (BigInteger X, BigInteger Y)? expected = AffineMultiply((1, 2), k);
            JacobianPoint<Fp> actual = JacobianPoint<Fp>.Multiply(G1Gen, Limbs(k));
            if (expected is null)
            {
                Assert.That(actual.IsInfinity, Is.True, $"k = {k}");
                continue;
            }
            Assert.That(actual.TryToAffine(out Fp x, out Fp y), Is.True);
            Assert.That((FromFp(x), FromFp(y)), Is.EqualTo(expected.Value), $"k = {k}");
        }
    }

    [Test]
    public void G2SubgroupCheckRejectsTwistPointsOutsideG2()
    {
        var random = new Random(197);
        int found = 0;
        while (found < 3)
        {
            (BigInteger, BigInteger) x = (RandomBelow(random, P), RandomBelow(random, P));
            (BigInteger Re, BigInteger Im) rhs = Mul2(Mul2(x, x), x);
            (BigInteger, BigInteger) b = FromFp2(Bn254Constants.TwistB);
            rhs = (Mod(rhs.Re + b.Item1), Mod(rhs.Im + b.Item2));
            (BigInteger, BigInteger)? y = Sqrt2(rhs);
            if (y is null) continue;
            var point = new G2Affine(ToFp2(x), ToFp2(y.Value));
            Assert.That(JacobianPoint<Fp2>.IsOnCurve(point.X, point.Y, Bn254Constants.TwistB), Is.True);
            Assert.That(G2.IsInSubgroup(point), Is.False);
            Assert.That(G2.IsInSubgroupByOrder(point), Is.False);
            Assert.That(G2.TryRead(G2Bytes(point), out _, out _), Is.False, "decoder rejects it");

            // [r]P is killed by the cofactor instead: on the twist but still outside G2.
            JacobianPoint<Fp2> rP = JacobianPoint<Fp2>.Multiply(JacobianPoint<Fp2>.FromAffine(point.X, point.Y), Limbs(R));
            Assert.That(rP.TryToAffine(out Fp2 rx, out Fp2 ry), Is.True);
            Assert.That(G2.IsInSubgroup(new G2Affine(rx, ry)), Is.False, "[r]P");
            Assert.That(G2.IsInSubgroupByOrder(new G2Affine(rx, ry)), Is.False, "[r]P by order");

            // Clearing the cofactor h = 2p - r (the twist has h·r points) lands in G2: both tests accept it.
            BigInteger cofactor = 2 * P - R;
            JacobianPoint<Fp2> hP = JacobianPoint<Fp2>.Multiply(JacobianPoint<Fp2>.FromAffine(point.X, point.Y), Limbs(cofactor));
            Assert.That(hP.TryToAffine(out Fp2 hx, out Fp2 hy), Is.True);
            Assert.That(G2.IsInSubgroup(new G2Affine(hx, hy)), Is.True, "[h]P");
            Assert.That(G2.IsInSubgroupByOrder(new G2Affine(hx, hy)), Is.True, "[h]P by order");
            found++;
        }
    }

    [Test]
    public void FrobeniusOnG2IsMultiplicationByP()
    {
        JacobianPoint<Fp2> q = JacobianPoint<Fp2>.Multiply(G2Generator, Limbs(31337));
        Assert.That(q.TryToAffine(out Fp2 x, out Fp2 y), Is.True);
        var affine = new G2Affine(x, y);
        G2Affine pi = G2.Frobenius(affine);
        JacobianPoint<Fp2> pq = JacobianPoint<Fp2>.Multiply(q, Limbs(P % R));
        Assert.That(JacobianPoint<Fp2>.Equal(JacobianPoint<Fp2>.FromAffine(pi.X, pi.Y), pq), Is.True);
        G2Affine negPi2 = G2.NegatedFrobeniusSquared(affine);
        JacobianPoint<Fp2> p2q = JacobianPoint<Fp2>.Multiply(q, Limbs(P * P % R));
        Assert.That(JacobianPoint<Fp2>.Equal(JacobianPoint<Fp2>.FromAffine(negPi2.X, negPi2.Y), JacobianPoint<Fp2>.Negate(p2q)), Is.True);
    }

    /// <summary>Double-and-add with affine formulas and modular inverses: slow, obviously right.</summary>
    private static (BigInteger, BigInteger)? AffineMultiply((BigInteger, BigInteger) point, BigInteger k)
    {
        (BigInteger, BigInteger)? result = null;
        (BigInteger, BigInteger)? addend = point;
        while (k > 0)
        {
            if (!k.IsEven) result = AffineAdd(result, addend);
            addend = AffineAdd(addend, addend);
            k >>= 1;
        }
        return result;
    }

    private static (BigInteger, BigInteger)? AffineAdd((BigInteger X, BigInteger Y)? a, (BigInteger X, BigInteger Y)? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        (BigInteger x1, BigInteger y1) = a.Value;
        (BigInteger x2, BigInteger y2) = b.Value;
        BigInteger lambda;
        if (x1 == x2)
        {
            if (Mod(y1 + y2).IsZero) return null;
            lambda = Mod(3 * x1 * x1 * BigInteger.ModPow(2 * y1, P - 2, P));
        }
        else
        {
            lambda = Mod((y2 - y1) * BigInteger.ModPow(Mod(x2 - x1), P - 2, P));
        }
        BigInteger x3 = Mod(lambda * lambda - x1 - x2);
        return (x3, Mod(lambda * (x1 - x3) - y1));
    }
}
