using System.Text.RegularExpressions;

namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// The node's life as a user sees it: a SIGKILL right after a receipt loses nothing that was reported; SIGTERM
/// stops cleanly and a restart continues; --reset starts over; a directory of another chain, a busy port and
/// bad options are refused with clear messages.
/// </summary>
[TestFixture]
[NonParallelizable]
public partial class LifecycleTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [GeneratedRegex(@"Stopped at block (\d+)\.")]
    private static partial Regex StoppedLine();

    [Test]
    public void SigkillAfterAReceiptKeepsReceiptBlockAndBalancesAndTheChainGoesOn()
    {
        using var dir = new TempDirectory();
        string chain = dir.Sub("chain");
        string state = dir.Sub("seen.json");
        using (DevNodeProcess node = DevNodeProcess.Start(chain))
        {
            Scenario.Run(node.Url, "crash-send.mjs", state);
            node.Kill(); // right after the script saw the receipt
        }
        using (DevNodeProcess node = DevNodeProcess.Start(chain))
        {
            Assert.That(node.Output, Does.Contain("Chain:             resumed at block"));
            Scenario.Run(node.Url, "crash-check.mjs", state);
            Assert.That(node.Terminate(StopTimeout), Is.Zero);
        }
    }

    [Test]
    public void SigtermFinishesCleanlyAndARestartResumesAtTheSameBlock()
    {
        using var dir = new TempDirectory();
        string chain = dir.Sub("chain");
        string state = dir.Sub("seen.json");
        string stoppedAt;
        using (DevNodeProcess node = DevNodeProcess.Start(chain))
        {
            Scenario.Run(node.Url, "crash-send.mjs", state);
            Assert.That(node.Terminate(StopTimeout), Is.Zero, node.Output);
            Match m = StoppedLine().Match(node.Output);
            Assert.That(m.Success, Is.True, node.Output);
            Assert.That(node.Output, Does.Contain("Shutting down"));
            stoppedAt = m.Groups[1].Value;
            Assert.That(int.Parse(stoppedAt, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
        }
        using (DevNodeProcess node = DevNodeProcess.Start(chain))
        {
            Assert.That(node.Output, Does.Contain($"Chain:             resumed at block {stoppedAt} "));
            Scenario.Run(node.Url, "crash-check.mjs", state);
            Assert.That(node.Terminate(StopTimeout), Is.Zero);
        }
    }

    [Test]
    public void ResetStartsANewChainFromGenesis()
    {
        using var dir = new TempDirectory();
        string chain = dir.Sub("chain");
        using (DevNodeProcess node = DevNodeProcess.Start(chain))
        {
            Scenario.Run(node.Url, "crash-send.mjs", dir.Sub("seen.json"));
            Assert.That(node.Terminate(StopTimeout), Is.Zero);
        }
        using (DevNodeProcess node = DevNodeProcess.Start(chain, "--reset"))
        {
            Assert.That(node.Output, Does.Contain("Reset: deleted"));
            Assert.That(node.Output, Does.Contain("Chain:             new (genesis block 0)"));
            Assert.That(node.Terminate(StopTimeout), Is.Zero);
            Assert.That(node.Output, Does.Contain("Stopped at block 0."));
        }
    }

    [Test]
    public void ResetDeletesOnlyTheChainAndKeepsOtherFiles()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Sub("precious.txt"), "do not delete");
        using (DevNodeProcess node = DevNodeProcess.Start(dir.Path, "--reset"))
        {
            Assert.That(node.Output, Does.Contain("Chain:             new (genesis block 0)"));
            Assert.That(node.Terminate(StopTimeout), Is.Zero);
        }
        Assert.That(File.ReadAllText(dir.Sub("precious.txt")), Is.EqualTo("do not delete"));
    }

    [Test]
    public void ResetWhileAnotherNodeRunsOnTheDirectoryIsRefusedAndDeletesNothing()
    {
        using var dir = new TempDirectory();
        string chain = dir.Sub("chain");
        using DevNodeProcess first = DevNodeProcess.Start(chain);
        ProcessResult r = DevNodeProcess.RunToExit(chain, StopTimeout, "--reset");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Output);
        Assert.That(r.Output, Does.Contain("in use by another oasis-eth process"));
        Assert.That(Directory.Exists(Path.Combine(chain, "store")), Is.True);
        Assert.That(first.Terminate(StopTimeout), Is.Zero);
    }

    [Test]
    public void AnotherChainIdOnAnExistingDirectoryIsRefused()
    {
        using var dir = new TempDirectory();
        string chain = dir.Sub("chain");
        using (DevNodeProcess node = DevNodeProcess.Start(chain))
            Assert.That(node.Terminate(StopTimeout), Is.Zero);
        ProcessResult r = DevNodeProcess.RunToExit(chain, StopTimeout, "--chain-id", "5");
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Output);
        Assert.That(r.Output, Does.Contain("different genesis"));
        Assert.That(r.Output, Does.Contain("--chain-id"));
    }

    [Test]
    public void ABusyPortIsAClearError()
    {
        using var dir = new TempDirectory();
        using DevNodeProcess first = DevNodeProcess.Start(dir.Sub("a"));
        string port = new Uri(first.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ProcessResult r = DevNodeProcess.RunToExit(dir.Sub("b"), StopTimeout, "--http.port", port);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Output);
        Assert.That(r.Output, Does.Contain("cannot listen on 127.0.0.1:" + port));
        Assert.That(first.Terminate(StopTimeout), Is.Zero);
    }

    [Test]
    public void ASecondNodeOnTheSameDirectoryIsRefused()
    {
        using var dir = new TempDirectory();
        using DevNodeProcess first = DevNodeProcess.Start(dir.Sub("chain"));
        ProcessResult r = DevNodeProcess.RunToExit(dir.Sub("chain"), StopTimeout);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Output);
        Assert.That(r.Output, Does.Contain("is in use by another oasis-eth process"));
        Assert.That(first.Terminate(StopTimeout), Is.Zero);
    }

    [Test]
    public void ADataDirectoryThatIsAFileIsAClearError()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Sub("not-a-dir"), "x");
        ProcessResult r = DevNodeProcess.RunToExit(dir.Sub("not-a-dir"), StopTimeout);
        Assert.That(r.ExitCode, Is.EqualTo(1), r.Output);
        Assert.That(r.Output, Does.Contain("oasis-eth dev: cannot use the data directory"));
        Assert.That(r.Output, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void BadOptionsAreUsageErrors()
    {
        using var dir = new TempDirectory();
        ProcessResult r = DevNodeProcess.RunToExit(dir.Path, StopTimeout, "--block-time", "0");
        Assert.That(r.ExitCode, Is.EqualTo(2));
        Assert.That(r.Output, Does.Contain("--block-time must be a whole number from 1"));
    }
}
