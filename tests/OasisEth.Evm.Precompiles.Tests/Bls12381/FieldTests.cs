using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>Fp and the tower against a BigInteger oracle, over boundary values and fixed-seed random ones.</summary>
public class FieldTests
{
    internal static readonly BigInteger P = BigInteger.Parse(
        "01a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
        System.Globalization.NumberStyles.HexNumber);

    internal static Fp ToFp(BigInteger v)
    {
        byte[] be = new byte[48];
        byte[] raw = ((v % P + P) % P).ToByteArray(isUnsigned: true, isBigEndian: true);
        raw.CopyTo(be, 48 - raw.Length);
        Assert.That(Fp.TryRead(be, out Fp f), Is.True);
        return f;
    }

    internal static BigInteger ToBig(in Fp f)
    {
        byte[] be = new byte[48];
        f.Write(be);
        return new BigInteger(be, isUnsigned: true, isBigEndian: true);
    }

    private static IEnumerable<BigInteger> Samples()
    {
        BigInteger[] edges = [0, 1, 2, P - 1, P - 2, (P - 1) / 2, (P + 1) / 2, BigInteger.One << 64, (BigInteger.One << 64) - 1,
            BigInteger.One << 128, BigInteger.One << 192, BigInteger.One << 256, BigInteger.One << 320, (BigInteger.One << 380) + 12345];
        foreach (BigInteger e in edges) yield return e;
        var rng = new Random(2537);
        byte[] buf = new byte[48];
        for (int i = 0; i < 60; i++)
        {
            rng.NextBytes(buf);
            yield return new BigInteger(buf, isUnsigned: true) % P;
        }
    }

