using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bn254;
using static OasisEth.Evm.Precompiles.Tests.Bn254.Bn254Oracle;

namespace OasisEth.Evm.Precompiles.Tests.Bn254;

/// <summary>Every precomputed constant, recomputed from its definition with BigInteger.</summary>
public class Bn254ConstantsTests
{
    [Test]
    public void ModulusAndOrderMatchTheBnPolynomials()
    {
        Assert.That(P, Is.EqualTo(BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583")));
        Assert.That(R, Is.EqualTo(BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617")));
        Assert.That(FromLimbs([Fp.P0, Fp.P1, Fp.P2, Fp.P3]), Is.EqualTo(P));
        Assert.That(FromLimbs(Bn254Constants.GroupOrder), Is.EqualTo(R));
        Assert.That((BigInteger)Bn254Constants.U, Is.EqualTo(U));
    }

    [Test]
    public void OneAndSmallIntegersConvert()
    {
        Assert.That(FromFp(Fp.One), Is.EqualTo(BigInteger.One));
        Assert.That(FromFp(Fp.FromUlong(3)), Is.EqualTo((BigInteger)3));
        Assert.That(FromFp(Bn254Constants.CurveB), Is.EqualTo((BigInteger)3));
    }

    [Test]
    public void AteLoopNafEncodesSixUPlusTwo()
    {
        BigInteger value = 0;
        foreach (sbyte digit in Bn254Constants.AteLoopNaf) value = 2 * value + digit;
        Assert.That(value, Is.EqualTo(6 * U + 2));
        ReadOnlySpan<sbyte> naf = Bn254Constants.AteLoopNaf;
        for (int i = 1; i < naf.Length; i++)
            Assert.That(naf[i] != 0 && naf[i - 1] != 0, Is.False, "non-adjacent");
    }

    [Test]
    public void TwistConstantIsThreeOverXi()
    {
        (BigInteger, BigInteger) xiInverse = Pow2((9, 1), P * P - 2);
        Assert.That(FromFp2(Bn254Constants.TwistB), Is.EqualTo(Mul2((3, 0), xiInverse)));
    }

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void FrobeniusCoefficientsArePowersOfXi(int n)
    {
        Fp2[] table = n switch { 1 => Bn254Constants.Frobenius1, 2 => Bn254Constants.Frobenius2, _ => Bn254Constants.Frobenius3 };
        BigInteger pn = BigInteger.Pow(P, n);
        for (int k = 0; k < 6; k++)
            Assert.That(FromFp2(table[k]), Is.EqualTo(Pow2((9, 1), k * (pn - 1) / 6)), $"gamma_{n},{k}");
    }

    private static BigInteger FromLimbs(ReadOnlySpan<ulong> limbs)
    {
        BigInteger value = 0;
        for (int i = limbs.Length - 1; i >= 0; i--) value = (value << 64) + limbs[i];
        return value;
    }
}
