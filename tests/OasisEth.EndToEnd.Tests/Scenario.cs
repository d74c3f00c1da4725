namespace OasisEth.EndToEnd.Tests;

/// <summary>Runs one tests/e2e script with node against a node URL and asserts it passed: exit code 0 and its
/// closing "PASS: name" line. On failure the message carries the script's whole output (each check it made).</summary>
internal static class Scenario
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    public static string Run(string url, string script, params string[] args)
    {
        E2eEnvironment.EnsureNodeModules();
        string name = Path.GetFileNameWithoutExtension(script);
        ProcessResult r = ProcessRunner.Run("node", [Path.Combine("scenarios", script), .. args], E2eEnvironment.E2eDirectory,
            new Dictionary<string, string> { ["OASIS_RPC_URL"] = url }, Timeout);
        TestContext.Out.WriteLine(r.Output);
        Assert.That(r.TimedOut, Is.False, $"{script} timed out after {Timeout}:\n{r.Output}");
        Assert.That(r.ExitCode, Is.Zero, $"{script} failed:\n{r.Output}");
        Assert.That(r.Output, Does.Contain($"PASS: {name}"), $"{script} did not report PASS:\n{r.Output}");
        Assert.That(r.Output, Does.Not.Contain("FAIL:"));
        return r.Output;
    }
}