    [Test]
    public void FpArithmeticMatchesBigInteger()
    {
        BigInteger[] xs = Samples().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            BigInteger a = xs[i], b = xs[(i * 7 + 3) % xs.Length];
            Fp fa = ToFp(a), fb = ToFp(b);
            Assert.That(ToBig(fa), Is.EqualTo(a % P), "round trip");
            Assert.That(ToBig(fa + fb), Is.EqualTo((a + b) % P), "add");
            Assert.That(ToBig(fa - fb), Is.EqualTo(((a - b) % P + P) % P), "sub");
            Assert.That(ToBig(fa * fb), Is.EqualTo(a * b % P), "mul");
            Assert.That(ToBig(Fp.Square(fa)), Is.EqualTo(a * a % P), "square");
            Assert.That(ToBig(-fa), Is.EqualTo((P - a) % P), "negate");
            if (!a.IsZero) Assert.That(ToBig(Fp.Inverse(fa)), Is.EqualTo(BigInteger.ModPow(a, P - 2, P)), "inverse");
            bool isSquare = a.IsZero || BigInteger.ModPow(a, (P - 1) / 2, P).IsOne;
            Assert.That(Fp.TrySqrt(fa, out Fp root), Is.EqualTo(isSquare), "sqrt exists");
            if (isSquare) Assert.That(ToBig(root) * ToBig(root) % P, Is.EqualTo(a), "sqrt squares back");
            Assert.That(fa.Sgn0, Is.EqualTo(!a.IsEven), "sgn0");
            Assert.That(fa.IsLexicographicallyLargest, Is.EqualTo(a > (P - 1) / 2), "lexicographic");
        }
    }

    [Test]
    public void NonCanonicalEncodingsAreRejected()
    {
        byte[] be = P.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.That(be.Length, Is.EqualTo(48));
        Assert.That(Fp.TryRead(be, out _), Is.False, "p itself");
        be[^1]--;
        Assert.That(Fp.TryRead(be, out _), Is.True, "p - 1");
        byte[] max = Enumerable.Repeat((byte)0xFF, 48).ToArray();
        Assert.That(Fp.TryRead(max, out _), Is.False, "2^384 - 1");
    }

    [Test]
    public void Fp2MultiplicationMatchesSchoolbookAndInverseAndSqrtAreConsistent()
    {
        BigInteger[] xs = Samples().ToArray();
        for (int i = 0; i + 3 < xs.Length; i += 2)
        {
            BigInteger a0 = xs[i], a1 = xs[i + 1], b0 = xs[i + 2], b1 = xs[i + 3];
            var a = new Fp2(ToFp(a0), ToFp(a1));
            var b = new Fp2(ToFp(b0), ToFp(b1));
            Fp2 ab = a * b;
            // (a0 + a1 u)(b0 + b1 u) with u^2 = -1
            Assert.That(ToBig(ab.C0), Is.EqualTo((((a0 * b0 - a1 * b1) % P) + P) % P));
            Assert.That(ToBig(ab.C1), Is.EqualTo((a0 * b1 + a1 * b0) % P));
            Assert.That(Fp2.Square(a).Equals(a * a), Is.True);
            if (!a.IsZero) Assert.That((a * Fp2.Inverse(a)).IsOne, Is.True);
            Fp2 sq = Fp2.Square(a);
            Assert.That(Fp2.TrySqrt(sq, out Fp2 root), Is.True);
            Assert.That(Fp2.Square(root).Equals(sq), Is.True);
            Assert.That(Fp2.IsSquare(sq), Is.True);
        }
    }

    [Test]
    public void NonSquaresInFp2HaveNoRoot()
    {
        // ξ = 1 + u is a non-residue in Fp2 (that is what makes v^3 = ξ irreducible and the twist sextic).
        var xi = new Fp2(Fp.One, Fp.One);
        Assert.That(Fp2.IsSquare(xi), Is.False);
        Assert.That(Fp2.TrySqrt(xi, out _), Is.False);
        Assert.That(Fp2.TrySqrt(xi * Fp2.Square(new Fp2(Fp.FromUlong(7), Fp.FromUlong(11))), out _), Is.False);
    }

    [Test]
    public void Fp12InverseAndFrobeniusAreConsistent()
    {
        Fp12 a = SampleFp12(1), b = SampleFp12(2);
        Assert.That((a * Fp12.Inverse(a)).IsOne, Is.True, "inverse");
        Assert.That(Fp12.Square(a).Equals(a * a), Is.True, "square");
        Assert.That(Fp12.Frobenius(a * b).Equals(Fp12.Frobenius(a) * Fp12.Frobenius(b)), Is.True, "frobenius is multiplicative");
        Assert.That(Fp12.Frobenius2(a).Equals(Fp12.Frobenius(Fp12.Frobenius(a))), Is.True, "frobenius^2");
        Fp12 f = a;
        for (int i = 0; i < 6; i++) f = Fp12.Frobenius(f);
        Assert.That(f.Equals(Fp12.Conjugate(a)), Is.True, "frobenius^6 is conjugation");
        for (int i = 0; i < 6; i++) f = Fp12.Frobenius(f);
        Assert.That(f.Equals(a), Is.True, "frobenius^12 is the identity");
    }

    [Test]
    public void CyclotomicSquareMatchesPlainSquareInTheCyclotomicSubgroup()
    {
        for (int seed = 3; seed < 8; seed++)
        {
            Fp12 f = SampleFp12(seed);
            // The easy part of the final exponentiation maps any element into the cyclotomic subgroup.
            Fp12 t = Fp12.Conjugate(f) * Fp12.Inverse(f);
            Fp12 c = Fp12.Frobenius2(t) * t;
            Assert.That(Fp12.CyclotomicSquare(c).Equals(Fp12.Square(c)), Is.True);
            Assert.That(Fp12.CyclotomicSquare(f).Equals(Fp12.Square(f)), Is.False, "a generic element is not in the subgroup");
        }
    }

    internal static Fp12 SampleFp12(int seed)
    {
        var rng = new Random(seed);
        Fp2 Next()
        {
            byte[] buf = new byte[48];
            rng.NextBytes(buf);
            BigInteger x = new BigInteger(buf, isUnsigned: true) % P;
            rng.NextBytes(buf);
            BigInteger y = new BigInteger(buf, isUnsigned: true) % P;
            return new Fp2(ToFp(x), ToFp(y));
        }
        return new Fp12(new Fp6(Next(), Next(), Next()), new Fp6(Next(), Next(), Next()));
    }
}
