using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bn254;
using static OasisEth.Evm.Precompiles.Tests.Bn254.Bn254Oracle;

namespace OasisEth.Evm.Precompiles.Tests.Bn254;

/// <summary>The Montgomery field tower against BigInteger, over boundary values and fixed-seed random ones.</summary>
public class Bn254FieldTests
{
    private static IEnumerable<BigInteger> Interesting()
    {
        BigInteger[] fixedValues =
        [
            0, 1, 2, 3, P - 1, P - 2, (P - 1) / 2, (P + 1) / 2,
            BigInteger.One << 64, (BigInteger.One << 64) - 1, BigInteger.One << 128, (BigInteger.One << 128) - 1,
            BigInteger.One << 192, (BigInteger.One << 192) + 1, (BigInteger.One << 253), P - (BigInteger.One << 64),
        ];
        foreach (BigInteger v in fixedValues) yield return v;
        var random = new Random(254);
        for (int i = 0; i < 40; i++) yield return RandomBelow(random, P);
    }

    [Test]
    public void FpArithmeticMatchesBigInteger()
    {
        BigInteger[] values = Interesting().ToArray();
        foreach (BigInteger a in values)
        {
            Fp fa = ToFp(a);
            Assert.That(FromFp(fa), Is.EqualTo(a), "round trip");
            Assert.That(FromFp(Fp.Negate(fa)), Is.EqualTo(Mod(-a)), "negate");
            Assert.That(FromFp(Fp.Square(fa)), Is.EqualTo(Mod(a * a)), "square");
            Assert.That(FromFp(Fp.Double(fa)), Is.EqualTo(Mod(2 * a)), "double");
            if (!a.IsZero)
                Assert.That(FromFp(Fp.Inverse(fa)), Is.EqualTo(BigInteger.ModPow(a, P - 2, P)), $"inverse of {a}");
            foreach (BigInteger b in values)
            {
                Fp fb = ToFp(b);
                Assert.That(FromFp(Fp.Add(fa, fb)), Is.EqualTo(Mod(a + b)));
                Assert.That(FromFp(Fp.Subtract(fa, fb)), Is.EqualTo(Mod(a - b)));
                Assert.That(FromFp(Fp.Multiply(fa, fb)), Is.EqualTo(Mod(a * b)));
                Assert.That(Fp.AreEqual(fa, fb), Is.EqualTo(a == b));
            }
        }
    }

    [Test]
    public void InverseHandlesRepresentationsWithLongRunsOfTrailingZeros()
    {
        // The inverse works on the raw Montgomery limbs and strips up to 63 factors of two per step; whole
        // zero limbs need several steps.
        Fp[] values =
        [
            new(0, 0, 0, 1), new(0, 0, 1, 0), new(0, 1, 0, 0), new(1UL << 63, 0, 0, 0), new(0, 1UL << 63, 0, 0),
            new(0, 0, 1UL << 63, 0), new(0, 0, 0, 1UL << 61), new(2, 0, 0, 0), new(1, 0, 0, 0), new(Fp.P0 - 1, Fp.P1, Fp.P2, Fp.P3),
        ];
        foreach (Fp x in values)
            Assert.That(Fp.AreEqual(Fp.Multiply(x, Fp.Inverse(x)), Fp.One), Is.True, x.ToString());
    }

    [Test]
    public void InverseOfZeroIsZero() => Assert.That(Fp.Inverse(Fp.Zero).IsZero, Is.True);

    [Test]
    public void TryReadRejectsValuesAtOrAboveModulus()
    {
        Assert.That(Fp.TryRead(ToBytes32(P - 1), out _), Is.True);
        Assert.That(Fp.TryRead(ToBytes32(P), out _), Is.False);
        Assert.That(Fp.TryRead(ToBytes32(P + 1), out _), Is.False);
        Assert.That(Fp.TryRead(ToBytes32((BigInteger.One << 256) - 1), out _), Is.False);
        Assert.That(Fp.TryRead(ToBytes32(BigInteger.One << 254), out _), Is.False);
    }

    [Test]
    public void Fp2ArithmeticMatchesBigInteger()
    {
        var random = new Random(2);
        for (int i = 0; i < 50; i++)
        {
            (BigInteger, BigInteger) a = (RandomBelow(random, P), RandomBelow(random, P));
            (BigInteger, BigInteger) b = i == 0 ? (P - 1, P - 1) : (RandomBelow(random, P), RandomBelow(random, P));
            Fp2 fa = ToFp2(a), fb = ToFp2(b);
            Assert.That(FromFp2(Fp2.Multiply(fa, fb)), Is.EqualTo(Mul2(a, b)));
            Assert.That(FromFp2(Fp2.Square(fa)), Is.EqualTo(Mul2(a, a)));
            Assert.That(FromFp2(Fp2.MultiplyByXi(fa)), Is.EqualTo(Mul2(a, (9, 1))));
            Assert.That(FromFp2(Fp2.Inverse(fa)), Is.EqualTo(Pow2(a, P * P - 2)));
            Assert.That(FromFp2(Fp2.Conjugate(fa)), Is.EqualTo(Pow2(a, P)), "conjugation is the Frobenius");
        }
    }

