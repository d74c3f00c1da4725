using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>Group-law, subgroup, cofactor and MSM properties of G1/G2, each fast path checked against the plain one.</summary>
public class CurveTests
{
    internal static readonly BigInteger R = BigInteger.Parse("073eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", System.Globalization.NumberStyles.HexNumber);

    private static readonly BigInteger G2EffectiveCofactor = BigInteger.Parse(
        "0bc69f08f2ee75b3584c6a0ea91b352888e2a8e9145ad7689986ff031508ffe1329c2f178731db956d82bf015d1212b02ec0ec69d7477c1ae954cbc06689f6a359894c0adebbf6b4e8020005aaa95551",
        System.Globalization.NumberStyles.HexNumber);

    internal static ulong[] Limbs(BigInteger v)
    {
        byte[] le = v.ToByteArray(isUnsigned: true, isBigEndian: false);
        ulong[] limbs = new ulong[(le.Length + 7) / 8];
        for (int i = 0; i < le.Length; i++) limbs[i / 8] |= (ulong)le[i] << (8 * (i % 8));
        return limbs;
    }

    internal static JacobianPoint<Fp> G1Mul(BigInteger k) => JacobianPoint<Fp>.Multiply(G1.Generator, Limbs(k));
    internal static JacobianPoint<Fp2> G2Mul(BigInteger k) => JacobianPoint<Fp2>.Multiply(G2.Generator, Limbs(k));

    /// <summary>Points of E(Fp) with small x: almost all lie outside G1 (the cofactor is about 2^126).</summary>
    internal static IEnumerable<JacobianPoint<Fp>> G1CurvePoints()
    {
        for (ulong x = 1; x < 40; x++)
        {
            Fp fx = Fp.FromUlong(x);
            if (Fp.TrySqrt(Fp.Square(fx) * fx + G1.B, out Fp y)) yield return JacobianPoint<Fp>.FromAffine(fx, y);
        }
    }

    /// <summary>Points of E'(Fp2) with small x = (a, 1): almost all lie outside G2.</summary>
    internal static IEnumerable<JacobianPoint<Fp2>> G2CurvePoints()
    {
        for (ulong a = 1; a < 25; a++)
        {
            var x = new Fp2(Fp.FromUlong(a), Fp.One);
            if (Fp2.TrySqrt(Fp2.Square(x) * x + G2.B, out Fp2 y)) yield return JacobianPoint<Fp2>.FromAffine(x, y);
        }
    }

    [Test]
    public void GeneratorsHaveOrderR()
    {
        Assert.That(G1Mul(R).IsInfinity, Is.True);
        Assert.That(G2Mul(R).IsInfinity, Is.True);
        Assert.That(G1Mul(R - 1).IsInfinity, Is.False);
        Assert.That(JacobianPoint<Fp>.Equal(G1Mul(R - 1), JacobianPoint<Fp>.Negate(G1.Generator)), Is.True);
        Assert.That(JacobianPoint<Fp2>.Equal(G2Mul(R + 5), G2Mul(5)), Is.True);
        Assert.That(G1.IsInSubgroup(G1.Generator) && G2.IsInSubgroup(G2.Generator), Is.True);
    }

