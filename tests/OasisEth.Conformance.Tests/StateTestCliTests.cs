using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using NUnit.Framework;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>The <c>statetest</c> command: as a real process on one small fixture (output shape, summary line, exit
/// code), and in-process for its usage errors and malformed input.</summary>
[TestFixture]
public partial class StateTestCliTests
{
    private const string SmallFixture = "GeneralStateTests/stChainId/chainId.json";

    [Test]
    public void CommandRunsOneFixtureFile()
    {
        string fixture = Path.Combine(SharedFixtures.Conformance, SmallFixture);
        int cases = 0;
        foreach (StateTestFixture t in FixtureLoader.LoadFile(fixture, SmallFixture).Tests) cases += t.Post.Count;
        Assert.That(cases, Is.GreaterThan(0));

        (int exitCode, string stdout, string stderr) = RunOasisEth("statetest", fixture);

        string[] lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(cases + 1), stdout + stderr);
        Match summary = SummaryLine().Match(lines[^1]);
        Assert.That(summary.Success, Is.True, $"last line is not 'N passed, N failed': {lines[^1]}");
        int passed = int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        int failed = int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(passed + failed, Is.EqualTo(cases));
        Assert.That(exitCode, Is.EqualTo(failed == 0 ? 0 : 1), stderr);

        int passLines = 0;
        foreach (string line in lines[..^1])
        {
            using JsonDocument doc = JsonDocument.Parse(line);
            JsonElement r = doc.RootElement;
            Assert.That(r.GetProperty("name").GetString(), Is.EqualTo("chainId"));
            Assert.That(r.GetProperty("fork").GetString(), Is.EqualTo("Cancun"));
            Assert.That(r.GetProperty("id").GetString(), Does.StartWith(SmallFixture + "::chainId::Cancun::d"));
            Assert.That(r.TryGetProperty("stateRoot", out _) && r.TryGetProperty("error", out _), Is.True, line);
            if (r.GetProperty("pass").GetBoolean()) passLines++;
        }
        Assert.That(passLines, Is.EqualTo(passed));
    }

    /// <summary>Two processes running the Ewasm suite (wasm compiled by Wasmtime in each, fibers, threads) print the same
    /// bytes: every root, logs hash and verdict.</summary>
    [Test]
    public void EwasmSuiteGivesTheSameResultsInTwoProcesses()
    {
        string suite = Path.Combine(SharedFixtures.Conformance, "Ewasm", "GeneralStateTests", "stEWASMTests");
        (int firstExit, string first, string firstErr) = RunOasisEth("statetest", suite);
        (int secondExit, string second, _) = RunOasisEth("statetest", suite);
        Assert.That(firstExit, Is.Zero, firstErr + first[^Math.Min(first.Length, 2000)..]);
        Assert.That(secondExit, Is.Zero);
        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("181 passed, 0 failed"));
    }

    [Test]
    public void MissingPathIsAUsageError()
    {
        (int exitCode, string stdout, string stderr) = RunOasisEth("statetest", "/no/such/oasis-eth/fixture.json");
        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("no such file or directory"));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public void UnknownForkIsAUsageError()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = StateTestCommand.Run(Path.GetTempPath(), "Atlantis", false, null, stdout, stderr);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain("unknown fork \"Atlantis\""));
    }

    [Test]
    public void MalformedFilesFailWithoutStoppingTheRun()
    {
        string dir = Path.Combine(Path.GetTempPath(), "oasis-eth-statetest-" + Environment.ProcessId + "-" + TestContext.CurrentContext.Test.ID);
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.json"), "{ broken");
            File.WriteAllText(Path.Combine(dir, "sub", "b.json"), """{ "t": { "env": {}, "pre": {}, "transaction": {}, "post": {} } }""");
            File.WriteAllText(Path.Combine(dir, "ignored.txt"), "not a fixture");
            var stdout = new StringWriter();
            int code = StateTestCommand.Run(dir, null, false, null, stdout, new StringWriter());
            string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(code, Is.EqualTo(1));
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Does.Contain("malformed JSON").And.Contain("\"pass\":false"));
            Assert.That(lines[1], Does.Contain("sub/b.json::t").And.Contain("malformed fixture"));
            Assert.That(lines[2], Is.EqualTo("0 passed, 2 failed"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex(@"^(\d+) passed, (\d+) failed$")]
    private static partial Regex SummaryLine();

    /// <summary>Runs the oasis-eth build copied beside the tests (the project reference does that).</summary>
    private static (int ExitCode, string Stdout, string Stderr) RunOasisEth(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "oasis-eth.dll");
        Assert.That(File.Exists(dll), Is.True, "oasis-eth.dll not found beside the tests: " + dll);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (string a in args) start.ArgumentList.Add(a);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("oasis-eth did not finish within 5 minutes");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
