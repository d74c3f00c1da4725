using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;
using static OasisEth.Primitives.Tests.UInt256TestSupport;

namespace OasisEth.Primitives.Tests;

[TestFixture]
public class UInt256BitwiseTests
{
    private static readonly BigInteger[] RandomA = RandomOperands(2000, 6006);
    private static readonly BigInteger[] RandomB = RandomOperands(2000, 7007);
    private static readonly int[] Shifts = [0, 1, 2, 7, 8, 31, 63, 64, 65, 100, 127, 128, 129, 191, 192, 193, 247, 254, 255, 256, 257, 300, 1024, int.MaxValue];

    private static IEnumerable<TestCaseData> BinaryOps()
    {
        yield return Case("And", UInt256.And, (x, y) => x & y);
        yield return Case("Or", UInt256.Or, (x, y) => x | y);
        yield return Case("Xor", UInt256.Xor, (x, y) => x ^ y);
        yield return Case("operator&", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a & b, (x, y) => x & y);
        yield return Case("operator|", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a | b, (x, y) => x | y);
        yield return Case("operator^", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a ^ b, (x, y) => x ^ y);
        yield return Case("Byte", UInt256.Byte, EvmByte);
        yield return Case("SignExtend", UInt256.SignExtend, EvmSignExtend);
    }

    private static BigInteger EvmByte(BigInteger i, BigInteger x) => i >= 32 ? 0 : (x >> (8 * (31 - (int)i))) & 0xFF;

