using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Executor.Tests.Dev;

/// <summary>Dev state edits (IDevChain): visible to head reads at once, written by the next round, kept by the
/// store, accounted for in the supply figures, gone on rollback.</summary>
public sealed class StateEditTests
{
    private static readonly Address Fresh = Address.Parse("0x00000000000000000000000000000000000000aa");

    // PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: returns 42.
    private static readonly byte[] Returns42 = Hex.Decode("602a60005260206000f3");

    [Test]
    public void EditsAreVisibleToHeadReadsBeforeAnyBlockAndInTheNextBlocksState()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        f.Round();
        var slot = new UInt256(7);
        dev.SetBalance(Fresh, new UInt256(5) * GenesisConfig.Oeth);
        dev.SetNonce(Fresh, 9);
        dev.SetCode(Fresh, Returns42);
        dev.SetStorage(Fresh, slot, new UInt256(0x1234));
        Hash256 rootBefore = f.Chain.Head.StateRoot;

        ulong head = f.Chain.Head.Number;
        IStateView view = f.Chain.OpenState(head);
        Assert.That(view.GetBalance(Fresh), Is.EqualTo(new UInt256(5) * GenesisConfig.Oeth));
        Assert.That(view.GetNonce(Fresh), Is.EqualTo(9UL));
        Assert.That(view.GetCode(Fresh), Is.EqualTo(Returns42));
        Assert.That(view.GetStorage(Fresh, slot), Is.EqualTo(new UInt256(0x1234)));
        Assert.That(f.Chain.Head.StateRoot, Is.EqualTo(rootBefore), "no block was mined");
        Assert.That(f.Chain.OpenState(head - 1).GetBalance(Fresh), Is.EqualTo(UInt256.Zero), "older blocks are untouched");

        CallOutcome call = f.Chain.Call(new CallRequest { To = Fresh }, head);
        Assert.That(call.Success, Is.True);
        Assert.That(UInt256.FromBigEndian(call.Output), Is.EqualTo(new UInt256(42)));
        Assert.That(f.Chain.EstimateGas(new CallRequest { To = Fresh }, head).Ok, Is.True);

        RoundResult next = f.Round();
        Assert.That(next.Block.Header.StateRoot, Is.Not.EqualTo(rootBefore));
        IStateView mined = f.Chain.OpenState(next.Block.Header.Number);
        Assert.That(mined.GetBalance(Fresh), Is.EqualTo(new UInt256(5) * GenesisConfig.Oeth));
        Assert.That(mined.GetNonce(Fresh), Is.EqualTo(9UL));
        Assert.That(mined.GetCode(Fresh), Is.EqualTo(Returns42));
        Assert.That(mined.GetStorage(Fresh, slot), Is.EqualTo(new UInt256(0x1234)));
        Assert.That(dev.PendingEdits.IsEmpty, Is.True);

