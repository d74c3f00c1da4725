using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

public sealed class TransferRoundTests
{
    private static readonly UInt256 Gwei = new(1_000_000_000);

    [Test]
    public void FreshDirectoryStartsAtGenesisBlock()
    {
        using var f = new ChainFixture();
        BlockHeader head = f.Chain.Head;
        Assert.That(head.Number, Is.EqualTo(0UL));
        Assert.That(head.ParentHash, Is.EqualTo(Hash256.Zero));
        Assert.That(head.TransactionsRoot, Is.EqualTo(Hash256.EmptyTrie));
        Assert.That(head.Coinbase, Is.EqualTo(OethLedger.FeeCollector));
        Assert.That(head.Hash, Is.EqualTo(Keccak.Compute(HeaderCodec.Encode(head))));
        Assert.That(f.Chain.GetHeader(0)!.Hash, Is.EqualTo(head.Hash));
        Assert.That(f.Chain.GetHeader(head.Hash)!.Number, Is.EqualTo(0UL));
        Assert.That(f.Chain.OpenState(0).GetBalance(TestAccounts.Address(0)), Is.EqualTo(ChainFixture.Funding));
    }

    [Test]
    public void TransfersMoveValueChargeFeesAndProduceReceipts()
    {
        using var f = new ChainFixture();
        Address a = TestAccounts.Address(0), b = TestAccounts.Address(1), fresh = Address.FromLowUlong(0xabcdef);
        byte[] t1 = TestAccounts.Tx(0, 0, b, 5 * Gwei);
        byte[] t2 = TestAccounts.Legacy(1, 0, fresh, 7 * Gwei);
        byte[] t3 = TestAccounts.Tx(0, 1, fresh, 11 * Gwei);
        RoundResult result = f.Round(t1, t2, t3);

        Assert.That(result.Rejected, Is.Empty);
        Assert.That(result.Receipts, Has.Count.EqualTo(3));
        BlockHeader header = result.Block.Header;
        Assert.That(header.Number, Is.EqualTo(1UL));
        Assert.That(header.GasUsed, Is.EqualTo(63_000UL));
        Assert.That(header.BaseFee, Is.EqualTo(f.Genesis.InitialBaseFee));
        Assert.That(f.Chain.Head.Hash, Is.EqualTo(header.Hash));
        Assert.That(result.Receipts.Select(r => r.CumulativeGasUsed), Is.EqualTo(new[] { 21_000UL, 42_000UL, 63_000UL }));
        Assert.That(result.Receipts.All(r => r.Success), Is.True);
        Assert.That(result.Receipts[1].Type, Is.EqualTo(TxType.Legacy));
        Assert.That(result.Receipts[0].EffectiveGasPrice, Is.EqualTo(2 * Gwei)); // base 1 gwei + tip 1 gwei
        Assert.That(result.Receipts[1].EffectiveGasPrice, Is.EqualTo(2 * Gwei));

        IStateView state = f.Chain.OpenState(1);
        UInt256 fee = 21_000 * 2 * Gwei;
        Assert.That(state.GetBalance(a), Is.EqualTo(ChainFixture.Funding - 16 * Gwei - 2 * fee));
        Assert.That(state.GetBalance(b), Is.EqualTo(ChainFixture.Funding + 5 * Gwei - 7 * Gwei - fee));
        Assert.That(state.GetBalance(fresh), Is.EqualTo(18 * Gwei));
        Assert.That(state.GetNonce(a), Is.EqualTo(2UL));
        Assert.That(state.GetNonce(b), Is.EqualTo(1UL));
        // The parent state is still readable and unchanged.
        Assert.That(f.Chain.OpenState(0).GetBalance(fresh), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void BlocksTransactionsAndReceiptsReadBackByNumberAndHash()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, RecentBlocks = 0 });
        byte[] t1 = TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1);
        byte[] t2 = TestAccounts.Tx(2, 0, TestAccounts.Address(3), 2);
        RoundResult result = f.Round(t1, t2);
        Hash256 h2 = Keccak.Compute(t2);

        Block? block = f.Chain.GetBlock(1);
        Assert.That(block, Is.Not.Null);
        Assert.That(block!.Header, Is.EqualTo(result.Block.Header).Using<BlockHeader>(SameHeader));
        Assert.That(block.Transactions.Select(t => t.Hash), Is.EqualTo(new[] { Keccak.Compute(t1), h2 }));
        Assert.That(block.Transactions[1].Transaction.Sender, Is.EqualTo(TestAccounts.Address(2)));
        Assert.That(f.Chain.GetBlock(result.Block.Header.Hash)!.Header.Number, Is.EqualTo(1UL));

        StoredTransaction? tx = f.Chain.GetTransaction(h2);
        Assert.That(tx, Is.Not.Null);
        Assert.That(tx!.Index, Is.EqualTo(1));
        Assert.That(tx.BlockHash, Is.EqualTo(result.Block.Header.Hash));
        Assert.That(tx.Raw, Is.EqualTo(t2));

        StoredReceipt? receipt = f.Chain.GetReceipt(h2);
        Assert.That(receipt, Is.Not.Null);
        Assert.That(receipt!.From, Is.EqualTo(TestAccounts.Address(2)));
        Assert.That(receipt.To, Is.EqualTo(TestAccounts.Address(3)));
        Assert.That(receipt.CumulativeGasUsed, Is.EqualTo(42_000UL));
        Assert.That(receipt.GasUsed, Is.EqualTo(21_000UL));
        Assert.That(receipt.BlockHash, Is.EqualTo(result.Block.Header.Hash));
        Assert.That(receipt.EffectiveGasPrice, Is.EqualTo(result.Receipts[1].EffectiveGasPrice));

        Assert.That(f.Chain.GetBlock(2), Is.Null);
        Assert.That(f.Chain.GetTransaction(Keccak.Compute([1, 2, 3])), Is.Null);
        Assert.That(f.Chain.GetReceipt(Keccak.Compute([1, 2, 3])), Is.Null);
    }

    [Test]
    public void RestartResumesAtTheLastBlock()
    {
        using var f = new ChainFixture();
        f.Round(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1));
        RoundResult second = f.Round(TestAccounts.Tx(0, 1, TestAccounts.Address(1), 1));
        f.Reopen();
        Assert.That(f.Chain.Head.Number, Is.EqualTo(2UL));
        Assert.That(f.Chain.Head.Hash, Is.EqualTo(second.Block.Header.Hash));
        Assert.That(f.Chain.OpenState(2).GetNonce(TestAccounts.Address(0)), Is.EqualTo(2UL));
        RoundResult third = f.Round(TestAccounts.Tx(0, 2, TestAccounts.Address(1), 1));
        Assert.That(third.Rejected, Is.Empty);
        Assert.That(third.Block.Header.ParentHash, Is.EqualTo(second.Block.Header.Hash));
    }

    [Test]
    public void DirectoryMadeWithAnotherGenesisIsRefused()
    {
        using var f = new ChainFixture();
        f.Chain.Dispose();
        GenesisConfig other = ChainFixture.DevGenesis(3);
        var e = Assert.Throws<ChainOpenException>(() => Executor.Chain.Open(f.Directory, other, f.Options).Dispose());
        Assert.That(e!.Message, Does.Contain(f.Directory));
        Assert.That(e.Message, Does.Contain("different genesis"));
        f.Reopen(); // the right genesis still opens it
        Assert.That(f.Chain.Head.Number, Is.EqualTo(0UL));
    }

    [Test]
    public void RoundsMustFollowTheHead()
    {
        using var f = new ChainFixture();
        Assert.Throws<ArgumentException>(() => f.Chain.ExecuteRound(new RoundInput(2, 10, [], [])));
        f.Round();
        Assert.Throws<ArgumentException>(() => f.Chain.ExecuteRound(new RoundInput(2, 1, [], [])));
        Assert.Throws<ArgumentException>(() => f.Chain.ExecuteRound(new RoundInput(2, 20, [], [new byte[5]])));
        Assert.That(f.Chain.Head.Number, Is.EqualTo(1UL));
    }

    private static bool SameHeader(BlockHeader x, BlockHeader y) =>
        x.Hash == y.Hash && x.Size == y.Size && x.LogsBloom.AsSpan().SequenceEqual(y.LogsBloom) && x.Number == y.Number;
}
