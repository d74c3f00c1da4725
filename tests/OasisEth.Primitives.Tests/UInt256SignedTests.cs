using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;
using static OasisEth.Primitives.Tests.UInt256TestSupport;

namespace OasisEth.Primitives.Tests;

[TestFixture]
public class UInt256SignedTests
{
    private static readonly BigInteger[] RandomA = RandomOperands(4000, 8008);
    private static readonly BigInteger[] RandomB = RandomOperands(4000, 9009);

    // The EVM definitions (yellow paper): SDIV truncates toward zero, SMOD takes the dividend's sign; both give 0
    // for a zero divisor. BigInteger.Divide/Remainder have exactly those semantics on the signed readings.
    private static BigInteger EvmSdiv(BigInteger x, BigInteger y) => y.IsZero ? 0 : BigInteger.Divide(Signed(x), Signed(y));
    private static BigInteger EvmSmod(BigInteger x, BigInteger y) => y.IsZero ? 0 : BigInteger.Remainder(Signed(x), Signed(y));

    private static IEnumerable<TestCaseData> BinaryOps()
    {
        yield return Case("SignedDivide", UInt256.SignedDivide, EvmSdiv);
        yield return Case("SignedMod", UInt256.SignedMod, EvmSmod);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_the_EVM_definition_over_all_boundary_pairs(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckPairs(Boundary, Boundary, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_the_EVM_definition_over_random_operands(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        // Negate half of each side so every sign combination and width combination occurs.
        BigInteger[] xs = [.. RandomA.Select((v, i) => i % 2 == 0 ? v : Wrap(-v))];
        BigInteger[] ys = [.. RandomB.Select((v, i) => i % 4 < 2 ? v : Wrap(-v))];
        Assert.That(CheckZip(xs, ys, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Gives_the_same_result_when_the_output_aliases_an_input(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckAliasing(Boundary, op, oracle), Is.Empty);
    }

    [TestCase(-7, 2, -3, -1)]
    [TestCase(7, -2, -3, 1)]
    [TestCase(-7, -2, 3, -1)]
    [TestCase(-8, -3, 2, -2)]
    [TestCase(7, 0, 0, 0)]
    [TestCase(-1, 1, -1, 0)]
    public void Small_signed_examples(long x, long y, long quotient, long remainder)
    {
        UInt256.SignedDivide(U(x), U(y), out UInt256 q);
        UInt256.SignedMod(U(x), U(y), out UInt256 r);
        Assert.That(Signed(Big(q)), Is.EqualTo((BigInteger)quotient));
        Assert.That(Signed(Big(r)), Is.EqualTo((BigInteger)remainder));
    }

    [Test]
    public void Most_negative_divided_by_minus_one_is_itself()
    {
        UInt256.SignedDivide(U(TwoPow255), U(TwoPow256 - 1), out UInt256 q);
        UInt256.SignedMod(U(TwoPow255), U(TwoPow256 - 1), out UInt256 r);
        Assert.That(Big(q), Is.EqualTo(TwoPow255));
        Assert.That(Big(r), Is.EqualTo(BigInteger.Zero));
    }

    private static IEnumerable<TestCaseData> Relations()
    {
        yield return Case("LessThan", UInt256.LessThan, (x, y) => x < y);
        yield return Case("GreaterThan", UInt256.GreaterThan, (x, y) => x > y);
        yield return Case("SignedLessThan", UInt256.SignedLessThan, (x, y) => Signed(x) < Signed(y));
        yield return Case("SignedGreaterThan", UInt256.SignedGreaterThan, (x, y) => Signed(x) > Signed(y));
        yield return Case("operator<", (in UInt256 a, in UInt256 b) => a < b, (x, y) => x < y);
        yield return Case("operator>", (in UInt256 a, in UInt256 b) => a > b, (x, y) => x > y);
        yield return Case("operator<=", (in UInt256 a, in UInt256 b) => a <= b, (x, y) => x <= y);
        yield return Case("operator>=", (in UInt256 a, in UInt256 b) => a >= b, (x, y) => x >= y);
        yield return Case("CompareTo", (in UInt256 a, in UInt256 b) => a.CompareTo(b) < 0, (x, y) => x < y);
    }

    [TestCaseSource(nameof(Relations))]
    public void Comparison_matches_BigInteger(Relation relation, Func<BigInteger, BigInteger, bool> oracle)
    {
        var failures = new List<string>();
        BigInteger[] values = [.. Boundary, .. RandomA[..200], .. RandomA[..200].Select(v => v + 1), .. RandomA[..200].Select(v => Wrap(-v))];
        foreach (BigInteger x in values)
        {
            foreach (BigInteger y in values)
            {
                BigInteger xw = Wrap(x), yw = Wrap(y);
                if (relation(U(xw), U(yw)) != oracle(xw, yw) && failures.Count < 5) failures.Add($"{Show(xw)} vs {Show(yw)}");
            }
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Sign_and_size_queries_match_BigInteger()
    {
        var failures = new List<string>();
        foreach (BigInteger x in (BigInteger[])[.. Boundary, .. RandomA])
        {
            UInt256 v = U(x);
            int bits = x.IsZero ? 0 : (int)x.GetBitLength();
            if (v.BitLength != bits) failures.Add($"BitLength {Show(x)}: {v.BitLength}");
            if (v.ByteLength != (bits + 7) / 8) failures.Add($"ByteLength {Show(x)}: {v.ByteLength}");
            if (v.IsNegative != (x >= TwoPow255)) failures.Add($"IsNegative {Show(x)}");
            if (v.IsOne != x.IsOne) failures.Add($"IsOne {Show(x)}");
        }
        Assert.That(failures, Is.Empty);
    }
}
