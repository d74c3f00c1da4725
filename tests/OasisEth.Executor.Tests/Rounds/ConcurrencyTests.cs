using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>Readers on other threads while the writer executes rounds: no errors, and never a head without its records.</summary>
public sealed class ConcurrencyTests
{
    [Test]
    public void ReadsDuringRoundsSeeCompleteBlocks()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, KeptRounds = 4, RecentBlocks = 2 });
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        int reads = 0;
        void Reader()
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    BlockHeader head = f.Chain.Head;
                    Block? block = f.Chain.GetBlock(head.Number);
                    if (block is null || block.Header.Hash != head.Hash)
                    {
                        lock (failures) failures.Add($"block {head.Number} missing or different");
                        continue;
                    }
                    foreach (StoredTransaction tx in block.Transactions)
                    {
                        if (f.Chain.GetReceipt(tx.Hash) is null) lock (failures) failures.Add($"receipt of {tx.Hash} missing");
                    }
                    f.Chain.OpenState(head.Number).GetBalance(TestAccounts.Address(1));
                    f.Chain.CheckTx(TestAccounts.Tx(5, 0, TestAccounts.Address(6), 1));
                    f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = head.Number }, 10_000);
                    Interlocked.Increment(ref reads);
                }
                catch (StateUnavailableException)
                {
                    // The head moved on and pruned the state read meanwhile: allowed, and reported clearly.
                }
                catch (Exception e)
                {
                    lock (failures) failures.Add(e.ToString());
                }
            }
        }
        var readers = new[] { new Thread(Reader), new Thread(Reader) };
        foreach (Thread t in readers) t.Start();
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000));
        for (ulong i = 0; i < 30; i++)
        {
            f.Round(TestAccounts.Tx(0, 1 + i, token, 0, BenchToken.Mint(TestAccounts.Address(1), 1 + i), gas: 200_000),
                TestAccounts.Tx(2, i, TestAccounts.Address(3), 1));
        }
        stop.Cancel();
        foreach (Thread t in readers) t.Join();
        Assert.That(failures, Is.Empty);
        Assert.That(reads, Is.GreaterThan(0));
        Assert.That(f.Chain.GetLogs(new LogFilter { FromBlock = 0, ToBlock = 40 }, 100), Has.Count.EqualTo(30));
    }

    [Test]
    public void DirectoryThatIsNotAChainIsRefusedByName()
    {
        string dir = ChainFixture.NewDirectory();
        Directory.CreateDirectory(Path.Combine(dir, Executor.Chain.StoreDirectoryName));
        File.WriteAllText(Path.Combine(dir, Executor.Chain.StoreDirectoryName, "junk.txt"), "not a database");
        try
        {
            var e = Assert.Throws<ChainOpenException>(() => Executor.Chain.Open(dir, ChainFixture.DevGenesis(1)).Dispose());
            Assert.That(e!.Message, Does.Contain(dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
