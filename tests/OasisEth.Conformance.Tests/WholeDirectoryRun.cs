using NUnit.Framework;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>
/// One fixture directory of a suite that runs every fork, through a runner set up for a variant (RocksDB state, the
/// compiled tier): the same verdict rules as <see cref="StateTestConformanceTests"/>, every failure listed in
/// known-failures.txt and no listed case passing. Returns how many cases ran.
/// </summary>
internal static class WholeDirectoryRun
{
    private static readonly Lazy<KnownFailures> Known = new(KnownFailures.Load);

    public static int Check(StateTestRunner runner, string directory, string forks, string variant)
    {
        if (directory == ConformanceSuites.Missing) Assert.Fail("shared conformance fixtures not found: " + SharedFixtures.WhereLooked);
        string root = SharedFixtures.Conformance;
        List<FixturePath> files = FixturePath.InDirectory(Path.Combine(root, directory), root);
        Assert.That(ConformanceSuites.Forks(forks), Is.Null, "both suites run every fork");

        List<CaseResult> results = runner.RunAll(files);
        AssertVerdict(results, $"{directory} [{forks}] {variant}", $"{directory} [{forks}]: no case ran");
        return results.Count;
    }

    /// <summary>The verdict every conformance run shares: some case ran, every failure is a known one and no known one
    /// passes. The summary goes to the test's output either way.</summary>
    public static void AssertVerdict(List<CaseResult> results, string label, string noCaseMessage)
    {
        ConformanceVerdict verdict = ConformanceVerdict.Judge(results, Known.Value);
        string summary = verdict.Describe(label);
        TestContext.Out.WriteLine(summary);
        Assert.That(results, Is.Not.Empty, noCaseMessage);
        Assert.That(verdict.Ok, Is.True, summary);
    }
}