    [Test]
    public void GroupLawIsConsistent()
    {
        JacobianPoint<Fp> a = G1Mul(12345), b = G1Mul(67890);
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.Add(a, b), G1Mul(12345 + 67890)), Is.True);
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.Add(a, a), JacobianPoint<Fp>.Double(a)), Is.True);
        Assert.That(JacobianPoint<Fp>.Add(a, JacobianPoint<Fp>.Negate(a)).IsInfinity, Is.True);
        a.TryToAffine(out Fp ax, out Fp ay);
        Assert.That(JacobianPoint<Fp>.Equal(JacobianPoint<Fp>.AddAffine(b, ax, ay), JacobianPoint<Fp>.Add(b, a)), Is.True);

        JacobianPoint<Fp2> c = G2Mul(999), d = G2Mul(1001);
        Assert.That(JacobianPoint<Fp2>.Equal(JacobianPoint<Fp2>.Add(c, d), G2Mul(2000)), Is.True);
        Assert.That(JacobianPoint<Fp2>.Equal(JacobianPoint<Fp2>.Add(c, c), JacobianPoint<Fp2>.Double(c)), Is.True);
    }

    [Test]
    public void G1SubgroupCheckRejectsCurvePointsOutsideG1AndCofactorClearingFixesThem()
    {
        int outside = 0;
        foreach (JacobianPoint<Fp> p in G1CurvePoints())
        {
            bool plain = JacobianPoint<Fp>.Multiply(p, Limbs(R)).IsInfinity;
            Assert.That(G1.IsInSubgroup(p), Is.EqualTo(plain));
            if (!plain) outside++;
            Assert.That(G1.IsInSubgroup(G1.ClearCofactor(p)), Is.True);
        }
        Assert.That(outside, Is.GreaterThan(5));
    }

    [Test]
    public void G2PsiSubgroupCheckAgreesWithMultiplicationByR()
    {
        int outside = 0, inside = 0;
        foreach (JacobianPoint<Fp2> p in G2CurvePoints())
        {
            foreach (JacobianPoint<Fp2> q in new[] { p, G2.ClearCofactor(p) })
            {
                bool plain = JacobianPoint<Fp2>.Multiply(q, Limbs(R)).IsInfinity;
                Assert.That(G2.IsInSubgroup(q), Is.EqualTo(plain));
                if (plain) inside++; else outside++;
            }
        }
        Assert.That(outside, Is.GreaterThan(5));
        Assert.That(inside, Is.GreaterThan(5));
    }

    [Test]
    public void G2CofactorClearingEqualsMultiplicationByEffectiveCofactor()
    {
        foreach (JacobianPoint<Fp2> p in G2CurvePoints().Take(4))
        {
            JacobianPoint<Fp2> plain = JacobianPoint<Fp2>.Multiply(p, Limbs(G2EffectiveCofactor));
            Assert.That(JacobianPoint<Fp2>.Equal(G2.ClearCofactor(p), plain), Is.True);
        }
    }

    [Test]
    public void MsmEqualsSumOfSingleMultiplications([Values(2, 3, 8, 17, 40, 65, 150)] int n)
    {
        var rng = new Random(n);
        var xs1 = new Fp[n]; var ys1 = new Fp[n];
        var xs2 = new Fp2[n]; var ys2 = new Fp2[n];
        var scalars = new ulong[4 * n];
        JacobianPoint<Fp> expected1 = JacobianPoint<Fp>.Infinity;
        JacobianPoint<Fp2> expected2 = JacobianPoint<Fp2>.Infinity;
        for (int i = 0; i < n; i++)
        {
            JacobianPoint<Fp> p = G1Mul(rng.NextInt64(1, long.MaxValue));
            JacobianPoint<Fp2> q = G2Mul(rng.NextInt64(1, long.MaxValue));
            p.TryToAffine(out xs1[i], out ys1[i]);
            q.TryToAffine(out xs2[i], out ys2[i]);
            // Full 256-bit scalars, most of them above r (the EIP does not reduce them).
            for (int l = 0; l < 4; l++) scalars[4 * i + l] = (ulong)rng.NextInt64() ^ ((ulong)rng.Next() << 40);
            if (i == 1) scalars.AsSpan(4, 4).Fill(ulong.MaxValue);
            expected1 = JacobianPoint<Fp>.Add(expected1, JacobianPoint<Fp>.Multiply(p, scalars.AsSpan(4 * i, 4)));
            expected2 = JacobianPoint<Fp2>.Add(expected2, JacobianPoint<Fp2>.Multiply(q, scalars.AsSpan(4 * i, 4)));
        }
        Assert.That(JacobianPoint<Fp>.Equal(MultiScalarMultiplication<Fp>.Compute(xs1, ys1, scalars), expected1), Is.True);
        Assert.That(JacobianPoint<Fp2>.Equal(MultiScalarMultiplication<Fp2>.Compute(xs2, ys2, scalars), expected2), Is.True);
    }

    [Test]
    public void MapsLandInTheSubgroups()
    {
        var rng = new Random(10);
        for (int i = 0; i < 6; i++)
        {
            Fp u = FieldTests.ToFp(new BigInteger(RandomBytes(rng, 48), isUnsigned: true));
            JacobianPoint<Fp> p = MapToG1.Map(u);
            Assert.That(p.TryToAffine(out Fp x, out Fp y) && JacobianPoint<Fp>.IsOnCurve(x, y, G1.B), Is.True);
            Assert.That(JacobianPoint<Fp>.Multiply(p, Limbs(R)).IsInfinity, Is.True);

            var u2 = new Fp2(u, FieldTests.ToFp(new BigInteger(RandomBytes(rng, 48), isUnsigned: true)));
            JacobianPoint<Fp2> q = MapToG2.Map(u2);
            Assert.That(q.TryToAffine(out Fp2 qx, out Fp2 qy) && JacobianPoint<Fp2>.IsOnCurve(qx, qy, G2.B), Is.True);
            Assert.That(JacobianPoint<Fp2>.Multiply(q, Limbs(R)).IsInfinity, Is.True);
        }
    }

    [Test]
    public void CompressedPointsRoundTripThroughTheZcashFlags()
    {
        // The G1 generator's compressed form (sign flag clear) and its negation (sign flag set).
        Assert.That(G1.TryDecompress(Hex.Decode("97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"), out JacobianPoint<Fp> g), Is.True);
        Assert.That(JacobianPoint<Fp>.Equal(g, G1.Generator), Is.True);
        Assert.That(G1.TryDecompress(Hex.Decode("b7f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"), out JacobianPoint<Fp> ng), Is.True);
        Assert.That(JacobianPoint<Fp>.Equal(ng, JacobianPoint<Fp>.Negate(G1.Generator)), Is.True);
        Assert.That(G1.TryDecompress(Hex.Decode("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"), out _), Is.False, "compression flag missing");
        Assert.That(G1.TryDecompress(Hex.Decode("e00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"), out _), Is.False, "infinity with sign flag");

        Assert.That(G2.TryDecompress(Hex.Decode(
            "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e" +
            "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8"), out JacobianPoint<Fp2> g2), Is.True);
        Assert.That(JacobianPoint<Fp2>.Equal(g2, G2.Generator), Is.True);
    }

    internal static byte[] RandomBytes(Random rng, int n)
    {
        byte[] b = new byte[n];
        rng.NextBytes(b);
        return b;
    }
}
