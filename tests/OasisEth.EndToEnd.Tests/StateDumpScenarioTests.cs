namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// State dumps between a real anvil 1.7.1 and `oasis-eth dev`: anvil_dumpState loaded with anvil_loadState
/// (scenarios/anvil-dump.mjs), anvil's --dump-state file loaded with --load-state, and our own --state file
/// written on exit and loaded on the next start.
/// </summary>
[TestFixture]
[NonParallelizable]
public class StateDumpScenarioTests
{
    [Test]
    public void AnvilsRpcDumpLoadsIntoTheNode()
    {
        E2eEnvironment.EnsureNodeModules();
        using var dir = new TempDirectory();
        using DevNodeProcess node = DevNodeProcess.Start(dir.Sub("chain"));
        try
        {
            Scenario.Run(node.Url, "anvil-dump.mjs", "rpc");
        }
        finally
        {
            Assert.That(node.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
        }
    }

    [Test]
    public void AnvilsDumpStateFileLoadsWithLoadState()
    {
        E2eEnvironment.EnsureNodeModules();
        using var dir = new TempDirectory();
        string file = dir.Sub("anvil-state.json");
        // The anvil half needs no node; the URL is not used in file mode.
        Scenario.Run("http://127.0.0.1:1", "anvil-dump.mjs", "file", file);
        using DevNodeProcess node = DevNodeProcess.Start(dir.Sub("chain"), "--load-state", file);
        try
        {
            Scenario.Run(node.Url, "check-state.mjs", file + ".expected.json");
        }
        finally
        {
            Assert.That(node.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
        }
        Assert.That(node.Output, Does.Contain("State:             loaded"));
    }

    [Test]
    public void StateFileIsWrittenOnExitAndLoadedOnTheNextStart()
    {
        E2eEnvironment.EnsureNodeModules();
        using var dir = new TempDirectory();
        string file = dir.Sub("ours.json");
        using (DevNodeProcess first = DevNodeProcess.Start(dir.Sub("a"), "--state", file))
        {
            Scenario.Run(first.Url, "cheats.mjs");
            Assert.That(first.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
            Assert.That(first.Output, Does.Contain("State dumped to"));
        }
        byte[] firstDump = File.ReadAllBytes(file);
        // A fresh chain (another data directory) loads it and, on exit, writes the same accounts back.
        using (DevNodeProcess second = DevNodeProcess.Start(dir.Sub("b"), "--state", file))
        {
            Assert.That(second.Terminate(TimeSpan.FromSeconds(30)), Is.Zero);
        }
        Assert.That(Accounts(File.ReadAllBytes(file)), Is.EqualTo(Accounts(firstDump)), "the accounts load back byte for byte");
    }

    private static string Accounts(byte[] json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("accounts").GetRawText();
    }
}
