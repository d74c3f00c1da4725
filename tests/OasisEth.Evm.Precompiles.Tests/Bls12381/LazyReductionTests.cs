using System.Numerics;
using NUnit.Framework;
using OasisEth.Evm.Precompiles.Bls12381;

namespace OasisEth.Evm.Precompiles.Tests.Bls12381;

/// <summary>The lazily reduced Fp2 product against the plain Karatsuba one and the BigInteger oracle.</summary>
public class LazyReductionTests
{
    private static readonly BigInteger P = FieldTests.P;

    private static IEnumerable<BigInteger> Values()
    {
        // p - 1 makes the unreduced sums and the products as large as they get; 0 and 1 make c0 = a0 b0 - a1 b1 borrow.
        BigInteger[] edges = [0, 1, 2, P - 1, P - 2, (P - 1) / 2, BigInteger.One << 380, (BigInteger.One << 64) - 1];
        foreach (BigInteger e in edges) yield return e;
        var rng = new Random(768);
        byte[] buf = new byte[48];
        for (int i = 0; i < 120; i++)
        {
            rng.NextBytes(buf);
            yield return new BigInteger(buf, isUnsigned: true) % P;
        }
    }

    [Test]
    public void WideProductReducesToTheMontgomeryProduct()
    {
        BigInteger[] xs = Values().ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            Fp a = FieldTests.ToFp(xs[i]), b = FieldTests.ToFp(xs[(i * 5 + 1) % xs.Length]);
            Assert.That(Fp.Reduce(Fp.MulWide(a, b)).Equals(a * b), Is.True, $"sample {i}");
        }
    }

    [Test]
    public void LazyFp2ProductEqualsPlainKaratsubaAndSchoolbook()
    {
        BigInteger[] xs = Values().ToArray();
        int n = 0;
        for (int i = 0; i < xs.Length; i++)
            for (int j = 0; j < xs.Length; j += 7)
            {
                BigInteger a0 = xs[i], a1 = xs[(i + 3) % xs.Length], b0 = xs[j], b1 = xs[(j * 3 + 1) % xs.Length];
                var a = new Fp2(FieldTests.ToFp(a0), FieldTests.ToFp(a1));
                var b = new Fp2(FieldTests.ToFp(b0), FieldTests.ToFp(b1));
                Fp2 lazy = Fp2.Mul(a, b);
                Assert.That(lazy.Equals(Fp2.MulPlain(a, b)), Is.True, $"({i}, {j})");
                Assert.That(FieldTests.ToBig(lazy.C0), Is.EqualTo(((a0 * b0 - a1 * b1) % P + P) % P));
                Assert.That(FieldTests.ToBig(lazy.C1), Is.EqualTo((a0 * b1 + a1 * b0) % P));
                n++;
            }
        Assert.That(n, Is.GreaterThan(1000));
    }
}
