using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Calls;

public sealed class CallTests
{
    private static ChainFixture NewChain(ChainOptions? options = null) => new(genesis: CallContracts.Genesis(), options: options);

    [Test]
    public void CallReturnsOutputAndCommitsNothing()
    {
        using var f = NewChain();
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000),
            TestAccounts.Tx(0, 1, token, 0, BenchToken.Mint(TestAccounts.Address(1), 1234), gas: 200_000));
        ulong head = f.Chain.Head.Number;

        CallOutcome balance = f.Chain.Call(new CallRequest { To = token, Data = BenchToken.BalanceOf(TestAccounts.Address(1)) }, head);
        Assert.That(balance.Success, Is.True);
        Assert.That(balance.Error, Is.Null);
        Assert.That(UInt256.FromBigEndian(balance.Output), Is.EqualTo(new UInt256(1234)));

        // A state-changing call from an account with no ether (no gas price: no fee, no balance needed).
        CallOutcome set = f.Chain.Call(new CallRequest { From = Address.FromLowUlong(0x999), To = CallContracts.Setter }, head);
        Assert.That(set.Success, Is.True);
        Assert.That(set.GasUsed, Is.EqualTo(21_000UL + 22_100 + 6));
        Assert.That(f.Chain.OpenState(head).GetStorage(CallContracts.Setter, UInt256.Zero), Is.EqualTo(UInt256.Zero));

        // The token at block 0 did not exist: an empty result.
        CallOutcome before = f.Chain.Call(new CallRequest { To = token, Data = BenchToken.BalanceOf(TestAccounts.Address(1)) }, 0);
        Assert.That(before.Success, Is.True);
        Assert.That(before.Output, Is.Empty);
    }

    [Test]
    public void RevertingCallReturnsTheRevertData()
    {
        using var f = NewChain();
        CallOutcome r = f.Chain.Call(new CallRequest { To = CallContracts.Reverter }, 0);
        Assert.That(r.Success, Is.False);
        Assert.That(r.Reverted, Is.True);
        Assert.That(r.Error, Is.EqualTo("execution reverted"));
        Assert.That(r.Output, Is.EqualTo(Hex.Decode("deadbeef")));

        EstimateOutcome e = f.Chain.EstimateGas(new CallRequest { To = CallContracts.Reverter }, 0);
        Assert.That(e.Ok, Is.False);
        Assert.That(e.Error, Is.EqualTo("execution reverted"));
        Assert.That(e.RevertData, Is.EqualTo(Hex.Decode("deadbeef")));
    }

    [Test]
    public void RevertReasonStringIsDecodedGethStyle()
    {
        byte[] data = EntryRunner.AbiError("nope");
        Assert.That(GethErrors.Reverted(data), Is.EqualTo("execution reverted: nope"));
        Assert.That(GethErrors.Reverted(data[..40]), Is.EqualTo("execution reverted"));
        Assert.That(GethErrors.Reverted([]), Is.EqualTo("execution reverted"));
    }

    [Test]
    public void CallWithAGasPriceNeedsFunds()
    {
        using var f = NewChain();
        var poor = new CallRequest { From = Address.FromLowUlong(0x999), To = TestAccounts.Address(1), GasPrice = new UInt256(2_000_000_000) };
        Assert.That(f.Chain.Call(poor, 0).Error, Is.EqualTo("insufficient funds for gas * price + value"));
        var rich = poor with { From = TestAccounts.Address(0) };
        Assert.That(f.Chain.Call(rich, 0).Success, Is.True);
        var low = rich with { GasPrice = UInt256.One };
        Assert.That(f.Chain.Call(low, 0).Error, Is.EqualTo("max fee per gas less than block base fee"));
        var tooLittleGas = rich with { Gas = 20_000 };
        Assert.That(f.Chain.Call(tooLittleGas, 0).Error, Is.EqualTo("intrinsic gas too low"));
    }

    [Test]
    public void ContractMayBeTheCallSender()
    {
        using var f = NewChain();
        CallOutcome r = f.Chain.Call(new CallRequest { From = CallContracts.Setter, To = TestAccounts.Address(1) }, 0);
        Assert.That(r.Success, Is.True, r.Error);
    }

    [Test]
    public void OutOfGasCallReportsTheError()
    {
        using var f = NewChain();
        CallOutcome r = f.Chain.Call(new CallRequest { To = CallContracts.Setter, Gas = 30_000 }, 0);
        Assert.That(r.Success, Is.False);
        Assert.That(r.Reverted, Is.False);
        Assert.That(r.Error, Is.EqualTo("out of gas"));
    }

    [Test]
    public void PrunedAndFutureBlocksAreUnavailable()
    {
        using var f = NewChain(new ChainOptions { SyncCommits = false, KeptRounds = 2 });
        for (int i = 0; i < 4; i++) f.Round();
        var request = new CallRequest { To = CallContracts.Setter };
        Assert.Throws<StateUnavailableException>(() => f.Chain.Call(request, 1));
        Assert.Throws<StateUnavailableException>(() => f.Chain.Call(request, 9));
        Assert.Throws<StateUnavailableException>(() => f.Chain.OpenState(0));
        Assert.That(f.Chain.Call(request, 3).Success, Is.True);
        Assert.That(f.Chain.OldestStateBlock, Is.EqualTo(3UL));
    }
}
