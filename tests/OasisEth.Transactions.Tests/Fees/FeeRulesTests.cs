using OasisEth.Primitives;

namespace OasisEth.Transactions.Tests.Fees;

/// <summary>
/// The one effective-gas-price rule (<see cref="FeeRules"/>) at its edges: fee cap equal to and below the base fee,
/// a tip larger than the room the cap leaves, legacy prices, zero base fee, and values near 2^256 (no overflow).
/// </summary>
public sealed class FeeRulesTests
{
    private static Transaction Dynamic(ulong maxFee, ulong tip) => Dynamic(new UInt256(maxFee), new UInt256(tip));

    private static Transaction Dynamic(UInt256 maxFee, UInt256 tip) =>
        new() { Type = TxType.DynamicFee, MaxFeePerGas = maxFee, MaxPriorityFeePerGas = tip };

    private static Transaction Legacy(ulong price, TxType type = TxType.Legacy) => new() { Type = type, GasPrice = new UInt256(price) };

    [Test]
    public void TipBelowTheRoomIsPaidInFull()
    {
        Transaction tx = Dynamic(maxFee: 100, tip: 7);
        Assert.That(FeeRules.EffectiveGasPrice(tx, new UInt256(50)), Is.EqualTo(new UInt256(57)));
        Assert.That(FeeRules.EffectiveTip(tx, new UInt256(50)), Is.EqualTo(new UInt256(7)));
        Assert.That(FeeRules.CoversBaseFee(tx, new UInt256(50)), Is.True);
    }

    [Test]
    public void TipAboveTheRoomTheCapLeavesIsCutToTheRoom()
    {
        Transaction tx = Dynamic(maxFee: 100, tip: 80);
        Assert.That(FeeRules.EffectiveGasPrice(tx, new UInt256(50)), Is.EqualTo(new UInt256(100)));
        Assert.That(FeeRules.EffectiveTip(tx, new UInt256(50)), Is.EqualTo(new UInt256(50)));
    }

    [Test]
    public void FeeCapEqualToTheBaseFeePaysTheBaseFeeAndNoTip()
    {
        Transaction tx = Dynamic(maxFee: 50, tip: 10);
        Assert.That(FeeRules.CoversBaseFee(tx, new UInt256(50)), Is.True);
        Assert.That(FeeRules.EffectiveGasPrice(tx, new UInt256(50)), Is.EqualTo(new UInt256(50)));
        Assert.That(FeeRules.EffectiveTip(tx, new UInt256(50)), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void FeeCapBelowTheBaseFeeDoesNotCoverItAndPricesAtTheCapWithNoTip()
    {
        Transaction tx = Dynamic(maxFee: 49, tip: 10);
        Assert.That(FeeRules.CoversBaseFee(tx, new UInt256(50)), Is.False);
        // min(maxFee, baseFee + tip): the cap; never an underflowed headroom.
        Assert.That(FeeRules.EffectiveGasPrice(tx, new UInt256(50)), Is.EqualTo(new UInt256(49)));
        Assert.That(FeeRules.EffectiveTip(tx, new UInt256(50)), Is.EqualTo(UInt256.Zero));
    }

    [TestCase(TxType.Legacy)]
    [TestCase(TxType.AccessList)]
    public void LegacyAndAccessListTransactionsPayTheirGasPrice(TxType type)
    {
        Transaction tx = Legacy(30, type);
        Assert.That(FeeRules.FeeCap(tx), Is.EqualTo(new UInt256(30)));
        Assert.That(FeeRules.TipCap(tx), Is.EqualTo(new UInt256(30)));
        Assert.That(FeeRules.EffectiveGasPrice(tx, new UInt256(20)), Is.EqualTo(new UInt256(30)));
        Assert.That(FeeRules.EffectiveTip(tx, new UInt256(20)), Is.EqualTo(new UInt256(10)));
        Assert.That(FeeRules.EffectiveGasPrice(tx, new UInt256(30)), Is.EqualTo(new UInt256(30)));
        Assert.That(FeeRules.CoversBaseFee(tx, new UInt256(31)), Is.False);
        // The legacy fields of a dynamic-fee transaction are ignored, and the dynamic ones of a legacy one.
        var mixed = new Transaction { Type = type, GasPrice = new UInt256(30), MaxFeePerGas = new UInt256(5), MaxPriorityFeePerGas = new UInt256(1) };
        Assert.That(FeeRules.EffectiveGasPrice(mixed, new UInt256(20)), Is.EqualTo(new UInt256(30)));
    }

    [Test]
    public void ZeroBaseFeeMakesTheTipThePrice()
    {
        Assert.That(FeeRules.EffectiveGasPrice(Dynamic(maxFee: 100, tip: 7), UInt256.Zero), Is.EqualTo(new UInt256(7)));
        Assert.That(FeeRules.EffectiveGasPrice(Dynamic(maxFee: 5, tip: 7), UInt256.Zero), Is.EqualTo(new UInt256(5)));
        Assert.That(FeeRules.EffectiveGasPrice(Dynamic(maxFee: 0, tip: 0), UInt256.Zero), Is.EqualTo(UInt256.Zero));
        Assert.That(FeeRules.CoversBaseFee(Dynamic(maxFee: 0, tip: 0), UInt256.Zero), Is.True);
        Assert.That(FeeRules.EffectiveGasPrice(Legacy(9), UInt256.Zero), Is.EqualTo(new UInt256(9)));
        Assert.That(FeeRules.EffectiveTip(Legacy(9), UInt256.Zero), Is.EqualTo(new UInt256(9)));
    }

    [Test]
    public void HugeCapsDoNotOverflow()
    {
        UInt256 max = UInt256.MaxValue;
        Transaction tx = Dynamic(max, max);
        UInt256 baseFee = new(1_000_000_007);
        Assert.That(FeeRules.EffectiveGasPrice(tx, baseFee), Is.EqualTo(max));
        Assert.That(FeeRules.EffectiveTip(tx, baseFee), Is.EqualTo(max - baseFee));
        Assert.That(FeeRules.EffectiveGasPrice(Dynamic(max - UInt256.One, max), max), Is.EqualTo(max - UInt256.One));
    }
}
