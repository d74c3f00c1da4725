namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// `oasis-eth dev --fork-url` against a real anvil on loopback (scenarios/fork.mjs): anvil gets state, the node
/// forks it at a block, reads, writes, resets (anvil_reset to another block and back), and a restart on the same
/// data directory with anvil gone answers the same from the disk cache without a single request.
/// </summary>
[TestFixture]
[NonParallelizable]
public class ForkScenarioTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public void AForkOfAnvilReadsItsStateWritesLocallyResetsAndRestartsFromTheCache()
    {
        using var dir = new TempDirectory();
        string state = dir.Sub("fork-setup.json");
        string chain = dir.Sub("chain");
        string forkBlock;
        using (AnvilProcess anvil = AnvilProcess.Start())
        {
            Scenario.Run("http://127.0.0.1:1", "fork.mjs", "setup", anvil.Url, state);
            using var setup = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(state));
            forkBlock = setup.RootElement.GetProperty("forkBlock").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            using DevNodeProcess node = DevNodeProcess.Start(chain, "--fork-url", anvil.Url, "--fork-block-number", forkBlock);
            try
            {
                Assert.That(node.Output, Does.Contain($"Fork:              {anvil.Url}/ at block {forkBlock}"));
                Scenario.Run(node.Url, "fork.mjs", "check", state);
            }
            finally
            {
                Assert.That(node.Terminate(StopTimeout), Is.Zero);
            }
        }
        // anvil is gone: the restart (same block, a dead URL) must answer from the cache.
        using DevNodeProcess restarted = DevNodeProcess.Start(chain, "--fork-url", "http://127.0.0.1:1", "--fork-block-number", forkBlock);
        try
        {
            Assert.That(restarted.Output, Does.Contain("Chain:             resumed"));
            Scenario.Run(restarted.Url, "fork.mjs", "restart", state);
        }
        finally
        {
            Assert.That(restarted.Terminate(StopTimeout), Is.Zero);
        }
    }

    [Test]
    public void AForkOfAnotherBlockOnTheSameDirectoryIsRefused()
    {
        using var dir = new TempDirectory();
        string chain = dir.Sub("chain");
        using (AnvilProcess anvil = AnvilProcess.Start())
        using (DevNodeProcess node = DevNodeProcess.Start(chain, "--fork-url", anvil.Url, "--fork-block-number", "0"))
            Assert.That(node.Terminate(StopTimeout), Is.Zero);
        ProcessResult r = DevNodeProcess.RunToExit(chain, StopTimeout, "--fork-url", "http://127.0.0.1:1", "--fork-block-number", "1");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Output);
        Assert.That(r.Output, Does.Contain("is a fork of block 0, not 1"));
    }

    [Test]
    public void AnUnreachableForkUrlIsAClearStartError()
    {
        using var dir = new TempDirectory();
        ProcessResult r = DevNodeProcess.RunToExit(dir.Sub("chain"), StopTimeout, "--fork-url", "http://127.0.0.1:1");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Output);
        Assert.That(r.Output, Does.Contain("Cannot fork: the fork's remote node http://127.0.0.1:1/ failed eth_blockNumber"));
    }
}