    [Test]
    public void Fp6AndFp12InversesAndSquares()
    {
        var random = new Random(6);
        for (int i = 0; i < 10; i++)
        {
            Fp6 a = RandomFp6(random), b = RandomFp6(random);
            Assert.That(Fp6.AreEqual(Fp6.Multiply(a, Fp6.Inverse(a)), Fp6.One), Is.True, "Fp6 inverse");
            Assert.That(Fp6.AreEqual(Fp6.Square(a), Fp6.Multiply(a, a)), Is.True, "Fp6 square");
            Assert.That(Fp6.AreEqual(Fp6.Multiply(a, b), Fp6.Multiply(b, a)), Is.True, "Fp6 commutes");
            Assert.That(Fp6.AreEqual(Fp6.MultiplyBy01(a, b.C0, b.C1), Fp6.Multiply(a, new Fp6(b.C0, b.C1, Fp2.Zero))), Is.True, "sparse Fp6");

            Fp12 x = RandomFp12(random), y = RandomFp12(random);
            Assert.That(Fp12.Multiply(x, Fp12.Inverse(x)).IsOne, Is.True, "Fp12 inverse");
            Assert.That(Fp12.AreEqual(Fp12.Square(x), Fp12.Multiply(x, x)), Is.True, "Fp12 square");
            Assert.That(Fp12.AreEqual(Fp12.Multiply(x, y), Fp12.Multiply(y, x)), Is.True, "Fp12 commutes");
            Fp12 z = RandomFp12(random);
            Assert.That(Fp12.AreEqual(Fp12.Multiply(Fp12.Multiply(x, y), z), Fp12.Multiply(x, Fp12.Multiply(y, z))), Is.True, "Fp12 associates");
        }
    }

    [Test]
    public void WSquaredIsVAndWToTheSixthIsXi()
    {
        var w = new Fp12(Fp6.Zero, Fp6.One);
        var v = new Fp12(new Fp6(Fp2.Zero, Fp2.One, Fp2.Zero), Fp6.Zero);
        Assert.That(Fp12.AreEqual(Fp12.Square(w), v), Is.True);
        Fp12 w6 = Fp12.Multiply(Fp12.Square(Fp12.Square(w)), Fp12.Square(w));
        var xi = new Fp12(new Fp6(ToFp2((9, 1)), Fp2.Zero, Fp2.Zero), Fp6.Zero);
        Assert.That(Fp12.AreEqual(w6, xi), Is.True);
    }

    [Test]
    public void LineMultiplicationMatchesFullMultiplication()
    {
        var random = new Random(34);
        for (int i = 0; i < 10; i++)
        {
            Fp12 f = RandomFp12(random);
            Fp2 a0 = RandomFp2(random), b0 = RandomFp2(random), b1 = RandomFp2(random);
            var line = new Fp12(new Fp6(a0, Fp2.Zero, Fp2.Zero), new Fp6(b0, b1, Fp2.Zero));
            Assert.That(Fp12.AreEqual(Fp12.MultiplyByLine(f, a0, b0, b1), Fp12.Multiply(f, line)), Is.True);
        }
    }

    [Test]
    public void FrobeniusIsThePowerOfP()
    {
        var random = new Random(12);
        Fp12 x = RandomFp12(random);
        Fp12 xp = Pow12(x, P);
        Assert.That(Fp12.AreEqual(Fp12.Frobenius(x, 1), xp), Is.True, "p");
        Fp12 xp2 = Pow12(xp, P);
        Assert.That(Fp12.AreEqual(Fp12.Frobenius(x, 2), xp2), Is.True, "p^2");
        Assert.That(Fp12.AreEqual(Fp12.Frobenius(x, 3), Pow12(xp2, P)), Is.True, "p^3");
        Assert.That(Fp12.AreEqual(Fp12.Conjugate(x), Pow12(x, BigInteger.Pow(P, 6))), Is.True, "p^6 is conjugation");
    }

    [Test]
    public void CyclotomicSquareMatchesSquareInsideTheSubgroupOnly()
    {
        var random = new Random(7);
        Fp12 f = RandomFp12(random);
        // Map into the cyclotomic subgroup with the easy part of the final exponentiation.
        Fp12 t = Fp12.Multiply(Fp12.Conjugate(f), Fp12.Inverse(f));
        t = Fp12.Multiply(Fp12.Frobenius(t, 2), t);
        for (int i = 0; i < 5; i++)
        {
            Assert.That(Fp12.AreEqual(Fp12.CyclotomicSquare(t), Fp12.Square(t)), Is.True);
            t = Fp12.Multiply(t, Fp12.Square(t));
        }
        Assert.That(Fp12.AreEqual(Fp12.CyclotomicSquare(f), Fp12.Square(f)), Is.False, "a random element is not in the subgroup");
    }
}
