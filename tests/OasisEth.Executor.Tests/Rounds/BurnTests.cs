using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>The burned amount the round hands the ledger: base fees plus ether destroyed, measured exactly.</summary>
public sealed class BurnTests
{
    [Test]
    public void BaseFeesAreBurnedAndTipsGoToTheOperators()
    {
        using var f = new ChainFixture();
        SupplyFigures before = f.Chain.GetSupply(0);
        RoundResult r = f.Round(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 5), TestAccounts.Legacy(1, 0, TestAccounts.Address(2), 5));
        SupplyFigures after = f.Chain.GetSupply(1);
        UInt256 baseFees = (UInt256)r.Block.Header.GasUsed * r.Block.Header.BaseFee;
        Assert.That(after.Burned - before.Burned, Is.EqualTo(baseFees));
        AssertAddsUp(after);
        // Nothing is left at the fee collector once the round has closed.
        Assert.That(f.Chain.OpenState(1).GetBalance(OethLedger.FeeCollector), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void EtherDestroyedBySelfDestructInItsCreationIsBurned()
    {
        using var f = new ChainFixture();
        UInt256 value = new(123_456_789);
        byte[] initCode = Hex.Decode("30ff"); // SELFDESTRUCT(ADDRESS): the value goes to the dying contract itself
        SupplyFigures before = f.Chain.GetSupply(0);
        RoundResult r = f.Round(TestAccounts.Tx(0, 0, null, value, initCode, gas: 100_000));
        Assert.That(r.Receipts.Single().Success, Is.True);
        SupplyFigures after = f.Chain.GetSupply(1);
        UInt256 baseFees = (UInt256)r.Block.Header.GasUsed * r.Block.Header.BaseFee;
        Assert.That(after.Burned - before.Burned, Is.EqualTo(baseFees + value));
        AssertAddsUp(after);
    }

    private static void AssertAddsUp(SupplyFigures s) =>
        Assert.That(s.RewardPool + s.Unclaimed + s.Circulating + s.Burned, Is.EqualTo(OethLedger.TotalSupply));
}