    private static BigInteger EvmSignExtend(BigInteger b, BigInteger x)
    {
        if (b >= 31) return x;
        int bits = 8 * ((int)b + 1);
        BigInteger low = x & ((BigInteger.One << bits) - 1);
        return low >= (BigInteger.One << (bits - 1)) ? low - (BigInteger.One << bits) : low;
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_BigInteger_over_all_boundary_pairs(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckPairs(Boundary, Boundary, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_BigInteger_over_random_operands(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckZip(RandomA, RandomB, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Gives_the_same_result_when_the_output_aliases_an_input(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckAliasing(Boundary, op, oracle), Is.Empty);
    }

    [Test]
    public void Byte_and_SignExtend_over_every_index_in_range_and_past_it()
    {
        BigInteger[] indices = [.. Enumerable.Range(0, 40).Select(i => (BigInteger)i), TwoPow64, TwoPow64 + 5, TwoPow256 - 1];
        BigInteger[] values = [.. Boundary, .. RandomA[..50]];
        Assert.That(CheckPairs(indices, values, UInt256.Byte, EvmByte), Is.Empty);
        Assert.That(CheckPairs(indices, values, UInt256.SignExtend, EvmSignExtend), Is.Empty);
    }

    [Test]
    public void SignExtend_examples()
    {
        UInt256.SignExtend(U(0), U(0xFF), out UInt256 a);
        UInt256.SignExtend(U(0), U(0x7F), out UInt256 b);
        UInt256.SignExtend(U(1), U(0x12_8000), out UInt256 c);
        UInt256.SignExtend(U(30), U(TwoPow255 + (BigInteger.One << 247) - 1), out UInt256 d);
        Assert.That(Big(a), Is.EqualTo(TwoPow256 - 1));
        Assert.That(Big(b), Is.EqualTo((BigInteger)0x7F));
        Assert.That(Big(c), Is.EqualTo(TwoPow256 - 0x8000));
        Assert.That(Big(d), Is.EqualTo((BigInteger.One << 247) - 1)); // sign bit 247 clear: bits 248..255 cleared
    }

    [Test]
    public void Byte_examples()
    {
        UInt256 v = U(Hex("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"));
        var got = new List<BigInteger>();
        for (int i = 0; i < 33; i++)
        {
            UInt256.Byte(U(i), v, out UInt256 r);
            got.Add(Big(r));
        }
        Assert.That(got, Is.EqualTo(Enumerable.Range(1, 32).Select(i => (BigInteger)i).Append(BigInteger.Zero)));
    }

    [Test]
    public void Not_matches_BigInteger_and_tolerates_aliasing()
    {
        var failures = new List<string>();
        foreach (BigInteger x in (BigInteger[])[.. Boundary, .. RandomA])
        {
            UInt256 a = U(x);
            UInt256.Not(a, out UInt256 r);
            if (Big(r) != TwoPow256 - 1 - x) failures.Add(Show(x));
            if (Big(~a) != TwoPow256 - 1 - x) failures.Add("operator " + Show(x));
            UInt256.Not(in a, out a);
            if (Big(a) != TwoPow256 - 1 - x) failures.Add("aliased " + Show(x));
        }
        Assert.That(failures, Is.Empty);
    }

    private static IEnumerable<TestCaseData> ShiftOps()
    {
        yield return Case("ShiftLeft", UInt256.ShiftLeft, (x, s) => s >= 256 ? 0 : x << s);
        yield return Case("ShiftRight", UInt256.ShiftRight, (x, s) => s >= 256 ? 0 : x >> s);
        yield return Case("ShiftRightArithmetic", UInt256.ShiftRightArithmetic, (x, s) => Signed(x) >> Math.Min(s, 1000));
        yield return Case("operator<<", (in UInt256 v, int s, out UInt256 r) => r = v << s, (x, s) => s >= 256 ? 0 : x << s);
        yield return Case("operator>>", (in UInt256 v, int s, out UInt256 r) => r = v >> s, (x, s) => s >= 256 ? 0 : x >> s);
    }

    [TestCaseSource(nameof(ShiftOps))]
    public void Shift_matches_BigInteger_for_every_shift_class(ShiftOp op, Func<BigInteger, int, BigInteger> oracle)
    {
        var failures = new List<string>();
        int[] shifts = [.. Shifts, .. Enumerable.Range(0, 256)];
        foreach (BigInteger x in (BigInteger[])[.. Boundary, .. RandomA[..100]])
        {
            foreach (int s in shifts)
            {
                BigInteger expected = Wrap(oracle(x, s));
                UInt256 a = U(x);
                op(a, s, out UInt256 r);
                if (Big(r) != expected && failures.Count < 5) failures.Add($"{Show(x)} by {s}: got {Show(Big(r))}, expected {Show(expected)}");
                op(in a, s, out a);
                if (Big(a) != expected && failures.Count < 5) failures.Add($"aliased {Show(x)} by {s}");
            }
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Negative_shift_counts_are_treated_as_out_of_range()
    {
        UInt256 v = U(TwoPow255 + 12345);
        UInt256.ShiftLeft(v, -1, out UInt256 l);
        UInt256.ShiftRight(v, -1, out UInt256 r);
        UInt256.ShiftRightArithmetic(v, int.MinValue, out UInt256 sar);
        Assert.That(Big(l), Is.EqualTo(BigInteger.Zero));
        Assert.That(Big(r), Is.EqualTo(BigInteger.Zero));
        Assert.That(Big(sar), Is.EqualTo(TwoPow256 - 1));
    }

    [Test]
    public void Sar_examples_from_eip_145()
    {
        // EIP-145 test vectors (value, shift, expected).
        (string value, int shift, string expected)[] cases =
        [
            ("0000000000000000000000000000000000000000000000000000000000000001", 0, "0000000000000000000000000000000000000000000000000000000000000001"),
            ("0000000000000000000000000000000000000000000000000000000000000001", 1, "0000000000000000000000000000000000000000000000000000000000000000"),
            ("8000000000000000000000000000000000000000000000000000000000000000", 1, "c000000000000000000000000000000000000000000000000000000000000000"),
            ("8000000000000000000000000000000000000000000000000000000000000000", 255, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            ("8000000000000000000000000000000000000000000000000000000000000000", 256, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 0, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            ("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 256, "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            ("4000000000000000000000000000000000000000000000000000000000000000", 254, "0000000000000000000000000000000000000000000000000000000000000001"),
            ("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 255, "0000000000000000000000000000000000000000000000000000000000000000"),
            ("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 256, "0000000000000000000000000000000000000000000000000000000000000000"),
        ];
        foreach (var (value, shift, expected) in cases)
        {
            UInt256.ShiftRightArithmetic(U(Hex(value)), shift, out UInt256 r);
            Assert.That(Show(Big(r)), Is.EqualTo(Show(Hex(expected))), $"SAR {value} by {shift}");
        }
    }

    [Test]
    public void IsPowerOfTwo_holds_for_exactly_the_single_bit_values()
    {
        var failures = new List<string>();
        IEnumerable<BigInteger> values = Boundary.Concat(RandomA).Concat(Enumerable.Range(0, 256).SelectMany(k =>
            new[] { BigInteger.One << k, (BigInteger.One << k) + 1, (BigInteger.One << k) * 3 }));
        foreach (BigInteger x in values)
        {
            BigInteger v = x % TwoPow256;
            bool expected = v > 0 && (v & (v - 1)) == 0;
            if (UInt256.IsPowerOfTwo(U(v)) != expected) failures.Add(v.ToString("x"));
        }
        Assert.That(failures, Is.Empty);
    }
}
