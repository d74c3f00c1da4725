using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;
using static OasisEth.Primitives.Tests.UInt256TestSupport;

namespace OasisEth.Primitives.Tests;

[TestFixture]
public class UInt256DivisionTests
{
    private static readonly BigInteger[] RandomA = RandomOperands(4000, 3003);
    private static readonly BigInteger[] RandomB = RandomOperands(4000, 4004);
    private static readonly BigInteger[] RandomM = RandomOperands(4000, 5005);

    private static BigInteger EvmDiv(BigInteger x, BigInteger y) => y.IsZero ? 0 : BigInteger.Divide(x, y);
    private static BigInteger EvmMod(BigInteger x, BigInteger y) => y.IsZero ? 0 : BigInteger.Remainder(x, y);
    private static BigInteger EvmAddMod(BigInteger x, BigInteger y, BigInteger m) => m.IsZero ? 0 : (x + y) % m;
    private static BigInteger EvmMulMod(BigInteger x, BigInteger y, BigInteger m) => m.IsZero ? 0 : x * y % m;

    private static IEnumerable<TestCaseData> BinaryOps()
    {
        yield return Case("Divide", UInt256.Divide, EvmDiv);
        yield return Case("Mod", UInt256.Mod, EvmMod);
        yield return Case("operator/", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a / b, EvmDiv);
        yield return Case("operator%", (in UInt256 a, in UInt256 b, out UInt256 r) => r = a % b, EvmMod);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_BigInteger_over_all_boundary_pairs(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckPairs(Boundary, Boundary, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_BigInteger_over_random_mixed_width_operands(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        // Random limb counts 1..4 on both sides reach every divisor length and every quotient length.
        Assert.That(CheckZip(RandomA, RandomB, op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Matches_BigInteger_when_the_divisor_shares_the_dividend_s_top_limbs(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        // Dividend and divisor agreeing in their top limbs is where Knuth's qhat estimate is too large and the
        // refinement and add-back steps run.
        var xs = new List<BigInteger>();
        var ys = new List<BigInteger>();
        foreach (BigInteger y in RandomB)
        {
            int bits = (int)y.GetBitLength();
            if (bits <= 64) continue;
            BigInteger top = y >> (bits - 64);
            foreach (int extra in (int[])[0, 1, 64, 65, 128])
            {
                if (bits + extra > 256) continue;
                BigInteger x = (top << (bits + extra - 64)) | (RandomA[xs.Count % RandomA.Length] & ((BigInteger.One << (bits + extra - 64)) - 1));
                xs.Add(x);
                ys.Add(y);
                xs.Add(x - 1 >= 0 ? x - 1 : 0);
                ys.Add(y);
            }
        }
        Assert.That(xs, Has.Count.GreaterThan(1000));
        Assert.That(CheckZip([.. xs], [.. ys], op, oracle), Is.Empty);
    }

    [TestCaseSource(nameof(BinaryOps))]
    public void Gives_the_same_result_when_the_output_aliases_an_input(BinaryOp op, Func<BigInteger, BigInteger, BigInteger> oracle)
    {
        Assert.That(CheckAliasing(Boundary, op, oracle), Is.Empty);
    }

    private static IEnumerable<TestCaseData> TernaryOps()
    {
        yield return Case("AddMod", UInt256.AddMod, EvmAddMod);
        yield return Case("MulMod", UInt256.MulMod, EvmMulMod);
    }

    [TestCaseSource(nameof(TernaryOps))]
    public void Matches_BigInteger_over_all_boundary_triples(TernaryOp op, Func<BigInteger, BigInteger, BigInteger, BigInteger> oracle)
    {
        var failures = new List<string>();
        foreach (BigInteger x in SmallBoundary)
        foreach (BigInteger y in SmallBoundary)
        foreach (BigInteger m in SmallBoundary)
        {
            op(U(x), U(y), U(m), out UInt256 r);
            BigInteger expected = oracle(x, y, m);
            if (Big(r) != expected && failures.Count < 5) failures.Add($"({Show(x)}, {Show(y)}, {Show(m)}): expected {Show(expected)}, got {Show(Big(r))}");
        }
        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(TernaryOps))]
    public void Matches_BigInteger_over_random_mixed_width_operands_(TernaryOp op, Func<BigInteger, BigInteger, BigInteger, BigInteger> oracle)
    {
        var failures = new List<string>();
        for (int i = 0; i < RandomA.Length; i++)
        {
            // Also with reduced operands, which AddMod takes a shortcut for.
            BigInteger m = RandomM[i];
            bool reduce = i % 2 == 1 && !m.IsZero;
            BigInteger x = reduce ? RandomA[i] % m : RandomA[i];
            BigInteger y = reduce ? RandomB[i] % m : RandomB[i];
            op(U(x), U(y), U(m), out UInt256 r);
            BigInteger expected = oracle(x, y, m);
            if (Big(r) != expected && failures.Count < 5) failures.Add($"({Show(x)}, {Show(y)}, {Show(m)}): expected {Show(expected)}, got {Show(Big(r))}");
        }
        Assert.That(failures, Is.Empty);
    }

    [TestCaseSource(nameof(TernaryOps))]
    public void Gives_the_same_result_when_the_output_aliases_any_input(TernaryOp op, Func<BigInteger, BigInteger, BigInteger, BigInteger> oracle)
    {
        var failures = new List<string>();
        foreach (BigInteger x in SmallBoundary)
        foreach (BigInteger y in SmallBoundary)
        foreach (BigInteger m in SmallBoundary)
        {
            BigInteger expected = oracle(x, y, m);
            UInt256 a = U(x), b = U(y), n = U(m);
            op(in a, in b, in n, out a);
            if (Big(a) != expected && failures.Count < 5) failures.Add($"out=a ({Show(x)}, {Show(y)}, {Show(m)})");
            a = U(x);
            op(in a, in b, in n, out b);
            if (Big(b) != expected && failures.Count < 5) failures.Add($"out=b ({Show(x)}, {Show(y)}, {Show(m)})");
            b = U(y);
            op(in a, in b, in n, out n);
            if (Big(n) != expected && failures.Count < 5) failures.Add($"out=m ({Show(x)}, {Show(y)}, {Show(m)})");
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Division_by_zero_gives_zero()
    {
        UInt256 x = U(TwoPow256 - 1);
        UInt256.Divide(x, UInt256.Zero, out UInt256 q);
        UInt256.Mod(x, UInt256.Zero, out UInt256 r);
        UInt256.AddMod(x, x, UInt256.Zero, out UInt256 am);
        UInt256.MulMod(x, x, UInt256.Zero, out UInt256 mm);
        Assert.That(new[] { Big(q), Big(r), Big(am), Big(mm) }, Is.All.EqualTo(BigInteger.Zero));
    }

    [Test]
    public void AddMod_uses_the_257_bit_sum()
    {
        // (2^256 - 1) + (2^256 - 1) = 2^257 - 2; mod (2^256 - 3) that is 4, not the wrapped sum's residue.
        UInt256 max = U(TwoPow256 - 1);
        UInt256.AddMod(max, max, U(TwoPow256 - 3), out UInt256 r);
        Assert.That(Big(r), Is.EqualTo((2 * (TwoPow256 - 1)) % (TwoPow256 - 3)));
    }

    [Test]
    public void MulMod_uses_the_512_bit_product()
    {
        UInt256 max = U(TwoPow256 - 1);
        UInt256.MulMod(max, max, U(12), out UInt256 r);
        Assert.That(Big(r), Is.EqualTo((TwoPow256 - 1) * (TwoPow256 - 1) % 12));
    }
}
