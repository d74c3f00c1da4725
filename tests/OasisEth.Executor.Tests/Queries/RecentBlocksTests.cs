using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Queries;

/// <summary>Which committed blocks stay decoded in memory: the last <see cref="ChainOptions.RecentBlocks"/> always, older
/// ones while the kept blocks hold at most <see cref="ChainOptions.RecentTransactions"/> transactions. A kept block is
/// served as the same object on every read; an evicted one is decoded again from the store (a new object each time).</summary>
public sealed class RecentBlocksTests
{
    private static bool Kept(Chain chain, ulong number) => ReferenceEquals(chain.GetBlock(number), chain.GetBlock(number));

    private static void OneTransferPerBlock(ChainFixture f, int blocks)
    {
        for (int i = 0; i < blocks; i++) f.Round(TestAccounts.Tx(0, (ulong)i, TestAccounts.Address(1), 1));
    }

    [Test]
    public void OlderSmallBlocksStayWhileTheTransactionBudgetLasts()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, RecentBlocks = 2, RecentTransactions = 3 });
        OneTransferPerBlock(f, 6);
        Assert.That(Enumerable.Range(1, 6).Select(n => Kept(f.Chain, (ulong)n)), Is.EqualTo(new[] { false, false, false, true, true, true }));

        // A kept block's receipts are the ones the round built, and an evicted block's read back equal.
        foreach (ulong n in new ulong[] { 2, 5 })
        {
            Block block = f.Chain.GetBlock(n)!;
            StoredReceipt receipt = f.Chain.GetReceipt(block.Transactions[0].Hash)!;
            Assert.That((receipt.BlockNumber, receipt.Success), Is.EqualTo((n, true)));
        }
    }

    [Test]
    public void TheLastBlocksAreKeptWhateverTheirSize()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, RecentBlocks = 2, RecentTransactions = 0 });
        OneTransferPerBlock(f, 2);
        f.Round(TestAccounts.Tx(2, 0, TestAccounts.Address(1), 1), TestAccounts.Tx(3, 0, TestAccounts.Address(1), 1),
            TestAccounts.Tx(4, 0, TestAccounts.Address(1), 1));
        f.Round(TestAccounts.Tx(0, 2, TestAccounts.Address(1), 1));
        Assert.That(Enumerable.Range(1, 4).Select(n => Kept(f.Chain, (ulong)n)), Is.EqualTo(new[] { false, false, true, true }));
    }

    [Test]
    public void ARollbackForgetsTheDroppedBlocks()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, RecentBlocks = 2, RecentTransactions = 100 });
        OneTransferPerBlock(f, 4);
        f.Chain.RollbackTo(2);
        Assert.That(f.Chain.GetBlock(3), Is.Null);
        f.Round(TestAccounts.Tx(5, 0, TestAccounts.Address(1), 7));
        Block three = f.Chain.GetBlock(3)!;
        Assert.That(three.Transactions[0].Transaction.Sender, Is.EqualTo(TestAccounts.Address(5)));
        Assert.That(Kept(f.Chain, 3), Is.True);
    }
}
