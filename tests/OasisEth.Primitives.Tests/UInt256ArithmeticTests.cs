using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;
using static OasisEth.Primitives.Tests.UInt256TestSupport;

namespace OasisEth.Primitives.Tests;

[TestFixture]
public class UInt256ArithmeticTests
{
    private static readonly BigInteger[] RandomA = RandomOperands(3000, 1001);
    private static readonly BigInteger[] RandomB = RandomOperands(3000, 2002);

    private static IEnumerable<TestCaseData> BinaryOps()
    {
        yield return Case("Add", UInt256.Add, (x, y) => x + y);
        yield return Case("Subtract", UInt256.Subtract, (x, y) => x - y);
        yield return Case("Multiply", UInt256.Multiply, (x, y) => x * y);
        yield return Case("AddOverflow", (in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.AddOverflow(a, b, out r), (x, y) => x + y);
        yield return Case("SubtractUnderflow", (in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.SubtractUnderflow(a, b, out r), (x, y) => x - y);
        yield return Case("MultiplyOverflow", (in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.MultiplyOverflow(a, b, out r), (x, y) => x * y);
        yield return Case("Exp", UInt256.Exp, (x, y) => BigInteger.ModPow(x, y, TwoPow256));
        yield return Case("operator+", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a + b, (x, y) => x + y);
        yield return Case("operator-", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a - b, (x, y) => x - y);
        yield return Case("operator*", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a * b, (x, y) => x * y);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_BigInteger_over_all_boundary_pairs(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckPairs(Boundary, Boundary, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_BigInteger_over_random_mixed_width_operands(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckZip(RandomA, RandomB, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Gives_the_same_result_when_the_output_aliases_an_input(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckAliasing(Boundary, op, oracle), Is.Empty);
    }

    [Test]
    public void Overflow_flags_match_the_exact_result()
    {
        var failures = new List<string>();
        BigInteger[] values = [.. Boundary, .. RandomA[..500]];
        foreach (BigInteger x in values)
        {
            foreach (BigInteger y in values)
            {
                UInt256 a = U(x), b = U(y);
                if (UInt256.AddOverflow(a, b, out _) != (x + y >= TwoPow256)) failures.Add($"AddOverflow {Show(x)} {Show(y)}");
                if (UInt256.SubtractUnderflow(a, b, out _) != (x < y)) failures.Add($"SubtractUnderflow {Show(x)} {Show(y)}");
                if (UInt256.MultiplyOverflow(a, b, out _) != (x * y >= TwoPow256)) failures.Add($"MultiplyOverflow {Show(x)} {Show(y)}");
                if (failures.Count > 5) break;
            }
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Negate_is_two_s_complement()
    {
        var failures = new List<string>();
        foreach (BigInteger x in (BigInteger[])[.. Boundary, .. RandomA])
        {
            UInt256 a = U(x);
            UInt256.Negate(a, out UInt256 r);
            if (Big(r) != Wrap(-x)) failures.Add(Show(x));
            UInt256.Negate(in a, out a);
            if (Big(a) != Wrap(-x)) failures.Add("aliased " + Show(x));
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Exp_shortcuts_and_full_width_exponents_match_modpow()
    {
        BigInteger[] bases = [0, 1, 2, 3, 4, 8, 16, 256, 7, 10, BigInteger.One << 64, BigInteger.One << 255, (BigInteger.One << 128) + 2,
            TwoPow256 - 1, TwoPow256 - 2, Hex("0123456789abcdeffedcba98765432100f1e2d3c4b5a69788796a5b4c3d2e1f0")];
        BigInteger[] exponents = [0, 1, 2, 3, 7, 8, 31, 32, 63, 64, 85, 127, 128, 255, 256, 257, 1000, TwoPow64 + 1,
            TwoPow256 - 1, TwoPow255 + 12345, .. RandomB[..40]];
        Assert.That(CheckPairs(bases, exponents, UInt256.Exp, (b, e) => BigInteger.ModPow(b, e, TwoPow256)), Is.Empty);
    }

    [Test]
    public void Exp_of_zero_to_the_zero_is_one()
    {
        UInt256.Exp(UInt256.Zero, UInt256.Zero, out UInt256 r);
        Assert.That(Big(r), Is.EqualTo(BigInteger.One));
    }
}
