using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bn254;
using OasisEth.Primitives;
using static OasisEth.Evm.Precompiles.Tests.Bn254.Bn254Oracle;

namespace OasisEth.Evm.Precompiles.Tests.Bn254;

/// <summary>0x06 ECADD and 0x07 ECMUL (EIP-196, prices from EIP-1108).</summary>
public class EcAddMulPrecompileTests
{
    private static readonly IPrecompile Add = EcAddPrecompile.Instance;
    private static readonly IPrecompile Mul = EcMulPrecompile.Instance;

    private static IEnumerable<TestCaseData> AddVectors() =>
        Bn254Vectors.Add.Select(v => new TestCaseData(v.Input, v.Expected).SetName("ECADD geth " + v.Name));

    private static IEnumerable<TestCaseData> MulVectors() =>
        Bn254Vectors.Mul.Select(v => new TestCaseData(v.Input, v.Expected).SetName("ECMUL geth " + v.Name));

    [TestCaseSource(nameof(AddVectors))]
    public void EcAddMatchesGethVectors(string input, string expected) => AssertOutput(Add, input, expected);

    [TestCaseSource(nameof(MulVectors))]
    public void EcMulMatchesGethVectors(string input, string expected) => AssertOutput(Mul, input, expected);

    [Test]
    public void GasFollowsEip1108FromIstanbul()
    {
        Assert.That(Add.RequiredGas(new byte[128], Fork.Byzantium), Is.EqualTo(500));
        Assert.That(Add.RequiredGas(new byte[128], Fork.Petersburg), Is.EqualTo(500));
        Assert.That(Add.RequiredGas(new byte[128], Fork.Istanbul), Is.EqualTo(150));
        Assert.That(Add.RequiredGas([], Fork.Prague), Is.EqualTo(150));
        Assert.That(Mul.RequiredGas(new byte[96], Fork.Byzantium), Is.EqualTo(40000));
        Assert.That(Mul.RequiredGas(new byte[96], Fork.Istanbul), Is.EqualTo(6000));
        Assert.That(Mul.RequiredGas(new byte[1000], Fork.Cancun), Is.EqualTo(6000));
    }

    [Test]
    public void EcAddOfGeneratorAndItsNegationIsInfinity()
    {
        string input = Word(1) + Word(2) + Word(1) + Word(P - 2);
        AssertOutput(Add, input, Word(0) + Word(0));
    }

    [Test]
    public void EcAddDoublesWhenBothInputsAreEqual()
    {
        // 2·G = (0x030644e7..., 0x15ed738c...), as in the cdetrio11 vector; checked here through the oracle.
        byte[] twoG = G1Bytes(JacobianPoint<Fp>.Multiply(G1.Generator, [2]));
        AssertOutput(Add, Word(1) + Word(2) + Word(1) + Word(2), TestHex.Of(twoG));
    }

    [Test]
    public void EcAddIgnoresBytesPastTheFirst128()
    {
        string baseInput = Bn254Vectors.Add[0].Input;
        AssertOutput(Add, baseInput + "ff" + Word(P), Bn254Vectors.Add[0].Expected);
    }

    [TestCase(1, 3, TestName = "ECADD point off the curve fails")]
    [TestCase(0, 1, TestName = "ECADD (0, 1) fails (only (0, 0) is infinity)")]
    [TestCase(1, 0, TestName = "ECADD (1, 0) fails")]
    public void EcAddRejectsPointsOffTheCurve(int x, int y)
    {
        AssertFails(Add, Word(x) + Word(y) + Word(1) + Word(2));
        AssertFails(Add, Word(1) + Word(2) + Word(x) + Word(y));
    }

    [Test]
    public void EcAddRejectsCoordinatesAtOrAboveP()
    {
        // (p + 1, 2) is (1, 2) mod p: a client that reduced would accept it.
        AssertFails(Add, Word(P + 1) + Word(2) + Word(0) + Word(0));
        AssertFails(Add, Word(1) + Word(P + 2) + Word(0) + Word(0));
        AssertFails(Add, Word(0) + Word(0) + Word(P) + Word(P));
        AssertFails(Add, Word(0) + Word(0) + Word(1) + Word((BigInteger.One << 256) - 1));
    }

    [Test]
    public void EcMulRejectsInvalidPoints()
    {
        AssertFails(Mul, Word(1) + Word(3) + Word(5));
        AssertFails(Mul, Word(P + 1) + Word(2) + Word(5));
        AssertFails(Mul, Word(1) + Word(2 + P) + Word(0));
    }

    [Test]
    public void EcMulOfInfinityOrByZeroIsInfinity()
    {
        AssertOutput(Mul, Word(0) + Word(0) + Word(12345), Word(0) + Word(0));
        AssertOutput(Mul, Word(1) + Word(2) + Word(0), Word(0) + Word(0));
        AssertOutput(Mul, Word(1) + Word(2), Word(0) + Word(0)); // scalar padded with zeros
        AssertOutput(Mul, Word(1) + Word(2) + Word(R), Word(0) + Word(0));
    }

    [Test]
    public void EcMulByScalarAboveOrderEqualsReducedScalar()
    {
        var random = new Random(7);
        for (int i = 0; i < 4; i++)
        {
            BigInteger k = RandomBelow(random, BigInteger.One << 256);
            byte[] full = Mul.Run(TestHex.Bytes(Word(1) + Word(2) + Word(k)), Fork.Prague).Output;
            byte[] reduced = Mul.Run(TestHex.Bytes(Word(1) + Word(2) + Word(k % R)), Fork.Prague).Output;
            Assert.That(full, Is.EqualTo(reduced));
        }
    }

    [Test]
    public void EcMulAgreesWithRepeatedEcAdd()
    {
        string acc = Word(0) + Word(0);
        string g = Word(1) + Word(2);
        for (int k = 1; k <= 20; k++)
        {
            acc = TestHex.Of(Add.Run(TestHex.Bytes(acc + g), Fork.Prague).Output);
            AssertOutput(Mul, g + Word(k), acc);
        }
    }

    [Test]
    public void RandomInputsNeverThrow()
    {
        var random = new Random(1108);
        for (int i = 0; i < 500; i++)
        {
            byte[] input = new byte[random.Next(0, 200)];
            random.NextBytes(input);
            if (i % 3 == 0) input.AsSpan(0, Math.Min(input.Length, 8)).Clear(); // some coordinates below p
            Assert.DoesNotThrow(() => Add.Run(input, Fork.Prague));
            Assert.DoesNotThrow(() => Mul.Run(input, Fork.Prague));
        }
    }

    internal static string Word(BigInteger value) => TestHex.Of(ToBytes32(value));

    private static void AssertOutput(IPrecompile precompile, string input, string expected)
    {
        PrecompileResult result = precompile.Run(TestHex.Bytes(input), Fork.Prague);
        Assert.That(result.Success, Is.True);
        Assert.That(TestHex.Of(result.Output), Is.EqualTo(expected));
    }

    private static void AssertFails(IPrecompile precompile, string input) =>
        Assert.That(precompile.Run(TestHex.Bytes(input), Fork.Prague).Success, Is.False, input);
}
