using NUnit.Framework;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>statetest/txtest progress on stderr: rate-limited to one update a second, always a closing update, never
/// on stdout, and off unless asked for (or stderr is a terminal).</summary>
[TestFixture]
public class RunProgressTests
{
    [Test]
    public void UpdatesAreAtMostOneASecondAndTheLastIsAlwaysShown()
    {
        TimeSpan now = TimeSpan.Zero;
        var output = new StringWriter();
        var progress = new RunProgress("statetest", 5, output, inPlace: false, () => now);
        now = TimeSpan.FromSeconds(0.4);
        progress.FileDone(3, 0);               // under a second since the start: not shown
        now = TimeSpan.FromSeconds(1.2);
        progress.FileDone(2, 1);               // shown
        now = TimeSpan.FromSeconds(1.9);
        progress.FileDone(4, 0);               // 0.7 s after the last: not shown
        now = TimeSpan.FromSeconds(2.3);
        progress.FileDone(1, 0);               // shown
        now = TimeSpan.FromSeconds(2.5);
        progress.Finish();
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            "statetest: 2/5 files, 6 cases (5 passed, 1 failed), 1.2 s",
            "statetest: 4/5 files, 11 cases (10 passed, 1 failed), 2.3 s",
            "statetest: 4/5 files, 11 cases (10 passed, 1 failed), 2.5 s",
        }));
    }

    [Test]
    public void OnATerminalTheLineIsRewrittenInPlace()
    {
        TimeSpan now = TimeSpan.FromSeconds(1);
        var output = new StringWriter();
        var progress = new RunProgress("txtest", 2, output, inPlace: true, () => now);
        progress.FileDone(10, 0);
        now = TimeSpan.FromSeconds(3);
        progress.FileDone(5, 5);
        progress.Finish();
        string text = output.ToString();
        Assert.That(text, Does.StartWith("\rtxtest: 1/2 files, 10 cases (10 passed, 0 failed), 1.0 s"));
        Assert.That(text, Does.EndWith("\rtxtest: 2/2 files, 20 cases (15 passed, 5 failed), 3.0 s\n"));
        Assert.That(text.Count(c => c == '\n'), Is.EqualTo(1), "one line in all: each update overwrites the last");
    }

    [Test]
    public void StatetestWithProgressWritesItToStderrAndOnlyJsonLinesToStdout()
    {
        string fixture = Path.Combine(SharedFixtures.Conformance, "GeneralStateTests/stChainId/chainId.json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = StateTestCommand.Run(fixture, null, false, null, stdout, stderr, progress: true);
        Assert.That(code, Is.Zero, stdout.ToString());
        string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (string line in lines[..^1]) Assert.That(line, Does.StartWith("{"));
        Assert.That(lines[^1], Does.Match(@"^\d+ passed, 0 failed$"));
        int cases = lines.Length - 1;
        Assert.That(stderr.ToString(), Does.Match($@"statetest: 1/1 files, {cases} cases \({cases} passed, 0 failed\), \d+\.\d s\n$"));
    }

    [Test]
    public void WithoutProgressAndWithoutATerminalStderrStaysEmpty()
    {
        string fixture = Path.Combine(SharedFixtures.Conformance, "GeneralStateTests/stChainId/chainId.json");
        var stderr = new StringWriter();
        StateTestCommand.Run(fixture, null, false, null, new StringWriter(), stderr);
        Assert.That(stderr.ToString(), Is.Empty);
    }

    [Test]
    public void TxtestWithProgressCountsItsFiles()
    {
        string dir = Path.Combine(SharedFixtures.Conformance, "TransactionTests");
        string file = Directory.GetFiles(dir, "*.json", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).First();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        OasisEth.TxTest.TxTestCommand.Run(file, null, stdout, stderr, progress: true);
        int cases = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length - 1;
        Assert.That(stderr.ToString(), Does.Match($@"^txtest: 1/1 files, {cases} cases \(\d+ passed, \d+ failed\), \d+\.\d s\n$"));
    }
}
