using System.Diagnostics;
using OasisEth.Executor.Child;

namespace OasisEth.Executor.Tests.Determinism;

/// <summary>
/// The same workload executed in two separate processes on fresh data directories gives the same blocks (hashes,
/// state roots, receipts roots, gas) and the same supply, line for line; and so does this process.
/// </summary>
public sealed class DeterminismTests
{
    [Test]
    public void ThousandTransactionWorkloadIsIdenticalInTwoProcesses()
    {
        string work = ChainFixture.NewDirectory();
        Directory.CreateDirectory(work);
        try
        {
            GenesisConfig genesis = ChainFixture.DevGenesis(Workload.Senders);
            List<IReadOnlyList<byte[]>> rounds = Workload.Build(seed: 20261125, transactions: 1000, perRound: 100);
            string genesisFile = Path.Combine(work, "genesis.json"), workloadFile = Path.Combine(work, "workload.txt");
            File.WriteAllText(genesisFile, genesis.ToJson());
            Replay.Write(workloadFile, rounds);

            string[] first = RunChild(Path.Combine(work, "a"), genesisFile, workloadFile);
            string[] second = RunChild(Path.Combine(work, "b"), genesisFile, workloadFile);
            List<string> here = Replay.Run(Path.Combine(work, "c"), genesis, Replay.Read(workloadFile));

            Assert.That(first, Has.Length.EqualTo(rounds.Count + 2));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(here, Is.EqualTo(first));

            // The workload really exercised the chain: executed and rejected entries, gas, distinct roots.
            var blocks = first[1..^1].Select(l => l.Split(' ')).ToList();
            Assert.That(blocks.Sum(b => int.Parse(b[7])), Is.GreaterThan(900));
            Assert.That(blocks.Sum(b => int.Parse(b[8])), Is.GreaterThan(10));
            Assert.That(blocks.Select(b => b[2]).Distinct().Count(), Is.EqualTo(blocks.Count));
            Assert.That(blocks.All(b => ulong.Parse(b[5]) > 0), Is.True);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The caches (latest state, CheckTx-decoded transactions, recent blocks, long-lived tree) change
    /// nothing: the plain path gives the same blocks.</summary>
    [Test]
    public void OptimisedPathsGiveTheSameBlocksAsThePlainOnes()
    {
        string work = ChainFixture.NewDirectory();
        try
        {
            GenesisConfig genesis = ChainFixture.DevGenesis(Workload.Senders);
            List<IReadOnlyList<byte[]>> rounds = Workload.Build(seed: 99, transactions: 400, perRound: 40);
            var plain = new ChainOptions
            {
                SyncCommits = false, LatestStateCache = false, CheckedTransactionCache = 0, RecentBlocks = 0, TreeReopenInterval = 1,
            };
            List<string> reference = Replay.Run(Path.Combine(work, "plain"), genesis, rounds, plain);
            List<string> cached = Replay.Run(Path.Combine(work, "cached"), genesis, rounds, checkFirst: true);
            List<string> longTree = Replay.Run(Path.Combine(work, "tree"), genesis, rounds,
                new ChainOptions { SyncCommits = false, TreeReopenInterval = int.MaxValue }, checkFirst: true);
            Assert.That(cached, Is.EqualTo(reference));
            Assert.That(longTree, Is.EqualTo(reference));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string[] RunChild(string dataDir, string genesisFile, string workloadFile)
    {
        using Process process = ChildProcess.Start(dataDir, genesisFile, workloadFile);
        var stderr = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(3)), Is.True, "child timed out");
        Assert.That(process.ExitCode, Is.EqualTo(0), stderr.Result);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
