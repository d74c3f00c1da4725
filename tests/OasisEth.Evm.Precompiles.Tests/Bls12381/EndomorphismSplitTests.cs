using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>The GLV (G1) and GLS (G2) scalar splits of the MSM against plain multiplication.</summary>
public class EndomorphismSplitTests
{
    private static readonly BigInteger AbsX = 0xd201000000010000;
    private static readonly BigInteger Lambda = AbsX * AbsX - 1;
    private static readonly BigInteger Max256 = (BigInteger.One << 256) - 1;

    /// <summary>Scalars at the split's edges: around r, 2r, λ, λ^2, |x|^k, 2^64/2^128 and 2^256 - 1.</summary>
    private static IEnumerable<BigInteger> EdgeScalars()
    {
        BigInteger r = CurveTests.R;
        BigInteger[] centres = [0, r, 2 * r, Lambda, Lambda * Lambda, AbsX, AbsX * AbsX * AbsX, BigInteger.Pow(AbsX, 4) % (BigInteger.One << 256),
            BigInteger.One << 64, BigInteger.One << 128, BigInteger.One << 192, Max256];
        foreach (BigInteger c in centres)
            for (int d = -2; d <= 2; d++)
            {
                BigInteger v = c + d;
                if (v >= 0 && v <= Max256) yield return v;
            }
    }

    private static ulong[] Limbs4(BigInteger v)
    {
        ulong[] l = CurveTests.Limbs(v);
        ulong[] r = new ulong[4];
        l.AsSpan(0, Math.Min(4, l.Length)).CopyTo(r);
        return r;
    }

    [Test]
    public void EndomorphismsActAsTheirEigenvalues()
    {
        JacobianPoint<Fp> p = CurveTests.G1Mul(987654321);
        Assert.That(JacobianPoint<Fp>.Equal(G1.EndomorphismLambda(p), JacobianPoint<Fp>.Multiply(p, Limbs4(Lambda))), Is.True, "G1: σ' = [x^2 - 1]");
        JacobianPoint<Fp2> q = CurveTests.G2Mul(123456789);
        Assert.That(JacobianPoint<Fp2>.Equal(JacobianPoint<Fp2>.Negate(G2.Psi(q)), JacobianPoint<Fp2>.Multiply(q, G2.AbsX)), Is.True, "G2: -ψ = [|x|]");
    }

    [Test]
    public void DigitsRecomposeToTheScalarModR()
    {
        Span<ulong> d1 = stackalloc ulong[4], d2 = stackalloc ulong[8];
        foreach (BigInteger k in EdgeScalars())
        {
            ulong[] limbs = Limbs4(k);
            MultiScalarMultiplication<Fp>.Decompose(limbs, d1);
            BigInteger k0 = d1[0] + ((BigInteger)d1[1] << 64), k1 = d1[2] + ((BigInteger)d1[3] << 64);
            Assert.That(k0 + k1 * Lambda, Is.EqualTo(k % CurveTests.R), $"G1 {k:X}");
            Assert.That(k0 < Lambda && k1 < (BigInteger.One << 128), Is.True);

            MultiScalarMultiplication<Fp2>.Decompose(limbs, d2);
            BigInteger sum = 0;
            for (int j = 3; j >= 0; j--)
            {
                Assert.That(d2[2 * j] < (ulong)AbsX && d2[2 * j + 1] == 0, Is.True);
                sum = sum * AbsX + d2[2 * j];
            }
            Assert.That(sum, Is.EqualTo(k % CurveTests.R), $"G2 {k:X}");
        }
    }

    [Test]
    public void SplitMsmEqualsPlainMultiplication([Values(1, 2, 5)] int n)
    {
        BigInteger[] edges = EdgeScalars().ToArray();
        var rng = new Random(n * 7919);
        for (int round = 0; round < 6; round++)
        {
            var xs1 = new Fp[n]; var ys1 = new Fp[n];
            var xs2 = new Fp2[n]; var ys2 = new Fp2[n];
            var scalars = new ulong[4 * n];
            JacobianPoint<Fp> expected1 = JacobianPoint<Fp>.Infinity;
            JacobianPoint<Fp2> expected2 = JacobianPoint<Fp2>.Infinity;
            for (int i = 0; i < n; i++)
            {
                JacobianPoint<Fp> p = CurveTests.G1Mul(rng.NextInt64(1, long.MaxValue));
                JacobianPoint<Fp2> q = CurveTests.G2Mul(rng.NextInt64(1, long.MaxValue));
                p.TryToAffine(out xs1[i], out ys1[i]);
                q.TryToAffine(out xs2[i], out ys2[i]);
                BigInteger k = round % 2 == 0 ? edges[rng.Next(edges.Length)] : new BigInteger(CurveTests.RandomBytes(rng, 32), isUnsigned: true);
                Limbs4(k).CopyTo(scalars, 4 * i);
                expected1 = JacobianPoint<Fp>.Add(expected1, JacobianPoint<Fp>.Multiply(p, scalars.AsSpan(4 * i, 4)));
                expected2 = JacobianPoint<Fp2>.Add(expected2, JacobianPoint<Fp2>.Multiply(q, scalars.AsSpan(4 * i, 4)));
            }
            Assert.That(JacobianPoint<Fp>.Equal(MultiScalarMultiplication<Fp>.StrausSplit(xs1, ys1, scalars), expected1), Is.True, $"G1 round {round}");
            Assert.That(JacobianPoint<Fp2>.Equal(MultiScalarMultiplication<Fp2>.StrausSplit(xs2, ys2, scalars), expected2), Is.True, $"G2 round {round}");
        }
    }

    [Test]
    public void SignedWindowsRecomposeAndStayInRange()
    {
        var rng = new Random(5);
        Span<sbyte> digits = stackalloc sbyte[32];
        UInt128[] values = [0, 1, 15, 16, 17, 31, 32, 33, ulong.MaxValue, UInt128.MaxValue, UInt128.MaxValue - 16, (UInt128)1 << 127];
        foreach (UInt128 v in values.Concat(Enumerable.Range(0, 500).Select(_ => new UInt128((ulong)rng.NextInt64(), (ulong)rng.NextInt64()))))
        {
            digits.Clear();
            int count = MultiScalarMultiplication<Fp>.Recode((ulong)v, (ulong)(v >> 64), digits);
            BigInteger sum = 0;
            for (int i = count - 1; i >= 0; i--)
            {
                Assert.That(digits[i], Is.InRange(-15, 16));
                sum = sum * 32 + digits[i];
            }
            Assert.That(sum, Is.EqualTo((BigInteger)v), $"{v:X}");
            Assert.That(count, Is.LessThanOrEqualTo(27));
        }
    }
}