        // The block's root covers the edits: a second chain making the same round without them differs.
        using var plain = new ChainFixture();
        plain.Round();
        Assert.That(plain.Round().Block.Header.StateRoot, Is.Not.EqualTo(next.Block.Header.StateRoot));
    }

    [Test]
    public void MinedEditsSurviveARestartAndUnminedOnesDoNot()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        dev.SetBalance(Fresh, new UInt256(3));
        f.Round();
        dev.SetBalance(Fresh, new UInt256(4)); // not mined before the restart
        f.Reopen();
        Assert.That(f.Chain.OpenState(f.Chain.Head.Number).GetBalance(Fresh), Is.EqualTo(new UInt256(3)));
        Assert.That(f.Chain.GetSupply(f.Chain.Head.Number).DevMinted, Is.EqualTo(new UInt256(3)));
    }

    [Test]
    public void BalanceEditsShowInTheSupplyFiguresWhichStillAddUp()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        Address funded = TestAccounts.Address(1);
        SupplyFigures before = f.Chain.GetSupply(0);
        Assert.That(before.Total, Is.EqualTo(OethLedger.TotalSupply));

        dev.SetBalance(Fresh, new UInt256(100));
        dev.SetBalance(funded, ChainFixture.Funding - new UInt256(30));
        Assert.That(dev.AddBalance(Fresh, new UInt256(5)), Is.EqualTo(new UInt256(105)));

        SupplyFigures pending = f.Chain.GetSupply(0);
        Assert.That(pending.DevMinted, Is.EqualTo(new UInt256(105)));
        Assert.That(pending.DevDestroyed, Is.EqualTo(new UInt256(30)));
        Assert.That(pending.Circulating, Is.EqualTo(before.Circulating + new UInt256(75)));
        Assert.That(pending.Total, Is.EqualTo(OethLedger.TotalSupply + new UInt256(75)));

        // A transfer in the same block as the edits: the round's burn is measured from the edited balances.
        RoundResult r = f.Round(TestAccounts.Tx(1, 0, Fresh, 1));
        Assert.That(r.Receipts, Has.Count.EqualTo(1));
        SupplyFigures after = f.Chain.GetSupply(1);
        Assert.That(after.DevMinted, Is.EqualTo(new UInt256(105)));
        Assert.That(after.DevDestroyed, Is.EqualTo(new UInt256(30)));
        Assert.That(after.Total, Is.EqualTo(OethLedger.TotalSupply + new UInt256(75)));
        UInt256 fee = (UInt256)r.Receipts[0].GasUsed * r.Block.Header.BaseFee;
        Assert.That(after.Burned - before.Burned, Is.EqualTo(fee), "the edit is not mistaken for a burn or a mint");
        Assert.That(f.Chain.OpenState(1).GetBalance(Fresh), Is.EqualTo(new UInt256(106)));
    }

    [Test]
    public void AddBalanceSaturatesAndEqualBalancesAdjustNothing()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        dev.SetBalance(Fresh, UInt256.MaxValue - new UInt256(1));
        Assert.That(dev.AddBalance(Fresh, new UInt256(10)), Is.EqualTo(UInt256.MaxValue));
        using var g = new ChainFixture();
        ((IDevChain)g.Chain).SetBalance(TestAccounts.Address(0), ChainFixture.Funding);
        Assert.That(g.Chain.GetSupply(0).DevMinted, Is.EqualTo(UInt256.Zero));
        Assert.That(g.Chain.GetSupply(0).DevDestroyed, Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void SystemAccountsCannotBeEdited()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        Assert.Throws<InvalidOperationException>(() => dev.SetBalance(OethLedger.FeeCollector, UInt256.One));
        Assert.Throws<InvalidOperationException>(() => dev.SetStorage(OethLedger.LedgerAddress, OethSlotsPool, UInt256.One));
        Assert.Throws<InvalidOperationException>(() => dev.SetCode(OethClaims.Address, [0x00]));
        Assert.That(dev.PendingEdits.IsEmpty, Is.True);
    }

    private static readonly UInt256 OethSlotsPool = new(1);

    [Test]
    public void PoolAdmissionSeesEditedBalancesAndNonces()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        dev.SetBalance(TestAccounts.Address(0), UInt256.Zero);
        Assert.That(f.Chain.CheckTx(TestAccounts.Tx(0, 0, Fresh, 1)).Error, Is.EqualTo("insufficient funds for gas * price + value"));
        dev.SetBalance(TestAccounts.Address(0), GenesisConfig.Oeth);
        dev.SetNonce(TestAccounts.Address(0), 5);
        Assert.That(f.Chain.CheckTx(TestAccounts.Tx(0, 0, Fresh, 1)).Error, Is.EqualTo("nonce too low"));
        Assert.That(f.Chain.CheckTx(TestAccounts.Tx(0, 5, Fresh, 1)).Ok, Is.True);
        RoundResult r = f.Round(TestAccounts.Tx(0, 5, Fresh, 1));
        Assert.That(r.Receipts, Has.Count.EqualTo(1), "the round applies the edits before its transactions");
    }

    [Test]
    public void RollbackDropsPendingEditsAndRestoreEditsPutsThemBack()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        f.Round();
        dev.SetBalance(Fresh, new UInt256(8));
        StateEdits saved = dev.PendingEdits;
        f.Round();
        f.Chain.RollbackTo(1);
        Assert.That(f.Chain.OpenState(1).GetBalance(Fresh), Is.EqualTo(UInt256.Zero));
        dev.RestoreEdits(saved);
        Assert.That(f.Chain.OpenState(1).GetBalance(Fresh), Is.EqualTo(new UInt256(8)));
        dev.RestoreEdits(StateEdits.Empty(0)); // another head's: ignored
        Assert.That(f.Chain.OpenState(1).GetBalance(Fresh), Is.EqualTo(new UInt256(8)));
    }

    [Test]
    public void NextBaseFeeOverrideIsUsedOnceThenTheRuleGoesOnFromIt()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        f.Round();
        dev.NextBaseFeeOverride = new UInt256(50_000_000_000);
        Assert.That(dev.NextBaseFee, Is.EqualTo(new UInt256(50_000_000_000)));
        Assert.That(f.Chain.CheckTx(TestAccounts.Tx(0, 0, Fresh, 1)).Error, Is.EqualTo("max fee per gas less than block base fee"));
        RoundResult r = f.Round();
        Assert.That(r.Block.Header.BaseFee, Is.EqualTo(new UInt256(50_000_000_000)));
        Assert.That(dev.NextBaseFeeOverride, Is.Null);
        Assert.That(f.Round().Block.Header.BaseFee, Is.EqualTo(BaseFee.ForBlock(3, f.Genesis, r.Block.Header)));
    }

    [Test]
    public void ACoinbaseOverrideTakesTheTipsAndCreatesNothing()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        dev.Coinbase = Fresh;
        RoundResult r = f.Round(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1));
        Assert.That(r.Block.Header.Coinbase, Is.EqualTo(Fresh));
        UInt256 tip = r.Receipts[0].EffectiveGasPrice - r.Block.Header.BaseFee;
        Assert.That(f.Chain.OpenState(1).GetBalance(Fresh), Is.EqualTo(tip * (UInt256)r.Receipts[0].GasUsed));
        SupplyFigures s = f.Chain.GetSupply(1);
        Assert.That(s.Total, Is.EqualTo(OethLedger.TotalSupply));
        Assert.That(s.Unclaimed, Is.EqualTo(UInt256.Zero), "no tips reached the operators");
        f.Reopen();
        Assert.That(f.Chain.GetBlock(1)!.Header.Coinbase, Is.EqualTo(Fresh));
        Assert.That(((IDevChain)f.Chain).Coinbase, Is.Null, "in memory only");
    }
}
