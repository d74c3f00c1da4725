using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

/// <summary>The placeholders must already charge mainnet prices (gas accounting of failing calls depends on it) and must fail.</summary>
public class NotImplementedPrecompilesTests
{
    private static long Gas(IPrecompile p, int length, Fork fork) => p.RequiredGas(new byte[length], fork);

    [Test]
    public void PointEvaluationCosts50000() =>
        Assert.That(Gas(NotImplementedPrecompiles.PointEvaluation, 192, Fork.Cancun), Is.EqualTo(50000));

    [Test]
    public void Bls12PricesFollowFinalEip2537()
    {
        Assert.That(Gas(NotImplementedPrecompiles.Bls12G1Add, 256, Fork.Prague), Is.EqualTo(375));
        Assert.That(Gas(NotImplementedPrecompiles.Bls12G2Add, 512, Fork.Prague), Is.EqualTo(600));
        Assert.That(Gas(NotImplementedPrecompiles.Bls12MapFpToG1, 64, Fork.Prague), Is.EqualTo(5500));
        Assert.That(Gas(NotImplementedPrecompiles.Bls12MapFp2ToG2, 128, Fork.Prague), Is.EqualTo(23800));
        Assert.That(Gas(NotImplementedPrecompiles.Bls12Pairing, 2 * 384, Fork.Prague), Is.EqualTo(37700 + 2 * 32600));

        IPrecompile g1 = NotImplementedPrecompiles.Bls12G1Msm, g2 = NotImplementedPrecompiles.Bls12G2Msm;
        Assert.That(Gas(g1, 0, Fork.Prague), Is.EqualTo(0));
        Assert.That(Gas(g1, 160, Fork.Prague), Is.EqualTo(12000));
        Assert.That(Gas(g1, 2 * 160, Fork.Prague), Is.EqualTo(2 * 12000 * 949 / 1000));
        Assert.That(Gas(g1, 128 * 160, Fork.Prague), Is.EqualTo(128L * 12000 * 519 / 1000));
        Assert.That(Gas(g1, 200 * 160, Fork.Prague), Is.EqualTo(200L * 12000 * 519 / 1000), "max discount past 128");
        Assert.That(Gas(g2, 288, Fork.Prague), Is.EqualTo(22500));
        Assert.That(Gas(g2, 2 * 288, Fork.Prague), Is.EqualTo(45000), "G2 gives no discount for 2 pairs");
        Assert.That(Gas(g2, 3 * 288, Fork.Prague), Is.EqualTo(3 * 22500 * 923 / 1000));
        Assert.That(Gas(g2, 300 * 288, Fork.Prague), Is.EqualTo(300L * 22500 * 524 / 1000));
    }

    [Test]
    public void EveryPlaceholderFails()
    {
        IPrecompile[] all =
        [
            NotImplementedPrecompiles.PointEvaluation, NotImplementedPrecompiles.Bls12G1Add,
            NotImplementedPrecompiles.Bls12G1Msm, NotImplementedPrecompiles.Bls12G2Add,
            NotImplementedPrecompiles.Bls12G2Msm, NotImplementedPrecompiles.Bls12Pairing,
            NotImplementedPrecompiles.Bls12MapFpToG1, NotImplementedPrecompiles.Bls12MapFp2ToG2,
        ];
        foreach (IPrecompile p in all) Assert.That(p.Run([], Fork.Prague).Success, Is.False);
    }
}
