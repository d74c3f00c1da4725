using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bn254;
using OasisEth.Primitives;
using static OasisEth.Evm.Precompiles.Tests.Bn254.Bn254Oracle;

namespace OasisEth.Evm.Precompiles.Tests.Bn254;

/// <summary>0x08 ECPAIRING (EIP-197, prices from EIP-1108) and the pairing it rests on.</summary>
public class EcPairingPrecompileTests
{
    private static readonly IPrecompile Pairing = EcPairingPrecompile.Instance;
    private const string True = "0000000000000000000000000000000000000000000000000000000000000001";
    private const string False = "0000000000000000000000000000000000000000000000000000000000000000";

    private static IEnumerable<TestCaseData> Vectors() =>
        Bn254Vectors.Pairing.Select(v => new TestCaseData(v.Input, v.Expected).SetName("ECPAIRING geth " + v.Name));

    [TestCaseSource(nameof(Vectors))]
    public void MatchesGethVectors(string input, string expected) => AssertOutput(input, expected);

    [Test]
    public void GasFollowsEip1108FromIstanbul()
    {
        Assert.That(Pairing.RequiredGas([], Fork.Byzantium), Is.EqualTo(100000));
        Assert.That(Pairing.RequiredGas(new byte[192], Fork.Byzantium), Is.EqualTo(180000));
        Assert.That(Pairing.RequiredGas(new byte[2 * 192], Fork.Petersburg), Is.EqualTo(260000));
        Assert.That(Pairing.RequiredGas([], Fork.Istanbul), Is.EqualTo(45000));
        Assert.That(Pairing.RequiredGas(new byte[2 * 192], Fork.Istanbul), Is.EqualTo(113000));
        Assert.That(Pairing.RequiredGas(new byte[10 * 192], Fork.Prague), Is.EqualTo(385000));
        Assert.That(Pairing.RequiredGas(new byte[193], Fork.Prague), Is.EqualTo(79000), "priced by whole pairs, then fails");
    }

    [Test]
    public void EmptyInputIsOne() => AssertOutput("", True);

    [TestCase(1)]
    [TestCase(64)]
    [TestCase(191)]
    [TestCase(193)]
    [TestCase(383)]
    public void LengthNotAMultipleOf192Fails(int length) =>
        Assert.That(Pairing.Run(new byte[length], Fork.Prague).Success, Is.False);

    [Test]
    public void AllZeroPairsAreInfinityAndGiveOne()
    {
        AssertOutput(new string('0', 384), True);
        AssertOutput(new string('0', 3 * 384), True);
    }

    [Test]
    public void PairsWithOneInfinitePointContributeOne()
    {
        string g1 = G1Hex(G1.Generator);
        string g2 = TestHex.Of(G2Bytes(G2.Generator));
        AssertOutput(Zeros(64) + g2, True);
        AssertOutput(g1 + Zeros(128), True);
        AssertOutput(Zeros(64) + g2 + g1 + Zeros(128), True);
    }

    [Test]
    public void SinglePairingOfGeneratorsIsNotOne() =>
        AssertOutput(G1Hex(G1.Generator) + TestHex.Of(G2Bytes(G2.Generator)), False);

    [Test]
    public void BilinearityHolds()
    {
        var random = new Random(197);
        for (int i = 0; i < 3; i++)
        {
            BigInteger a = RandomBelow(random, R), b = RandomBelow(random, R);
            string aP = G1Hex(JacobianPoint<Fp>.Multiply(G1.Generator, Limbs(a)));
            string bQ = TestHex.Of(G2Bytes(JacobianPoint<Fp2>.Multiply(G2Generator, Limbs(b))));
            string q = TestHex.Of(G2Bytes(G2.Generator));
            string minusAbP = G1Hex(JacobianPoint<Fp>.Multiply(G1.Generator, Limbs(R - a * b % R)));
            string minusAbPlusOneP = G1Hex(JacobianPoint<Fp>.Multiply(G1.Generator, Limbs(R - (a * b + 1) % R)));

            // e(aP, bQ)·e(-abP, Q) = e(P, Q)^(ab - ab) = 1
            AssertOutput(aP + bQ + minusAbP + q, True);
            AssertOutput(minusAbP + q + aP + bQ, True);
            // off by one in the exponent: e(P, Q)^-1 ≠ 1
            AssertOutput(aP + bQ + minusAbPlusOneP + q, False);
        }
    }

