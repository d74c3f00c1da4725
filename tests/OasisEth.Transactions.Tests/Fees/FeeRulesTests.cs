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

    /// <summary>Dynamic-fee rows: fee cap, tip cap, base fee → price, tip, whether the cap covers the base fee.</summary>
    [TestCase(100UL, 7UL, 50UL, 57UL, 7UL, true, TestName = "Tip below the room the cap leaves is paid in full")]
    [TestCase(100UL, 80UL, 50UL, 100UL, 50UL, true, TestName = "Tip above the room the cap leaves is cut to the room")]
    [TestCase(50UL, 10UL, 50UL, 50UL, 0UL, true, TestName = "Fee cap equal to the base fee pays the base fee and no tip")]
    [TestCase(49UL, 10UL, 50UL, 49UL, 0UL, false, TestName = "Fee cap below the base fee does not cover it, prices at the cap, no tip")]
    [TestCase(100UL, 7UL, 0UL, 7UL, 7UL, true, TestName = "Zero base fee makes the tip the price")]
    [TestCase(5UL, 7UL, 0UL, 5UL, 5UL, true, TestName = "Zero base fee with a tip above the cap prices at the cap")]
    [TestCase(0UL, 0UL, 0UL, 0UL, 0UL, true, TestName = "Zero fees at zero base fee cost nothing")]
    public void DynamicFee(ulong maxFee, ulong tip, ulong baseFee, ulong price, ulong paidTip, bool covers)
    {
        Transaction tx = Dynamic(maxFee, tip);
        Assert.That(FeeRules.EffectiveGasPrice(tx, new UInt256(baseFee)), Is.EqualTo(new UInt256(price)));
        Assert.That(FeeRules.EffectiveTip(tx, new UInt256(baseFee)), Is.EqualTo(new UInt256(paidTip)));
        Assert.That(FeeRules.CoversBaseFee(tx, new UInt256(baseFee)), Is.EqualTo(covers));
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
    public void LegacyPriceAtZeroBaseFeeIsAllTip()
    {
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
