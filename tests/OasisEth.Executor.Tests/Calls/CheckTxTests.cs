using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Calls;

public sealed class CheckTxTests
{
    [Test]
    public void AcceptsAValidTransactionAndReportsItsSender()
    {
        using var f = new ChainFixture();
        CheckTxResult r = f.Chain.CheckTx(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1));
        Assert.That(r.Ok, Is.True, r.Error);
        Assert.That(r.Transaction!.Sender, Is.EqualTo(TestAccounts.Address(0)));
        // A future nonce is for the pool to queue, not an error.
        Assert.That(f.Chain.CheckTx(TestAccounts.Tx(0, 3, TestAccounts.Address(1), 1)).Ok, Is.True);
        Assert.That(f.Chain.CheckTx(TestAccounts.Legacy(0, 0, TestAccounts.Address(1), 1, chainId: 0)).Ok, Is.True, "pre-EIP-155 legacy");
    }

    private static IEnumerable<TestCaseData> Refusals()
    {
        yield return Case("nonce too low", () => TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1), "nonce too low");
        yield return Case("insufficient funds", () => TestAccounts.Tx(50, 0, TestAccounts.Address(1), 1), "insufficient funds for gas * price + value");
        yield return Case("value beyond balance", () => TestAccounts.Tx(1, 0, TestAccounts.Address(2), ChainFixture.Funding), "insufficient funds for gas * price + value");
        yield return Case("intrinsic gas", () => TestAccounts.Tx(1, 0, TestAccounts.Address(2), 1, gas: 20_000), "intrinsic gas too low");
        yield return Case("fee below base fee", () => TestAccounts.Tx(1, 0, TestAccounts.Address(2), 1, maxFee: 100, tip: 0), "max fee per gas less than block base fee");
        yield return Case("block gas limit", () => TestAccounts.Tx(1, 0, TestAccounts.Address(2), 1, gas: 30_000_001), "exceeds block gas limit");
        yield return Case("chain id", () => TestAccounts.Tx(1, 0, TestAccounts.Address(2), 1, chainId: 5), "invalid chain id");
        yield return Case("signature", () => TransactionEncoder.Encode(new Transaction
        {
            Type = TxType.DynamicFee, ChainId = ChainFixture.ChainId, MaxFeePerGas = 10_000_000_000, GasLimit = 21_000,
            To = TestAccounts.Address(2), V = 0, R = 0, S = 1,
        }), "invalid sender");
        yield return Case("blob", () => TestAccounts.Sign(new Transaction
        {
            Type = TxType.Blob, ChainId = ChainFixture.ChainId, MaxFeePerGas = 10_000_000_000, GasLimit = 21_000,
            To = TestAccounts.Address(2), MaxFeePerBlobGas = 1, BlobVersionedHashes = [Hash256.Parse("0x01" + new string('0', 62))],
        }, TestAccounts.Key(1)), "transaction type not supported");
        yield return Case("garbage", () => [0xc3, 0x01], "TransactionException.");
    }

    private static TestCaseData Case(string name, Func<byte[]> raw, string error) => new TestCaseData(raw, error).SetName("CheckTx refuses: " + name);

    [TestCaseSource(nameof(Refusals))]
    public void RefusesWithGethWording(Func<byte[]> make, string error)
    {
        using var f = new ChainFixture();
        f.Round(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1));
        CheckTxResult r = f.Chain.CheckTx(make());
        Assert.That(r.Ok, Is.False);
        Assert.That(r.Error, Does.StartWith(error));
    }

    [Test]
    public void ContractSenderIsRefused()
    {
        // Test account 1 gets code at genesis (a key-holding address that is a contract).
        GenesisConfig g = ChainFixture.DevGenesis(2);
        var allocations = g.Allocations.Select(a => a.Address == TestAccounts.Address(1) ? a with { Code = CallContracts.SetterCode } : a).ToList();
        using var withCode = new ChainFixture(genesis: g with { Allocations = allocations });
        Assert.That(withCode.Chain.CheckTx(TestAccounts.Tx(1, 0, TestAccounts.Address(0), 1)).Error, Is.EqualTo("sender not an eoa"));
        Assert.That(withCode.Chain.CheckTx(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1)).Ok, Is.True);
    }
}
