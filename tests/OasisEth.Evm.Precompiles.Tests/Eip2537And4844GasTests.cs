using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Tests;

/// <summary>KZG and BLS12-381 prices (EIP-4844, final EIP-2537), including the MSM discount tables.</summary>
public class Eip2537And4844GasTests
{
    private static long Gas(IPrecompile p, int length, Fork fork) => p.RequiredGas(new byte[length], fork);

    [Test]
    public void PointEvaluationCosts50000() =>
        Assert.That(Gas(global::OasisEth.Evm.Precompiles.Kzg.PointEvaluationPrecompile.Instance, 192, Fork.Cancun), Is.EqualTo(50000));

    [Test]
    public void Bls12PricesFollowFinalEip2537()
    {
        Assert.That(Gas(global::OasisEth.Evm.Precompiles.Bls12381.Bls12G1AddPrecompile.Instance, 256, Fork.Prague), Is.EqualTo(375));
        Assert.That(Gas(global::OasisEth.Evm.Precompiles.Bls12381.Bls12G2AddPrecompile.Instance, 512, Fork.Prague), Is.EqualTo(600));
        Assert.That(Gas(global::OasisEth.Evm.Precompiles.Bls12381.Bls12MapFpToG1Precompile.Instance, 64, Fork.Prague), Is.EqualTo(5500));
        Assert.That(Gas(global::OasisEth.Evm.Precompiles.Bls12381.Bls12MapFp2ToG2Precompile.Instance, 128, Fork.Prague), Is.EqualTo(23800));
        Assert.That(Gas(global::OasisEth.Evm.Precompiles.Bls12381.Bls12PairingPrecompile.Instance, 2 * 384, Fork.Prague), Is.EqualTo(37700 + 2 * 32600));

        IPrecompile g1 = global::OasisEth.Evm.Precompiles.Bls12381.Bls12G1MsmPrecompile.Instance, g2 = global::OasisEth.Evm.Precompiles.Bls12381.Bls12G2MsmPrecompile.Instance;
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
}
