using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>The genesis's <c>ewasm</c> setting decides what wasm code is: with it on (the dev genesis) rounds, calls
/// and estimates run it as an Ewasm contract; with it off the same bytes are EVM code, and the leading 0x00 is STOP.</summary>
public sealed class EwasmRoundTests
{
    private static readonly Address Counter = Evm.ContractAddress.FromCreate(TestAccounts.Address(0), 0);

    private static byte[] Deploy() => TestAccounts.Tx(0, 0, null, 0, EwasmCounter.DeployCode(EwasmCounter.Code), gas: 1_000_000);

    [Test]
    public void With_ewasm_on_rounds_deploy_and_run_the_contract_and_calls_see_its_results_and_reverts()
    {
        using var f = new ChainFixture();
        Assert.That(f.Genesis.Ewasm, Is.True, "the dev genesis runs Ewasm");
        RoundResult deployed = f.Round(Deploy());
        Assert.That(deployed.Receipts[0].Success, Is.True);
        Assert.That(deployed.Receipts[0].ContractAddress, Is.EqualTo(Counter));
        Assert.That(f.Chain.OpenState(1).GetCode(Counter), Is.EqualTo(EwasmCounter.Code));

        RoundResult called = f.Round(TestAccounts.Tx(1, 0, Counter, 0, gas: 100_000), TestAccounts.Tx(2, 0, Counter, 0, gas: 100_000));
        Assert.That(called.Receipts.Select(r => r.Success), Is.All.True);
        Assert.That(called.Receipts[1].GasUsed, Is.GreaterThan(21_000UL), "the contract's work is charged");

        CallOutcome call = f.Chain.Call(new CallRequest { From = TestAccounts.Address(3), To = Counter }, f.Chain.Head.Number);
        Assert.That(call.Success, Is.True, call.Error);
        Assert.That(UInt256.FromBigEndian(call.Output), Is.EqualTo(new UInt256(3)), "two calls counted, the third simulated");

        CallOutcome reverted = f.Chain.Call(new CallRequest { From = TestAccounts.Address(3), To = Counter, Data = [1] }, f.Chain.Head.Number);
        Assert.That(reverted.Success, Is.False);
        Assert.That(reverted.Reverted, Is.True);
        Assert.That(reverted.Output, Is.EqualTo(EwasmCounter.RevertData));

        EstimateOutcome estimate = f.Chain.EstimateGas(new CallRequest { From = TestAccounts.Address(3), To = Counter }, f.Chain.Head.Number);
        Assert.That(estimate.Ok, Is.True, estimate.Error);
        Assert.That(estimate.Gas, Is.GreaterThan(21_000UL));
        EstimateOutcome refused = f.Chain.EstimateGas(new CallRequest { From = TestAccounts.Address(3), To = Counter, Data = [1] }, f.Chain.Head.Number);
        Assert.That(refused.Ok, Is.False);
        Assert.That(refused.RevertData, Is.EqualTo(EwasmCounter.RevertData));
    }

    [Test]
    public void With_ewasm_off_the_same_init_code_is_evm_code_that_stops_at_once()
    {
        using var f = new ChainFixture(genesis: ChainFixture.DevGenesis(8) with { Ewasm = false });
        RoundResult deployed = f.Round(Deploy());
        Assert.That(deployed.Receipts[0].Success, Is.True);
        Assert.That(f.Chain.OpenState(1).GetCode(Counter), Is.Empty, "STOP returns no code");
    }

    [Test]
    public void The_same_rounds_give_the_same_roots_on_two_chains()
    {
        using var a = new ChainFixture();
        using var b = new ChainFixture();
        foreach (ChainFixture f in new[] { a, b })
        {
            f.Round(Deploy());
            f.Round(TestAccounts.Tx(1, 0, Counter, 0, gas: 100_000), TestAccounts.Tx(2, 0, Counter, 0, [7], gas: 100_000));
        }
        Assert.That(b.Chain.Head.StateRoot, Is.EqualTo(a.Chain.Head.StateRoot));
        Assert.That(b.Chain.Head.Hash, Is.EqualTo(a.Chain.Head.Hash));
        Assert.That(a.Chain.GetBlock(2)!.Header.ReceiptsRoot, Is.EqualTo(b.Chain.GetBlock(2)!.Header.ReceiptsRoot));
    }
}
