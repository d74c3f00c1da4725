using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>The binary-GCD inversion and the windowed exponentiation against their plain definitions and the BigInteger oracle.</summary>
public class InversionTests
{
    private static readonly BigInteger P = FieldTests.P;

    private static IEnumerable<BigInteger> Inputs()
    {
        // Edges: tiny, p - small, powers of two (long runs of halvings), all-ones limbs, values near 2^64 (exact-word
        // path from the first round), Montgomery R and R^-1 neighbourhoods.
        BigInteger[] edges =
        [
            1, 2, 3, 4, P - 1, P - 2, P - 3, (P - 1) / 2, (P + 1) / 2, P / 3,
            BigInteger.One << 63, (BigInteger.One << 64) - 1, BigInteger.One << 64, (BigInteger.One << 64) + 1,
            BigInteger.One << 127, BigInteger.One << 200, BigInteger.One << 380, (BigInteger.One << 381) % P,
            (BigInteger.One << 380) - 1, BigInteger.Pow(3, 200) % P, (BigInteger.One << 384) % P,
        ];
        foreach (BigInteger e in edges) yield return e;
        var rng = new Random(4844);
        byte[] buf = new byte[48];
        for (int i = 0; i < 2000; i++)
        {
            rng.NextBytes(buf);
            int bits = 1 + rng.Next(381); // a spread of sizes, so some rounds start short
            BigInteger v = new BigInteger(buf, isUnsigned: true) % (BigInteger.One << bits) % P;
            if (!v.IsZero) yield return v;
        }
    }

    [Test]
    public void BinaryGcdMatchesFermatAndTheOracle()
    {
        int count = 0;
        foreach (BigInteger v in Inputs())
        {
            Fp a = FieldTests.ToFp(v);
            Fp inv = Fp.Inverse(a);
            Assert.That(inv.Equals(Fp.InverseByFermat(a)), Is.True, $"fermat, input {v:X}");
            Assert.That(FieldTests.ToBig(inv), Is.EqualTo(BigInteger.ModPow(v, P - 2, P)), $"oracle, input {v:X}");
            Assert.That((a * inv).IsOne, Is.True);
            count++;
        }
        Assert.That(count, Is.GreaterThan(1900));
    }

    [Test]
    public void ZeroInvertsToZeroLikeFermat()
    {
        Assert.That(Fp.Inverse(Fp.Zero).IsZero, Is.True);
        Assert.That(Fp.InverseByFermat(Fp.Zero).IsZero, Is.True);
    }

    [Test]
    public void Fp2InverseUsesTheFastPathConsistently()
    {
        var rng = new Random(2537);
        byte[] buf = new byte[48];
        for (int i = 0; i < 200; i++)
        {
            rng.NextBytes(buf);
            BigInteger c0 = new BigInteger(buf, isUnsigned: true) % P;
            rng.NextBytes(buf);
            BigInteger c1 = i % 10 == 0 ? BigInteger.Zero : new BigInteger(buf, isUnsigned: true) % P;
            var a = new Fp2(FieldTests.ToFp(c0), FieldTests.ToFp(c1));
            if (a.IsZero) continue;
            Assert.That((a * Fp2.Inverse(a)).IsOne, Is.True);
        }
    }

    [Test]
    public void WindowedPowMatchesBitByBitAndTheOracle()
    {
        var rng = new Random(381);
        byte[] buf = new byte[48];
        for (int i = 0; i < 200; i++)
        {
            rng.NextBytes(buf);
            BigInteger v = new BigInteger(buf, isUnsigned: true) % P;
            // Exponents: short, sparse, dense, one limb, all six limbs; with zero runs longer than the window.
            ulong[] e = (i % 5) switch
            {
                0 => [(ulong)i],
                1 => [1UL << (i % 64), 0, 1UL << 7],
                2 => [ulong.MaxValue, ulong.MaxValue],
                3 => [0x8000000000000001, 0, 0, 0x10],
                _ => [(ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64(), (ulong)rng.NextInt64()],
            };
            Fp a = FieldTests.ToFp(v);
            Fp fast = Fp.Pow(a, e);
            Assert.That(fast.Equals(Fp.PowByBits(a, e)), Is.True, $"sample {i}");
            BigInteger exponent = new BigInteger(System.Runtime.InteropServices.MemoryMarshal.AsBytes<ulong>(e), isUnsigned: true);
            Assert.That(FieldTests.ToBig(fast), Is.EqualTo(BigInteger.ModPow(v, exponent, P)), $"oracle {i}");
        }
        Assert.That(Fp.Pow(FieldTests.ToFp(5), [0UL]).IsOne, Is.True, "a^0");
    }
}
