using System.Diagnostics;
using OasisEth.Executor.Child;

namespace OasisEth.Executor.Tests.Determinism;

/// <summary>
/// A chain process killed (SIGKILL) at fixed-seed random moments and resumed each time: after every kill the data
/// directory opens at a block at least as far as the child reported, every stored block equals the uninterrupted
/// reference run's, with its body and receipts; and the resumed run ends exactly where the reference does.
/// </summary>
public sealed class CrashResumeTests
{
    [Test]
    public void KilledChainResumesAndEndsLikeAnUninterruptedOne()
    {
        string work = ChainFixture.NewDirectory();
        Directory.CreateDirectory(work);
        try
        {
            GenesisConfig genesis = ChainFixture.DevGenesis(Workload.Senders);
            List<IReadOnlyList<byte[]>> rounds = Workload.Build(seed: 4711, transactions: 600, perRound: 15);
            string genesisFile = Path.Combine(work, "genesis.json"), workloadFile = Path.Combine(work, "workload.txt");
            File.WriteAllText(genesisFile, genesis.ToJson());
            Replay.Write(workloadFile, rounds);
            List<string> reference = Replay.Run(Path.Combine(work, "reference"), genesis, rounds);

            string dir = Path.Combine(work, "crashed");
            var random = new Random(20261125);
            int kills = 0;
            for (int attempt = 0; attempt < 6; attempt++)
            {
                ulong reported = RunAndKill(dir, genesisFile, workloadFile, linesBeforeKill: random.Next(2, 9), out bool finished);
                if (finished) break;
                kills++;
                using Chain chain = Chain.Open(dir, genesis, new ChainOptions { SyncCommits = false });
                ulong head = chain.Head.Number;
                Assert.That(head, Is.GreaterThanOrEqualTo(reported), "a reported block was lost");
                for (ulong n = 0; n <= head; n++)
                {
                    Block block = chain.GetBlock(n)!;
                    Assert.That(Fields(Replay.Describe(block.Header, 0, 0)), Is.EqualTo(Fields(reference[(int)n])), $"block {n}");
                    foreach (StoredTransaction tx in block.Transactions)
                        Assert.That(chain.GetReceipt(tx.Hash)?.BlockNumber, Is.EqualTo(n), $"receipt of {tx.Hash}");
                }
                Assert.That(chain.OpenState(head).BlockNumber, Is.EqualTo(head));
            }
            Assert.That(kills, Is.GreaterThan(0));

            List<string> tail = Replay.Run(dir, genesis, rounds);
            Assert.That(tail[^1], Is.EqualTo(reference[^1]), "supply");
            Assert.That(Fields(tail[^2]), Is.EqualTo(Fields(reference[^2])), "last block");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The block fields of a line (number, hash, roots, gas, base fee) without the executed/rejected counts.</summary>
    private static string Fields(string line) => string.Join(' ', line.Split(' ')[..7]);

    /// <summary>Runs the child until it has printed <paramref name="linesBeforeKill"/> lines, then SIGKILLs it;
    /// returns the last block number it reported.</summary>
    private static ulong RunAndKill(string dataDir, string genesisFile, string workloadFile, int linesBeforeKill, out bool finished)
    {
        using Process process = ChildProcess.Start(dataDir, genesisFile, workloadFile);
        _ = process.StandardError.ReadToEndAsync();
        ulong reported = 0;
        finished = false;
        for (int i = 0; i < linesBeforeKill; i++)
        {
            string? line = process.StandardOutput.ReadLine();
            if (line is null || line.StartsWith("supply", StringComparison.Ordinal))
            {
                finished = true;
                break;
            }
            reported = ulong.Parse(line.Split(' ')[0]);
        }
        if (!finished) process.Kill(entireProcessTree: true);
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(2)), Is.True);
        return reported;
    }
}
