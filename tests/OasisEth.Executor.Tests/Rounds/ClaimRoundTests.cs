using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>Claim transactions as the round runs them: a good claim pays out; a refused one fails its receipt with the
/// reason, keeps the gas paid and the nonce used, and changes nothing else.</summary>
public sealed class ClaimRoundTests
{
    private static readonly byte[] EntityKey = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
    private static readonly Address Beneficiary = Address.FromLowUlong(0xbeef);
    private static readonly UInt256 Gwei = new(1_000_000_000);

    /// <summary>A round whose tips accrue to the one good entity.</summary>
    private static RoundResult EarningRound(ChainFixture f, int from, ulong nonce)
    {
        ulong number = f.Chain.Head.Number + 1;
        return f.Chain.ExecuteRound(new RoundInput(number, number * 6,
            [TestAccounts.Tx(from, nonce, TestAccounts.Address(7), 1, tip: 3_000_000_000)], [OethClaims.PublicKey(EntityKey)]));
    }

    [Test]
    public void GoodClaimPaysOutRefusedClaimFailsTheReceiptOnly()
    {
        using var f = new ChainFixture();
        EarningRound(f, 0, 0);
        UInt256 accrued = f.Chain.GetSupply(1).Unclaimed;
        Assert.That(accrued, Is.EqualTo(21_000 * 3 * Gwei)); // the tips of round 1

        byte[] claim = OethClaims.BuildCalldata(EntityKey, ChainFixture.ChainId, Beneficiary, 0);
        RoundResult good = f.Round(TestAccounts.Tx(1, 0, OethClaims.Address, 0, claim, gas: 100_000));
        Assert.That(good.Receipts.Single().Success, Is.True, EntryRunnerText(good.Receipts.Single()));
        Assert.That(f.Chain.OpenState(2).GetBalance(Beneficiary), Is.EqualTo(accrued));

        // The same claim again (nonce 0 is used): refused, receipt failed, reason as revert data.
        UInt256 senderBefore = f.Chain.OpenState(2).GetBalance(TestAccounts.Address(1));
        RoundResult replay = f.Round(TestAccounts.Tx(1, 1, OethClaims.Address, 0, claim, gas: 100_000));
        StoredReceipt refused = replay.Receipts.Single();
        Assert.That(replay.Rejected, Is.Empty);
        Assert.That(refused.Success, Is.False);
        Assert.That(GethErrors.Reverted(refused.RevertData), Does.StartWith("execution reverted: claim refused: "));
        IStateView after = f.Chain.OpenState(3);
        Assert.That(after.GetNonce(TestAccounts.Address(1)), Is.EqualTo(2UL));
        Assert.That(after.GetBalance(TestAccounts.Address(1)), Is.EqualTo(senderBefore - (UInt256)refused.GasUsed * refused.EffectiveGasPrice));
        Assert.That(after.GetBalance(Beneficiary), Is.EqualTo(accrued));
        Assert.That(f.Chain.GetReceipt(refused.TransactionHash)!.RevertData, Is.EqualTo(refused.RevertData));
    }

    [Test]
    public void ClaimWithValueIsRefusedAndTheValueReturned()
    {
        using var f = new ChainFixture();
        EarningRound(f, 0, 0);
        byte[] claim = OethClaims.BuildCalldata(EntityKey, ChainFixture.ChainId, Beneficiary, 0);
        UInt256 before = f.Chain.OpenState(1).GetBalance(TestAccounts.Address(1));
        RoundResult r = f.Round(TestAccounts.Tx(1, 0, OethClaims.Address, 5 * Gwei, claim, gas: 100_000));
        StoredReceipt receipt = r.Receipts.Single();
        Assert.That(receipt.Success, Is.False);
        Assert.That(GethErrors.Reverted(receipt.RevertData), Does.Contain("no value"));
        IStateView state = f.Chain.OpenState(2);
        Assert.That(state.GetBalance(TestAccounts.Address(1)), Is.EqualTo(before - (UInt256)receipt.GasUsed * receipt.EffectiveGasPrice));
        Assert.That(state.GetBalance(OethClaims.Address), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetBalance(Beneficiary), Is.EqualTo(UInt256.Zero));
        SupplyFigures s = f.Chain.GetSupply(2);
        Assert.That(s.RewardPool + s.Unclaimed + s.Circulating + s.Burned, Is.EqualTo(OethLedger.TotalSupply));
    }

    [Test]
    public void CallToTheClaimsAddressReportsTheRefusal()
    {
        using var f = new ChainFixture();
        byte[] claim = OethClaims.BuildCalldata(EntityKey, ChainFixture.ChainId, Beneficiary, 0);
        CallOutcome o = f.Chain.Call(new CallRequest { From = TestAccounts.Address(1), To = OethClaims.Address, Data = claim }, 0);
        Assert.That(o.Success, Is.False);
        Assert.That(o.Reverted, Is.True);
        Assert.That(o.Error, Does.StartWith("execution reverted: claim refused: "));
    }

    private static string EntryRunnerText(StoredReceipt r) => r.RevertData.Length == 0 ? "" : GethErrors.Reverted(r.RevertData);
}
