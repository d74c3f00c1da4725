using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Calls;

/// <summary>eth_estimateGas equals the smallest gas limit that succeeds, found by brute force below the estimate.</summary>
public sealed class EstimateGasTests
{
    private static IEnumerable<TestCaseData> Requests()
    {
        yield return new TestCaseData((Func<CallRequest>)(() => new CallRequest { From = TestAccounts.Address(0), To = TestAccounts.Address(1), Value = 5 }))
            .SetName("Estimate: plain transfer");
        yield return new TestCaseData((Func<CallRequest>)(() => new CallRequest { To = CallContracts.Setter })).SetName("Estimate: fresh SSTORE");
        yield return new TestCaseData((Func<CallRequest>)(() => new CallRequest { To = CallContracts.Caller })).SetName("Estimate: nested call (63/64 rule)");
        yield return new TestCaseData((Func<CallRequest>)(() => new CallRequest { To = CallContracts.Clearer })).SetName("Estimate: refund");
        yield return new TestCaseData((Func<CallRequest>)(() => new CallRequest { From = TestAccounts.Address(0), Data = BenchToken.CreationCode() }))
            .SetName("Estimate: ERC-20 creation");
        yield return new TestCaseData((Func<CallRequest>)(() => new CallRequest
        {
            From = TestAccounts.Address(0), To = BenchToken.CreatedBy(TestAccounts.Address(0), 0),
            Data = BenchToken.Mint(TestAccounts.Address(3), 77), MaxFeePerGas = new UInt256(5_000_000_000),
        })).SetName("Estimate: ERC-20 mint with a fee cap");
    }

    [TestCaseSource(nameof(Requests))]
    public void EstimateIsTheMinimalSucceedingGas(Func<CallRequest> make)
    {
        using var f = new ChainFixture(genesis: CallContracts.Genesis());
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000));
        CallRequest request = make();
        ulong head = f.Chain.Head.Number;

        EstimateOutcome estimate = f.Chain.EstimateGas(request, head);
        Assert.That(estimate.Ok, Is.True, estimate.Error);
        Assert.That(f.Chain.Call(request with { Gas = estimate.Gas }, head).Success, Is.True);
        // Brute force below: every limit in the 300 under the estimate fails.
        for (ulong gas = estimate.Gas - 1; gas + 300 >= estimate.Gas && gas >= 21_000; gas--)
            Assert.That(f.Chain.Call(request with { Gas = gas }, head).Success, Is.False, $"gas {gas} also succeeds; estimate {estimate.Gas}");
    }

    [Test]
    public void RefundAndNestedCallNeedMoreThanTheyUse()
    {
        using var f = new ChainFixture(genesis: CallContracts.Genesis());
        foreach (Address to in new[] { CallContracts.Clearer, CallContracts.Caller })
        {
            var request = new CallRequest { To = to };
            ulong used = f.Chain.Call(request, 0).GasUsed;
            Assert.That(f.Chain.EstimateGas(request, 0).Gas, Is.GreaterThan(used), to.ToString());
        }
    }

    [Test]
    public void CapByBalanceGivesAllowanceError()
    {
        using var f = new ChainFixture(genesis: CallContracts.Genesis());
        // An unfunded sender with a gas price can afford no gas at all.
        var request = new CallRequest { From = Address.FromLowUlong(0x999), To = TestAccounts.Address(1), GasPrice = new UInt256(1_000_000_000) };
        EstimateOutcome e = f.Chain.EstimateGas(request, 0);
        Assert.That(e.Ok, Is.False);
        Assert.That(e.Error, Is.EqualTo("gas required exceeds allowance (0)"));
        // Account 0 affords the transfer: the cap by funds does not bind.
        Assert.That(f.Chain.EstimateGas(request with { From = TestAccounts.Address(0) }, 0).Gas, Is.EqualTo(21_000UL));
        var withValue = request with { Value = new UInt256(1) };
        Assert.That(f.Chain.EstimateGas(withValue, 0).Error, Is.EqualTo("insufficient funds for transfer"));
    }
}
