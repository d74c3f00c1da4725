using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>Batch entries that are not executed: each reason, no state change, no fee, the rest of the batch runs.</summary>
public sealed class RejectionTests
{
    private const int Unfunded = 77;

    private static IEnumerable<TestCaseData> Cases()
    {
        yield return Case("undecodable bytes", () => [0x01, 0x02, 0x03], "TransactionException.");
        yield return Case("empty entry", () => [], "RLP_ERROR");
        yield return Case("truncated transaction", () => TestAccounts.Tx(4, 0, TestAccounts.Address(5), 1)[..40], "TransactionException.");
        yield return Case("bad signature (s = 0)", () => TransactionEncoder.Encode(new Transaction
        {
            Type = TxType.DynamicFee, ChainId = ChainFixture.ChainId, Nonce = 0, MaxFeePerGas = 10_000_000_000,
            MaxPriorityFeePerGas = 1, GasLimit = 21_000, To = TestAccounts.Address(5), V = 0, R = 1, S = 0,
        }), "INVALID_SIGNATURE");
        yield return Case("wrong chain id", () => TestAccounts.Tx(4, 0, TestAccounts.Address(5), 1, chainId: 1), "INVALID_CHAINID");
        yield return Case("nonce too high", () => TestAccounts.Tx(4, 5, TestAccounts.Address(5), 1), "NONCE_MISMATCH_TOO_HIGH");
        yield return Case("insufficient funds", () => TestAccounts.Tx(Unfunded, 0, TestAccounts.Address(5), 1), "INSUFFICIENT_ACCOUNT_FUNDS");
        yield return Case("value beyond balance", () => TestAccounts.Tx(4, 0, TestAccounts.Address(5), ChainFixture.Funding), "INSUFFICIENT_ACCOUNT_FUNDS");
        yield return Case("fee below base fee", () => TestAccounts.Tx(4, 0, TestAccounts.Address(5), 1, maxFee: 500_000_000, tip: 0), "INSUFFICIENT_MAX_FEE_PER_GAS");
        yield return Case("legacy price below base fee", () => TestAccounts.Legacy(4, 0, TestAccounts.Address(5), 1, gasPrice: 999_999_999), "INSUFFICIENT_MAX_FEE_PER_GAS");
        yield return Case("over the block's remaining gas", () => TestAccounts.Tx(4, 0, TestAccounts.Address(5), 1, gas: 30_000_000 - 20_000), "GAS_ALLOWANCE_EXCEEDED");
        yield return Case("intrinsic gas too low", () => TestAccounts.Tx(4, 0, TestAccounts.Address(5), 1, gas: 20_999), "INTRINSIC_GAS_TOO_LOW");
        yield return Case("blob transaction", () => TestAccounts.Sign(new Transaction
        {
            Type = TxType.Blob, ChainId = ChainFixture.ChainId, Nonce = 0, MaxFeePerGas = 10_000_000_000, MaxPriorityFeePerGas = 1,
            GasLimit = 21_000, To = TestAccounts.Address(5), MaxFeePerBlobGas = 1,
            BlobVersionedHashes = [Hash256.Parse("0x01" + new string('0', 62))],
        }, TestAccounts.Key(4)), "not supported");
    }

    private static TestCaseData Case(string name, Func<byte[]> raw, string reason) =>
        new TestCaseData(raw, reason).SetName("Rejected: " + name);

    [TestCaseSource(nameof(Cases))]
    public void RejectedEntryChangesNothingAndTheRestExecutes(Func<byte[]> makeRaw, string reason)
    {
        using var f = new ChainFixture();
        byte[] bad = makeRaw();
        byte[] before = TestAccounts.Tx(0, 0, TestAccounts.Address(1), 3);
        byte[] after = TestAccounts.Tx(2, 0, TestAccounts.Address(3), 4);
        RoundResult r = f.Round(before, bad, after);

        RejectedTransaction rejected = r.Rejected.Single();
        Assert.That(rejected.BatchIndex, Is.EqualTo(1));
        Assert.That(rejected.Hash, Is.EqualTo(Keccak.Compute(bad)));
        Assert.That(rejected.Reason, Does.Contain(reason));
        Assert.That(r.Block.Transactions.Select(t => t.Raw), Is.EqualTo(new[] { before, after }));
        Assert.That(r.Receipts.Select(x => x.TransactionIndex), Is.EqualTo(new[] { 0, 1 }));
        Assert.That(f.Chain.GetTransaction(Keccak.Compute(bad)), Is.Null);

        IStateView state = f.Chain.OpenState(1);
        foreach (int account in new[] { 4, Unfunded, 5 })
        {
            Assert.That(state.GetNonce(TestAccounts.Address(account)), Is.EqualTo(0UL), $"nonce of {account}");
            UInt256 funding = account == Unfunded ? UInt256.Zero : ChainFixture.Funding;
            Assert.That(state.GetBalance(TestAccounts.Address(account)), Is.EqualTo(funding), $"balance of {account}");
        }
        Assert.That(state.GetNonce(TestAccounts.Address(2)), Is.EqualTo(1UL));
    }

    [Test]
    public void ReplayedAndDuplicatedTransactionsAreRejectedAsNonceTooLow()
    {
        using var f = new ChainFixture();
        byte[] tx = TestAccounts.Tx(0, 0, TestAccounts.Address(1), 3);
        RoundResult first = f.Round(tx, tx);
        Assert.That(first.Rejected.Single().Reason, Does.Contain("NONCE_MISMATCH_TOO_LOW"));
        RoundResult second = f.Round(tx);
        Assert.That(second.Rejected.Single().Reason, Does.Contain("NONCE_MISMATCH_TOO_LOW"));
        Assert.That(second.Block.Transactions, Is.Empty);
        Assert.That(f.Chain.GetTransaction(Keccak.Compute(tx))!.BlockNumber, Is.EqualTo(1UL));
    }

    [Test]
    public void NullAndGarbageEntriesNeverThrow()
    {
        using var f = new ChainFixture();
        var random = new Random(7);
        var batch = new List<byte[]> { null!, TestAccounts.Tx(0, 0, TestAccounts.Address(1), 3) };
        for (int i = 0; i < 50; i++)
        {
            byte[] garbage = new byte[random.Next(0, 200)];
            random.NextBytes(garbage);
            batch.Add(garbage);
        }
        byte[] valid = TestAccounts.Tx(1, 0, TestAccounts.Address(2), 3);
        // Mutations of a valid transaction: a flipped byte anywhere.
        for (int i = 0; i < valid.Length; i += 3)
        {
            byte[] mutated = (byte[])valid.Clone();
            mutated[i] ^= 0x5a;
            batch.Add(mutated);
        }
        RoundResult r = f.Round([.. batch]);
        Assert.That(r.Block.Transactions, Has.Count.GreaterThanOrEqualTo(1));
        Assert.That(r.Rejected.Count + r.Block.Transactions.Count, Is.EqualTo(batch.Count));
        Assert.That(r.Rejected[0].BatchIndex, Is.EqualTo(0));
    }
}
