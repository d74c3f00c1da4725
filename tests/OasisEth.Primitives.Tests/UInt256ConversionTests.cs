using System.Globalization;
using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;
using static OasisEth.Primitives.Tests.UInt256TestSupport;

namespace OasisEth.Primitives.Tests;

[TestFixture]
public class UInt256ConversionTests
{
    private static readonly BigInteger[] Values = [.. Boundary, .. RandomOperands(2000, 1234)];

    private static string ExpectedHex(BigInteger v) => "0x" + (v.IsZero ? "0" : v.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));

    [Test]
    public void ToString_is_decimal_and_Parse_reads_it_back()
    {
        var failures = new List<string>();
        foreach (BigInteger x in Values)
        {
            string expected = x.ToString(CultureInfo.InvariantCulture);
            string text = U(x).ToString();
            if (text != expected) failures.Add($"ToString {expected}: got {text}");
            if (Big(UInt256.Parse(expected)) != x) failures.Add($"Parse {expected}");
            if (!UInt256.TryParse("000" + expected, out UInt256 padded) || Big(padded) != x) failures.Add($"TryParse 000{expected}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void ToHexString_is_minimal_lowercase_and_Parse_reads_it_back()
    {
        var failures = new List<string>();
        foreach (BigInteger x in Values)
        {
            string expected = ExpectedHex(x);
            string text = U(x).ToHexString();
            if (text != expected) failures.Add($"ToHexString {expected}: got {text}");
            if (Big(UInt256.Parse(expected)) != x) failures.Add($"Parse {expected}");
            string upper = "0X" + expected[2..].ToUpperInvariant();
            if (Big(UInt256.Parse(upper)) != x) failures.Add($"Parse {upper}");
            string full = "0x" + x.ToString("x64", CultureInfo.InvariantCulture)[^64..];
            if (Big(UInt256.Parse(full)) != x) failures.Add($"Parse {full}");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Zero_formats_as_0_and_0x0()
    {
        Assert.That(UInt256.Zero.ToString(), Is.EqualTo("0"));
        Assert.That(UInt256.Zero.ToHexString(), Is.EqualTo("0x0"));
        Assert.That(Big(UInt256.Parse("0x0")), Is.EqualTo(BigInteger.Zero));
        Assert.That(Big(UInt256.Parse("0x" + new string('0', 70))), Is.EqualTo(BigInteger.Zero));
        Assert.That(Big(UInt256.Parse("0")), Is.EqualTo(BigInteger.Zero));
    }

    [TestCase("")]
    [TestCase("0x")]
    [TestCase("0X")]
    [TestCase("-1")]
    [TestCase("+1")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("12a")]
    [TestCase("0xg")]
    [TestCase("0x12 ")]
    [TestCase("x12")]
    [TestCase("0x-1")]
    [TestCase("1.5")]
    [TestCase("115792089237316195423570985008687907853269984665640564039457584007913129639936")] // 2^256
    [TestCase("999999999999999999999999999999999999999999999999999999999999999999999999999999")]
    [TestCase("0x10000000000000000000000000000000000000000000000000000000000000000")] // 65 digits
    public void Rejects_malformed_or_out_of_range_text(string text)
    {
        Assert.That(UInt256.TryParse(text, out _), Is.False);
        Assert.That(() => UInt256.Parse(text), Throws.TypeOf<FormatException>());
    }

    [Test]
    public void Accepts_the_largest_values()
    {
        Assert.That(Big(UInt256.Parse("115792089237316195423570985008687907853269984665640564039457584007913129639935")), Is.EqualTo(TwoPow256 - 1));
        Assert.That(Big(UInt256.Parse("0x" + new string('f', 64))), Is.EqualTo(TwoPow256 - 1));
        Assert.That(Big(UInt256.Parse("0x000" + new string('F', 64))), Is.EqualTo(TwoPow256 - 1));
    }

    [Test]
    public void TryParse_of_null_is_false()
    {
        Assert.That(UInt256.TryParse(null, out _), Is.False);
    }

    [Test]
    public void BigInteger_conversions_round_trip_and_wrap()
    {
        var failures = new List<string>();
        foreach (BigInteger x in Values)
        {
            if (U(x).ToBigInteger() != x) failures.Add($"ToBigInteger {Show(x)}");
            if (Big(UInt256.FromBigInteger(x)) != x) failures.Add($"FromBigInteger {Show(x)}");
            if (Big(UInt256.FromBigInteger(x + TwoPow256 * 3)) != x) failures.Add($"FromBigInteger over 2^256 {Show(x)}");
            if (Big(UInt256.FromBigInteger(-x)) != Wrap(-x)) failures.Add($"FromBigInteger negative {Show(x)}");
        }
        Assert.That(failures, Is.Empty);
        Assert.That(Big(UInt256.FromBigInteger(BigInteger.MinusOne)), Is.EqualTo(TwoPow256 - 1));
        Assert.That(Big(UInt256.FromBigInteger(-TwoPow256 - 1)), Is.EqualTo(TwoPow256 - 1));
    }

    [Test]
    public void Narrowing_to_64_bits()
    {
        var failures = new List<string>();
        foreach (BigInteger x in Values)
        {
            UInt256 v = U(x);
            ulong low = (ulong)(x & ulong.MaxValue);
            bool fits = v.TryGetULong(out ulong got);
            if (fits != (x <= ulong.MaxValue)) failures.Add($"TryGetULong fits {Show(x)}");
            if (fits && got != low) failures.Add($"TryGetULong value {Show(x)}");
            if ((ulong)v != low) failures.Add($"(ulong) {Show(x)}");
            if ((long)v != unchecked((long)low)) failures.Add($"(long) {Show(x)}");
        }
        Assert.That(failures, Is.Empty);
    }
}
