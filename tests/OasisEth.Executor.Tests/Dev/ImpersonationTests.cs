using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Executor.Tests.Dev;

/// <summary>Transactions marked as sent by an impersonated address (no key): accepted by the dev chain only while
/// impersonated, executed as that sender, stored and read back (also after a restart), refused by the shared round
/// logic the ParaTime runtime uses.</summary>
public sealed class ImpersonationTests
{
    private static readonly Address Whale = Address.Parse("0x00000000000000000000000000000000000000bb");
    private static readonly Address Target = Address.Parse("0x00000000000000000000000000000000000000cc");

    private static Transaction Unsigned(ulong nonce, TxType type = TxType.DynamicFee) => new()
    {
        Type = type, ChainId = ChainFixture.ChainId, Nonce = nonce, GasLimit = 21_000, To = Target, Value = new UInt256(7),
        MaxFeePerGas = type >= TxType.DynamicFee ? new UInt256(10_000_000_000) : UInt256.Zero,
        MaxPriorityFeePerGas = type >= TxType.DynamicFee ? new UInt256(1_000_000_000) : UInt256.Zero,
        GasPrice = type < TxType.DynamicFee ? new UInt256(10_000_000_000) : UInt256.Zero,
    };

    [TestCase(TxType.DynamicFee)]
    [TestCase(TxType.Legacy)]
    [TestCase(TxType.AccessList)]
    public void AnImpersonatedSendIsAdmittedExecutedAndStoredAsTheSender(TxType type)
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        dev.SetBalance(Whale, GenesisConfig.Oeth);
        byte[] raw = ImpersonatedTransactions.Encode(Unsigned(0, type), Whale);
        Assert.That(ImpersonatedTransactions.IsMarked(raw, out Address marked) && marked == Whale, Is.True);

        Assert.That(f.Chain.CheckTx(raw).Ok, Is.False, "not impersonated yet");
        dev.Impersonate(Whale);
        CheckTxResult check = f.Chain.CheckTx(raw);
        Assert.That(check.Error, Is.Null);
        Assert.That(check.Transaction!.Sender, Is.EqualTo(Whale));
        Assert.That(check.Transaction.Hash, Is.EqualTo(Keccak.Compute(raw)));

        RoundResult r = f.Round(raw);
        Assert.That(r.Rejected, Is.Empty);
        Assert.That(r.Receipts[0].From, Is.EqualTo(Whale));
        Assert.That(r.Receipts[0].Success, Is.True);
        Assert.That(f.Chain.OpenState(1).GetBalance(Target), Is.EqualTo(new UInt256(7)));
        Assert.That(f.Chain.OpenState(1).GetNonce(Whale), Is.EqualTo(1UL));

        f.Reopen(); // the block is decoded from its stored bytes again
        StoredTransaction? stored = f.Chain.GetTransaction(Keccak.Compute(raw));
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.Transaction.Sender, Is.EqualTo(Whale));
        Assert.That(f.Chain.GetBlock(1)!.Transactions[0].Transaction.Sender, Is.EqualTo(Whale));
    }

    [Test]
    public void StopImpersonatingAndAutoImpersonate()
    {
        using var f = new ChainFixture();
        IDevChain dev = f.Chain;
        dev.SetBalance(Whale, GenesisConfig.Oeth);
        byte[] raw = ImpersonatedTransactions.Encode(Unsigned(0), Whale);
        dev.Impersonate(Whale);
        dev.StopImpersonating(Whale);
        Assert.That(f.Chain.CheckTx(raw).Ok, Is.False);
        dev.AutoImpersonate = true;
        Assert.That(dev.IsImpersonated(Target), Is.True);
        Assert.That(f.Chain.CheckTx(raw).Ok, Is.True);
        dev.AutoImpersonate = false;
        Assert.That(f.Chain.CheckTx(raw).Ok, Is.False);
    }

    [Test]
    public void TheSharedRoundLogicRefusesMarkedTransactions()
    {
        var executor = new RoundExecutor(ChainFixture.DevGenesis(1));
        byte[] raw = ImpersonatedTransactions.Encode(Unsigned(0), Whale);
        Assert.That(executor.TryDecode(raw, out _, out string? error), Is.False);
        Assert.That(error, Does.Contain("SIGNATURE"));
        Assert.That(TransactionDecoder.TryDecode(raw, ChainFixture.DevGenesis(1).Fork, ChainFixture.ChainId, out _, out _), Is.False);
    }

    [Test]
    public void OrdinaryTransactionsAreNotMarked()
    {
        Assert.That(ImpersonatedTransactions.IsMarked(TestAccounts.Tx(0, 0, Target, 1), out _), Is.False);
        Assert.That(ImpersonatedTransactions.IsMarked(TestAccounts.Legacy(0, 0, Target, 1), out _), Is.False);
        Assert.That(ImpersonatedTransactions.IsMarked([0x02, 0x80], out _), Is.False);
        Assert.That(ImpersonatedTransactions.IsMarked([], out _), Is.False);
    }
}
