using NUnit.Framework;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>
/// Every state-test case under shared/conformance, through the same runner the <c>oasis-eth statetest</c> command
/// uses, one NUnit test per fixture directory. A directory passes when all its failures are listed in
/// <c>known-failures.txt</c> and none of the listed ones passes.
/// </summary>
[TestFixture]
public class StateTestConformanceTests
{
    [TestCaseSource(typeof(ConformanceSuites), nameof(ConformanceSuites.GeneralStateTestDirectories))]
    public void GeneralStateTests(string directory, string forks) => RunDirectory(directory, forks, recursive: false);

    [TestCaseSource(typeof(ConformanceSuites), nameof(ConformanceSuites.EestDirectories))]
    public void Eest(string directory, string forks) => RunDirectory(directory, forks, recursive: false);

    [TestCaseSource(typeof(ConformanceSuites), nameof(ConformanceSuites.LegacyDirectories))]
    public void LegacyTests(string directory, string forks) => RunDirectory(directory, forks, recursive: false);

    /// <summary>The Ewasm suite (2019 fill, Byzantium): statetest picks the Ewasm engine in reference metering for
    /// fixtures that hold wasm code, as it does from the command line.</summary>
    [Test]
    public void EwasmStateTests() => RunDirectory(ConformanceSuites.Ewasm, ConformanceSuites.AllForks, recursive: true);

    /// <summary>LegacyTests' few Frontier..ConstantinopleFix entries, reported apart from the forks that matter.</summary>
    [Test]
    public void LegacyTestsBeforeIstanbul() => RunDirectory(ConformanceSuites.Legacy, ConformanceSuites.BeforeIstanbul, recursive: true);

    private static void RunDirectory(string directory, string forks, bool recursive)
    {
        if (directory == ConformanceSuites.Missing) Assert.Fail("shared conformance fixtures not found: " + SharedFixtures.WhereLooked);
        string root = SharedFixtures.Conformance;
        string full = Path.Combine(root, directory);
        List<FixturePath> files = recursive ? FixturePath.Discover(full) : FixturePath.InDirectory(full, root);

        var runner = new StateTestRunner(new StateTestOptions { ForkFilter = ConformanceSuites.Forks(forks) });
        List<CaseResult> results = runner.RunAll(files);
        WholeDirectoryRun.AssertVerdict(results, $"{directory} [{forks}]",
            $"{directory} [{forks}]: no case ran; the fixtures or the fork selection are wrong");
    }
}