    [Test]
    public void ManyPairsUsePooledStorageAndStillCancel()
    {
        // Six pairs (more than kept on the stack): e(P, Q)^(1 + 2 + 3) · e(-6P, Q) · e(0-pair) = 1.
        string q = TestHex.Of(G2Bytes(G2.Generator));
        var builder = new System.Text.StringBuilder();
        for (int k = 1; k <= 3; k++) builder.Append(G1Hex(JacobianPoint<Fp>.Multiply(G1.Generator, Limbs(k)))).Append(q);
        builder.Append(G1Hex(JacobianPoint<Fp>.Multiply(G1.Generator, Limbs(R - 6)))).Append(q);
        builder.Append(Zeros(192)).Append(Zeros(192));
        AssertOutput(builder.ToString(), True);
        builder.Append(G1Hex(G1.Generator)).Append(q);
        AssertOutput(builder.ToString(), False);
    }

    [Test]
    public void G1CoordinateAtOrAbovePFails()
    {
        string g2 = TestHex.Of(G2Bytes(G2.Generator));
        AssertFails(EcAddMulPrecompileTests.Word(P + 1) + EcAddMulPrecompileTests.Word(2) + g2);
        AssertFails(EcAddMulPrecompileTests.Word(P) + EcAddMulPrecompileTests.Word(0) + Zeros(128));
    }

    [Test]
    public void G1PointOffTheCurveFails() =>
        AssertFails(EcAddMulPrecompileTests.Word(1) + EcAddMulPrecompileTests.Word(3) + TestHex.Of(G2Bytes(G2.Generator)));

    [Test]
    public void G2CoordinateAtOrAbovePFails()
    {
        byte[] g2 = G2Bytes(G2.Generator);
        for (int word = 0; word < 4; word++)
        {
            byte[] bad = (byte[])g2.Clone();
            // Add p to one coordinate: the same point mod p, but not canonical.
            BigInteger value = FromBytes(bad.AsSpan(word * 32, 32)) + P;
            if (value >= BigInteger.One << 256) continue;
            ToBytes32(value).CopyTo(bad, word * 32);
            AssertFails(G1Hex(G1.Generator) + TestHex.Of(bad));
        }
        AssertFails(Zeros(64) + EcAddMulPrecompileTests.Word(P) + Zeros(96));
    }

    [Test]
    public void G2PointOffTheTwistFails()
    {
        byte[] g2 = G2Bytes(G2.Generator);
        g2[127] ^= 1;
        AssertFails(G1Hex(G1.Generator) + TestHex.Of(g2));
        // Real part first (the wrong order) puts the generator off the curve.
        byte[] swapped = new byte[128];
        G2.Generator.X.A.Write(swapped.AsSpan(0, 32));
        G2.Generator.X.B.Write(swapped.AsSpan(32, 32));
        G2.Generator.Y.A.Write(swapped.AsSpan(64, 32));
        G2.Generator.Y.B.Write(swapped.AsSpan(96, 32));
        AssertFails(G1Hex(G1.Generator) + TestHex.Of(swapped));
    }

    [Test]
    public void G2PointOutsideTheSubgroupFails()
    {
        // A point of the twist found by trying x = 1, 2, ...: the twist's cofactor is huge, so it is not in G2.
        for (int x = 1; ; x++)
        {
            (BigInteger Re, BigInteger Im) rhs = Mul2(Mul2((x, 0), (x, 0)), (x, 0));
            (BigInteger Re, BigInteger Im) b = FromFp2(Bn254Constants.TwistB);
            (BigInteger, BigInteger)? y = Sqrt2((Mod(rhs.Re + b.Re), Mod(rhs.Im + b.Im)));
            if (y is null) continue;
            var point = new G2Affine(ToFp2((x, 0)), ToFp2(y.Value));
            Assert.That(JacobianPoint<Fp2>.IsOnCurve(point.X, point.Y, Bn254Constants.TwistB), Is.True);
            AssertFails(G1Hex(G1.Generator) + TestHex.Of(G2Bytes(point)));
            AssertFails(Zeros(64) + TestHex.Of(G2Bytes(point)), "validated even when paired with infinity");
            return;
        }
    }

