using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

public sealed class ContractRoundTests
{
    [Test]
    public void CreationReceiptNamesTheContractAndCodeIsStored()
    {
        using var f = new ChainFixture();
        RoundResult r = f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000));
        Address expected = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        Assert.That(r.Rejected, Is.Empty);
        Assert.That(r.Receipts[0].Success, Is.True);
        Assert.That(r.Receipts[0].ContractAddress, Is.EqualTo(expected));
        Assert.That(r.Receipts[0].To, Is.Null);
        Assert.That(f.Chain.OpenState(1).GetCode(expected), Is.Not.Empty);
        Assert.That(f.Chain.GetReceipt(Keccak.Compute(f.Chain.GetBlock(1)!.Transactions[0].Raw))!.ContractAddress, Is.EqualTo(expected));
    }

    [Test]
    public void LogsCarryPositionsAndFeedReceiptAndBlockBlooms()
    {
        using var f = new ChainFixture();
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        Address holder = TestAccounts.Address(1), other = TestAccounts.Address(2);
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000));
        RoundResult r = f.Round(
            TestAccounts.Tx(0, 1, token, 0, BenchToken.Mint(holder, 1000), gas: 200_000),
            TestAccounts.Tx(3, 0, other, 1),
            TestAccounts.Tx(1, 0, token, 0, BenchToken.Transfer(other, 300), gas: 200_000));

        Assert.That(r.Receipts.Select(x => x.Success), Is.All.True);
        StoredLog mint = r.Receipts[0].Logs.Single();
        StoredLog transfer = r.Receipts[2].Logs.Single();
        Assert.That(r.Receipts[1].Logs, Is.Empty);
        Assert.That(mint.Address, Is.EqualTo(token));
        Assert.That(mint.Topics[0], Is.EqualTo(BenchToken.TransferTopic));
        Assert.That(mint.LogIndex, Is.EqualTo(0));
        Assert.That(transfer.LogIndex, Is.EqualTo(1));
        Assert.That(transfer.TransactionIndex, Is.EqualTo(2));
        Assert.That(transfer.BlockHash, Is.EqualTo(r.Block.Header.Hash));
        Assert.That(transfer.Topics[1], Is.EqualTo(Hash256.FromWord(holder.ToWord())));
        Assert.That(UInt256.FromBigEndian(transfer.Data), Is.EqualTo(new UInt256(300)));

        Assert.That(LogsBloom.MayContain(r.Receipts[2].LogsBloom, token.Bytes), Is.True);
        Assert.That(LogsBloom.MayContain(r.Receipts[2].LogsBloom, Hash256.FromWord(other.ToWord()).Bytes), Is.True);
        Assert.That(r.Receipts[1].LogsBloom, Is.All.EqualTo((byte)0));
        var union = new byte[LogsBloom.Size];
        foreach (StoredReceipt receipt in r.Receipts) LogsBloom.Or(union, receipt.LogsBloom);
        Assert.That(r.Block.Header.LogsBloom, Is.EqualTo(union));
        Assert.That(union, Is.Not.All.EqualTo((byte)0));

        // The same, read back from the store rather than the round's result.
        f.Reopen();
        StoredReceipt stored = f.Chain.GetReceipt(r.Receipts[2].TransactionHash)!;
        Assert.That(stored.Logs.Single().Data, Is.EqualTo(transfer.Data));
        Assert.That(stored.Logs.Single().LogIndex, Is.EqualTo(1));
        Assert.That(stored.LogsBloom, Is.EqualTo(r.Receipts[2].LogsBloom));
    }

    [Test]
    public void RevertFailsTheReceiptKeepsTheFeeAndDropsItsChanges()
    {
        using var f = new ChainFixture();
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000));
        UInt256 before = f.Chain.OpenState(1).GetBalance(TestAccounts.Address(1));
        // Account 1 holds no tokens: transfer reverts with InsufficientBalance(0, 5).
        RoundResult r = f.Round(TestAccounts.Tx(1, 0, token, 0, BenchToken.Transfer(TestAccounts.Address(2), 5), gas: 100_000));

        StoredReceipt receipt = r.Receipts.Single();
        Assert.That(receipt.Success, Is.False);
        Assert.That(receipt.Logs, Is.Empty);
        Assert.That(receipt.GasUsed, Is.GreaterThan(21_000UL).And.LessThan(100_000UL));
        Assert.That(receipt.RevertData.Take(4), Is.EqualTo(Keccak.Compute("InsufficientBalance(uint256,uint256)"u8).Bytes[..4].ToArray()));
        IStateView state = f.Chain.OpenState(2);
        Assert.That(state.GetNonce(TestAccounts.Address(1)), Is.EqualTo(1UL));
        Assert.That(state.GetBalance(TestAccounts.Address(1)), Is.EqualTo(before - (UInt256)receipt.GasUsed * receipt.EffectiveGasPrice));
        Assert.That(f.Chain.GetReceipt(receipt.TransactionHash)!.Success, Is.False);
    }

    [Test]
    public void CumulativeGasAddsUpToTheHeader()
    {
        using var f = new ChainFixture();
        RoundResult r = f.Round(
            TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000),
            TestAccounts.Tx(1, 0, TestAccounts.Address(2), 1),
            TestAccounts.Tx(2, 0, TestAccounts.Address(3), 1, [1, 2, 3, 0], gas: 30_000));
        ulong sum = 0;
        foreach (StoredReceipt receipt in r.Receipts)
        {
            sum += receipt.GasUsed;
            Assert.That(receipt.CumulativeGasUsed, Is.EqualTo(sum));
        }
        Assert.That(r.Block.Header.GasUsed, Is.EqualTo(sum));
        // Prague (EIP-7623): 3 non-zero + 1 zero byte = 13 tokens; the floor 21000 + 10 × 13 beats 21000 + 3 × 16 + 4.
        Assert.That(r.Receipts[2].GasUsed, Is.EqualTo(21_000UL + 10 * 13));
    }
}
