using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

public class ModExpPrecompileTests
{
    private static readonly IPrecompile ModExp = ModExpPrecompile.Instance;

    private static readonly Fork[] Eip198Forks = [Fork.Byzantium, Fork.Petersburg, Fork.Istanbul];
    private static readonly Fork[] Eip2565Forks = [Fork.Berlin, Fork.Cancun, Fork.Prague];

    private static string Word(BigInteger value) =>
        TestHex.Of(value.ToByteArray(isUnsigned: true, isBigEndian: true)).TrimStart('0').PadLeft(64, '0');

    private static byte[] Input(BigInteger baseLen, BigInteger expLen, BigInteger modLen, string data = "") =>
        TestHex.Bytes(Word(baseLen) + Word(expLen) + Word(modLen) + data);

    private static string Run(byte[] input, Fork fork = Fork.Prague)
    {
        PrecompileResult result = ModExp.Run(input, fork);
        Assert.That(result.Success, Is.True);
        return TestHex.Of(result.Output);
    }

    private static IEnumerable<ModExpVectors.Vector> Vectors() => ModExpVectors.All;

    [TestCaseSource(nameof(Vectors))]
    public void PublishedVectorOutputAndPrices(ModExpVectors.Vector vector)
    {
        byte[] input = TestHex.Bytes(vector.Input);
        Assert.That(Run(input, Fork.Byzantium), Is.EqualTo(vector.Expected));
        Assert.That(Run(input, Fork.Berlin), Is.EqualTo(vector.Expected));
        if (vector.Eip198Gas >= 0)
            foreach (Fork fork in Eip198Forks) Assert.That(ModExp.RequiredGas(input, fork), Is.EqualTo(vector.Eip198Gas), fork.ToString());
        foreach (Fork fork in Eip2565Forks) Assert.That(ModExp.RequiredGas(input, fork), Is.EqualTo(vector.Eip2565Gas), fork.ToString());
    }

    [Test]
    public void ZeroModulusGivesZerosOfModulusLength() =>
        Assert.That(Run(Input(1, 1, 2, "03" + "05" + "0000")), Is.EqualTo("0000"));

    [Test]
    public void ZeroModulusLengthGivesEmptyOutput()
    {
        Assert.That(Run(Input(1, 1, 0, "03" + "05")), Is.Empty);
        Assert.That(Run([]), Is.Empty);
    }

    [Test]
    public void ZeroExponentGivesOneModM()
    {
        Assert.That(Run(Input(1, 1, 1, "00" + "00" + "05")), Is.EqualTo("01"), "0^0 = 1");
        Assert.That(Run(Input(1, 0, 2, "07" + "0005")), Is.EqualTo("0001"), "empty exponent");
        Assert.That(Run(Input(1, 1, 1, "07" + "00" + "01")), Is.EqualTo("00"), "anything mod 1 is 0");
    }

    [Test]
    public void OutputIsLeftPaddedToModulusLength() =>
        // 2^3 mod 0x0100 = 8, written into 4 bytes.
        Assert.That(Run(Input(1, 1, 4, "02" + "03" + "00000100")), Is.EqualTo("00000008"));

    [Test]
    public void MissingInputBytesReadAsZero()
    {
        // The modulus is declared but absent: it reads as zero.
        Assert.That(Run(Input(1, 1, 3, "02" + "03")), Is.EqualTo("000000"));
        // The modulus is cut short: the present byte is its high byte, 0x05 00 = 1280; 2^3 mod 1280 = 8.
        Assert.That(Run(Input(1, 1, 2, "02" + "03" + "05")), Is.EqualTo("0008"));
        // A truncated header: the lengths themselves are right-padded.
        byte[] truncated = TestHex.Bytes(Word(1) + "0000");
        Assert.That(Run(truncated), Is.Empty);
        Assert.That(ModExp.RequiredGas(truncated, Fork.Byzantium), Is.EqualTo(0));
        Assert.That(ModExp.RequiredGas(truncated, Fork.Berlin), Is.EqualTo(200));
    }

    [Test]
    public void HugeExponentLengthIsFreeWhenNothingIsMultiplied()
    {
        // base and modulus lengths 0: the price is 0 (EIP-198) or the 200 minimum (EIP-2565) whatever the exponent.
        byte[] input = Input(0, BigInteger.Pow(2, 256) - 1, 0);
        foreach (Fork fork in Eip198Forks) Assert.That(ModExp.RequiredGas(input, fork), Is.EqualTo(0));
        foreach (Fork fork in Eip2565Forks) Assert.That(ModExp.RequiredGas(input, fork), Is.EqualTo(200));
        Assert.That(Run(input), Is.Empty);
    }

