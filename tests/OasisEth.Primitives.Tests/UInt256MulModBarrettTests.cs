using System.Numerics;
using NUnit.Framework;
using OasisEth.Primitives;
using static OasisEth.Primitives.Tests.UInt256TestSupport;

namespace OasisEth.Primitives.Tests;

/// <summary>
/// MULMOD by a four-limb modulus goes through Barrett reduction with a per-thread constant: it must equal the exact
/// (x * y) mod m for every operand, at the edges of its correction loop, and across changes of modulus and threads.
/// </summary>
[TestFixture]
public class UInt256MulModBarrettTests
{
    private static BigInteger Expected(BigInteger x, BigInteger y, BigInteger m) => m.IsZero ? 0 : x * y % m;

    private static string? Check(BigInteger x, BigInteger y, BigInteger m)
    {
        UInt256.MulMod(U(x), U(y), U(m), out UInt256 r);
        BigInteger expected = Expected(x, y, m);
        return Big(r) == expected ? null : $"({Show(x)}, {Show(y)}, {Show(m)}): expected {Show(expected)}, got {Show(Big(r))}";
    }

    /// <summary>Random four-limb moduli: the top limb anything from 1 up, so mu spans its whole range.</summary>
    private static BigInteger[] FourLimbModuli(int count, int seed)
    {
        var random = new Random(seed);
        var result = new BigInteger[count];
        var bytes = new byte[32];
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            BigInteger low = new(bytes.AsSpan(0, 24), isUnsigned: true);
            ulong top = (i % 4) switch
            {
                0 => 1,
                1 => (ulong)random.NextInt64(1, 1 << 20),
                2 => ulong.MaxValue - (ulong)random.NextInt64(0, 1 << 20),
                _ => (ulong)random.NextInt64(1, long.MaxValue) * 2 + 1,
            };
            result[i] = ((BigInteger)top << 192) | low;
        }
        return result;
    }

    [Test]
    public void Matches_BigInteger_for_random_four_limb_moduli_and_operands()
    {
        BigInteger[] moduli = FourLimbModuli(20_000, 77);
        BigInteger[] a = RandomOperands(20_000, 78), b = RandomOperands(20_000, 79);
        var failures = new List<string>();
        for (int i = 0; i < moduli.Length && failures.Count < 5; i++)
        {
            BigInteger m = moduli[i];
            // Half the time reduced operands (as modular-arithmetic code keeps them), half any width.
            BigInteger x = i % 2 == 0 ? a[i] % m : a[i], y = i % 2 == 0 ? b[i] % m : b[i];
            if (Check(x, y, m) is { } failure) failures.Add(failure);
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Matches_BigInteger_at_the_edges_of_modulus_and_operands()
    {
        BigInteger one = BigInteger.One;
        BigInteger[] moduli =
        [
            (one << 192) + 1, (one << 192) + (one << 64), (one << 193) - 1, one << 193, one << 255, (one << 255) + 1,
            TwoPow256 - 1, TwoPow256 - 2, ((one << 192) | ((one << 192) - 1)), (one << 192) | 1,
            Hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47"),
            Hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"),
            Hex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"),
        ];
        var failures = new List<string>();
        foreach (BigInteger m in moduli)
        {
            BigInteger[] operands = [0, 1, 2, m - 1, m, m + 1 < TwoPow256 ? m + 1 : m - 2, TwoPow256 - 1, TwoPow256 - 2, m >> 1, (m - 1) / 2 + 1];
            foreach (BigInteger x in operands)
            foreach (BigInteger y in operands)
            {
                if (Check(x, y, m) is { } failure && failures.Count < 5) failures.Add(failure);
            }
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Alternating_moduli_on_one_thread_each_get_their_own_constant()
    {
        BigInteger[] moduli = FourLimbModuli(3, 91);
        BigInteger[] a = RandomOperands(3000, 92);
        var failures = new List<string>();
        for (int i = 0; i < a.Length && failures.Count < 5; i++)
        {
            BigInteger m = moduli[i % 3];
            if (Check(a[i], a[(i + 1) % a.Length], m) is { } failure) failures.Add(failure);
        }
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void Threads_with_different_moduli_do_not_share_a_constant()
    {
        BigInteger[] moduli = FourLimbModuli(8, 93);
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            BigInteger[] a = RandomOperands(2000, 100 + t);
            for (int i = 0; i < a.Length; i++)
            {
                if (Check(a[i], a[(i * 7 + 3) % a.Length], moduli[t]) is { } failure) failures.Add(failure);
            }
        });
        Assert.That(failures, Is.Empty);
    }
}