    [Test]
    public void InvalidPairAfterValidOnesFails()
    {
        string good = G1Hex(G1.Generator) + TestHex.Of(G2Bytes(G2.Generator));
        AssertFails(good + good + EcAddMulPrecompileTests.Word(1) + EcAddMulPrecompileTests.Word(3) + Zeros(128));
    }

    [Test]
    public void FinalExponentiationMatchesThePlainPower()
    {
        BigInteger exponent = (BigInteger.Pow(P, 12) - 1) / R;
        var random = new Random(12);
        Fp12 random12 = RandomFp12(random);
        Assert.That(Fp12.AreEqual(Bn254Pairing.FinalExponentiation(random12), Pow12(random12, exponent)), Is.True, "random element");

        G1Affine[] ps = [Affine(G1.Generator)];
        G2Affine[] qs = [G2.Generator];
        var ts = new JacobianPoint<Fp2>[1];
        Fp12 miller = Bn254Pairing.MillerLoop(ps, qs, ts);
        Fp12 e = Bn254Pairing.FinalExponentiation(miller);
        Assert.That(Fp12.AreEqual(e, Pow12(miller, exponent)), Is.True, "Miller loop value");
        Assert.That(e.IsOne, Is.False);
        Assert.That(Pow12(e, R).IsOne, Is.True, "e(P, Q) has order r");
    }

    [Test]
    public void PairingIsLinearInEachArgument()
    {
        G1Affine p = Affine(G1.Generator);
        G2Affine q = G2.Generator;
        Fp12 e = Pair(p, q);
        Fp12 e5 = Pow12(e, 5);
        Assert.That(Fp12.AreEqual(Pair(Affine(JacobianPoint<Fp>.Multiply(G1.Generator, [5])), q), e5), Is.True, "e(5P, Q) = e(P, Q)^5");
        Assert.That(JacobianPoint<Fp2>.Multiply(G2Generator, [5]).TryToAffine(out Fp2 x, out Fp2 y), Is.True);
        Assert.That(Fp12.AreEqual(Pair(p, new G2Affine(x, y)), e5), Is.True, "e(P, 5Q) = e(P, Q)^5");

        static Fp12 Pair(G1Affine p, G2Affine q) =>
            Bn254Pairing.FinalExponentiation(Bn254Pairing.MillerLoop([p], [q], new JacobianPoint<Fp2>[1]));
    }

    [Test]
    public void RandomInputsNeverThrow()
    {
        var random = new Random(197);
        for (int i = 0; i < 200; i++)
        {
            byte[] input = new byte[192 * random.Next(0, 3) + (i % 4 == 0 ? 1 : 0)];
            random.NextBytes(input);
            for (int w = 0; w + 32 <= input.Length; w += 32) input[w] &= 0x1f; // coordinates mostly below p
            Assert.DoesNotThrow(() => Pairing.Run(input, Fork.Prague));
        }
    }

    private static G1Affine Affine(in JacobianPoint<Fp> p)
    {
        Assert.That(p.TryToAffine(out Fp x, out Fp y), Is.True);
        return new G1Affine(x, y);
    }

    private static string G1Hex(in JacobianPoint<Fp> p) => TestHex.Of(G1Bytes(p));

    private static string Zeros(int bytes) => new('0', 2 * bytes);

    private static void AssertOutput(string input, string expected)
    {
        PrecompileResult result = Pairing.Run(TestHex.Bytes(input), Fork.Prague);
        Assert.That(result.Success, Is.True);
        Assert.That(TestHex.Of(result.Output), Is.EqualTo(expected));
    }

    private static void AssertFails(string input, string? message = null) =>
        Assert.That(Pairing.Run(TestHex.Bytes(input), Fork.Prague).Success, Is.False, message);
}