    [Test]
    public void HugeBaseOrModulusLengthCannotBePaid()
    {
        BigInteger huge = BigInteger.Pow(2, 255);
        foreach (Fork fork in Eip198Forks.Concat(Eip2565Forks))
        {
            Assert.That(ModExp.RequiredGas(Input(huge, 1, 1), fork), Is.EqualTo(long.MaxValue));
            Assert.That(ModExp.RequiredGas(Input(1, 1, huge), fork), Is.EqualTo(long.MaxValue));
            Assert.That(ModExp.RequiredGas(Input(1, huge, 1), fork), Is.EqualTo(long.MaxValue));
            Assert.That(ModExp.RequiredGas(Input(1UL << 40, 0, 0), fork), Is.EqualTo(long.MaxValue));
        }
    }

    [Test]
    public void PriceIsExactPast64BitLengths()
    {
        // exp_len = 2^64 with one-byte base and modulus: EIP-198 gas = 8 * (2^64 - 32) / 20, still below 2^63.
        byte[] input = Input(1, BigInteger.Pow(2, 64), 1);
        long expected = (long)((BigInteger.Pow(2, 67) - 256) / 20);
        Assert.That(ModExp.RequiredGas(input, Fork.Byzantium), Is.EqualTo(expected));
        Assert.That(ModExp.RequiredGas(input, Fork.Berlin), Is.EqualTo(long.MaxValue), "divided by 3 it passes 2^63");
    }

    [Test]
    public void AdjustedExponentLengthUsesTheHighestBitOfTheFirst32Bytes()
    {
        // 64-byte exponent whose first 32 bytes are zero: 8 * (64 - 32) = 256 iterations.
        byte[] zeroHead = Input(1, 64, 64, "02" + new string('0', 128) + new string('0', 126) + "07");
        Assert.That(ModExp.RequiredGas(zeroHead, Fork.Byzantium), Is.EqualTo(64 * 64 * 256 / 20));
        Assert.That(ModExp.RequiredGas(zeroHead, Fork.Berlin), Is.EqualTo(8 * 8 * 256 / 3));

        // Same, with the head's top bit set: 256 + 255.
        byte[] fullHead = Input(1, 64, 64, "02" + "80" + new string('0', 126) + new string('0', 126) + "07");
        Assert.That(ModExp.RequiredGas(fullHead, Fork.Byzantium), Is.EqualTo(64 * 64 * 511 / 20));

        // A short exponent 0x0100 (2 bytes): highest bit index 8; the low bytes past 32 never matter.
        byte[] shortExp = Input(1, 2, 1, "02" + "0100" + "07");
        Assert.That(ModExp.RequiredGas(shortExp, Fork.Byzantium), Is.EqualTo(1 * 8 / 20));
        Assert.That(ModExp.RequiredGas(shortExp, Fork.Berlin), Is.EqualTo(200));
    }

    [TestCase(64UL, 64UL * 64)]
    [TestCase(65UL, 65UL * 65 / 4 + 96 * 65 - 3072)]
    [TestCase(1024UL, 1024UL * 1024 / 4 + 96 * 1024 - 3072)]
    [TestCase(1025UL, 1025UL * 1025 / 16 + 480 * 1025 - 199680)]
    public void Eip198ComplexityPiecesMeetAtTheirBounds(ulong length, ulong complexity)
    {
        // Exponent 0x01 (one iteration), modulus of the given length absent from the input: price only.
        byte[] input = Input(0, 1, length, "01");
        Assert.That(ModExp.RequiredGas(input, Fork.Byzantium), Is.EqualTo((long)(complexity / 20)));
        ulong words = (length + 7) / 8;
        Assert.That(ModExp.RequiredGas(input, Fork.Berlin), Is.EqualTo(Math.Max(200L, (long)(words * words / 3))));
    }

    [Test]
    public void AgreesWithNaiveSquareAndMultiply()
    {
        var random = new Random(198);
        for (int i = 0; i < 300; i++)
        {
            byte[] b = RandomBytes(random, random.Next(0, 40));
            byte[] e = RandomBytes(random, random.Next(0, 8));
            byte[] m = RandomBytes(random, random.Next(0, 40));
            byte[] input = Input(b.Length, e.Length, m.Length, TestHex.Of(b) + TestHex.Of(e) + TestHex.Of(m));

            BigInteger expected = Naive(ToNumber(b), ToNumber(e), ToNumber(m));
            string expectedHex = m.Length == 0 ? "" : TestHex.Of(expected.ToByteArray(isUnsigned: true, isBigEndian: true))
                .TrimStart('0').PadLeft(2 * m.Length, '0');
            Assert.That(Run(input, Fork.Byzantium), Is.EqualTo(expectedHex), $"case {i}");
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static BigInteger ToNumber(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    /// <summary>Left-to-right binary exponentiation with only multiply and remainder: the oracle.</summary>
    private static BigInteger Naive(BigInteger b, BigInteger e, BigInteger m)
    {
        if (m.IsZero) return BigInteger.Zero;
        BigInteger result = BigInteger.One % m;
        for (long bit = (long)e.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = result * result % m;
            if (!(e >> (int)bit).IsEven) result = result * b % m;
        }
        return result;
    }
}
