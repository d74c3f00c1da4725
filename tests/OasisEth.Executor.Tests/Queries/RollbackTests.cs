using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Queries;

public sealed class RollbackTests
{
    [Test]
    public void RollbackForgetsLaterBlocksAndTheChainContinuesFromThere()
    {
        using var f = new ChainFixture();
        RoundResult one = f.Round(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1));
        RoundResult two = f.Round(TestAccounts.Tx(0, 1, TestAccounts.Address(1), 2));
        RoundResult three = f.Round(TestAccounts.Tx(0, 2, TestAccounts.Address(1), 3));
        Hash256 twoTx = two.Block.Transactions[0].Hash, threeTx = three.Block.Transactions[0].Hash;
        UInt256 balanceAt1 = f.Chain.OpenState(1).GetBalance(TestAccounts.Address(1));

        f.Chain.RollbackTo(1);
        Assert.That(f.Chain.Head.Hash, Is.EqualTo(one.Block.Header.Hash));
        Assert.That(f.Chain.GetBlock(2), Is.Null);
        Assert.That(f.Chain.GetHeader(two.Block.Header.Hash), Is.Null);
        Assert.That(f.Chain.GetTransaction(twoTx), Is.Null);
        Assert.That(f.Chain.GetReceipt(threeTx), Is.Null);
        Assert.Throws<StateUnavailableException>(() => f.Chain.OpenState(2));
        Assert.That(f.Chain.OpenState(1).GetBalance(TestAccounts.Address(1)), Is.EqualTo(balanceAt1));
        Assert.That(f.Chain.CheckTx(TestAccounts.Tx(0, 1, TestAccounts.Address(1), 9)).Ok, Is.True, "the latest state is block 1's again");

        // Re-executing block 2's transaction gives the same block as before; a different one a different block.
        RoundResult again = f.Round(TestAccounts.Tx(0, 1, TestAccounts.Address(1), 2));
        Assert.That(again.Block.Header.Hash, Is.EqualTo(two.Block.Header.Hash));
        RoundResult other = f.Round(TestAccounts.Tx(0, 2, TestAccounts.Address(1), 99));
        Assert.That(other.Block.Header.Hash, Is.Not.EqualTo(three.Block.Header.Hash));
        Assert.That(f.Chain.GetTransaction(threeTx), Is.Null);

        f.Reopen();
        Assert.That(f.Chain.Head.Hash, Is.EqualTo(other.Block.Header.Hash));
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 10 }, 10), Is.Empty);
    }

    [Test]
    public void RollbackToThePastKeepsLogsOfKeptBlocksOnly()
    {
        using var f = new ChainFixture();
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000));
        f.Round(TestAccounts.Tx(0, 1, token, 0, BenchToken.Mint(TestAccounts.Address(1), 5), gas: 200_000));
        f.Round(TestAccounts.Tx(0, 2, token, 0, BenchToken.Mint(TestAccounts.Address(1), 6), gas: 200_000));
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 9 }, 10), Has.Count.EqualTo(2));
        f.Chain.RollbackTo(2);
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 9 }, 10), Has.Count.EqualTo(1));
        f.Round();
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 9 }, 10), Has.Count.EqualTo(1));
    }

    [Test]
    public void RollbackRefusesTheFutureAndPrunedState()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, KeptRounds = 2 });
        for (int i = 0; i < 5; i++) f.Round();
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Chain.RollbackTo(9));
        Assert.Throws<StateUnavailableException>(() => f.Chain.RollbackTo(1));
        f.Chain.RollbackTo(5); // the head: nothing to do
        f.Chain.RollbackTo(4);
        Assert.That(f.Chain.Head.Number, Is.EqualTo(4UL));
    }
}
