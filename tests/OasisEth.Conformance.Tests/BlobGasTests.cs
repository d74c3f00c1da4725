using NUnit.Framework;
using OasisEth.Primitives;
using OasisEth.StateTest;

namespace OasisEth.Conformance.Tests;

/// <summary>EIP-4844 fake_exponential against values of the EIP's reference Python function, and the update fraction
/// choice per fork.</summary>
[TestFixture]
public class BlobGasTests
{
    // (factor, numerator, denominator) -> fake_exponential as the EIP's reference code computes it.
    [TestCase(1UL, 0UL, 3_338_477UL, 1UL)]
    [TestCase(1UL, 0x80000UL, 3_338_477UL, 1UL)]
    [TestCase(1UL, 3_338_477UL, 3_338_477UL, 2UL)]       // e^1 -> 2
    [TestCase(1UL, 10_000_000UL, 3_338_477UL, 19UL)]     // e^2.995 -> 19
    [TestCase(1UL, 39_321_600UL, 3_338_477UL, 130_392UL)]
    [TestCase(1UL, 50_077_160UL, 5_007_716UL, 22_026UL)] // e^10 -> 22026
    [TestCase(1UL, 0x100000UL, 5_007_716UL, 1UL)]
    [TestCase(2UL, 0UL, 1UL, 2UL)]
    [TestCase(1UL, 2UL, 1UL, 6UL)]                       // 1 + 2 + 2 + 1 (+ 0 ...) after integer truncation
    public void FakeExponentialMatchesTheEip(ulong factor, ulong numerator, ulong denominator, ulong expected) =>
        Assert.That(BlobGas.FakeExponential(factor, numerator, denominator), Is.EqualTo((UInt256)expected));

    [Test]
    public void HugeExcessSaturatesInsteadOfLooping() =>
        Assert.That(BlobGas.FakeExponential(1, ulong.MaxValue, 1), Is.EqualTo(UInt256.MaxValue));

    // Beyond 64 bits: values of the EIP's reference function (e^100 ~ 2.688e43 by two different fractions).
    [TestCase(100UL, 1UL, "26881063886385033622813949849277693891518911")]
    [TestCase(333_847_700UL, 3_338_477UL, "26881171418145248466094636047260812877840124")]
    public void LargeResultIsExact(ulong numerator, ulong denominator, string expected)
    {
        Span<byte> be = stackalloc byte[32];
        BlobGas.FakeExponential(1, numerator, denominator).WriteBigEndian(be);
        Assert.That(new System.Numerics.BigInteger(be, isUnsigned: true, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(expected));
    }

    [Test]
    public void UpdateFractionPerFork()
    {
        var none = new Dictionary<string, ulong>();
        Assert.That(BlobGas.UpdateFraction(Fork.Cancun, "Cancun", none), Is.EqualTo(3_338_477UL));
        Assert.That(BlobGas.UpdateFraction(Fork.Prague, "Prague", none), Is.EqualTo(5_007_716UL));
        var schedule = new Dictionary<string, ulong> { ["Prague"] = 1234 };
        Assert.That(BlobGas.UpdateFraction(Fork.Prague, "Prague", schedule), Is.EqualTo(1234UL), "config.blobSchedule wins");
        Assert.That(BlobGas.UpdateFraction(Fork.Cancun, "Cancun", schedule), Is.EqualTo(3_338_477UL));
    }

    [Test]
    public void ZeroUpdateFractionIsRejected() =>
        Assert.That(() => BlobGas.FakeExponential(1, 1, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
}
