using NUnit.Framework;
using OasisEth.Evm.Compiler;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>
/// The Cancun set (GeneralStateTests) and the Prague set (EEST state tests) with every contract compiled to IL before
/// its first frame (<c>--evm-tier compiled</c>): the same verdicts as the interpreter
/// (<see cref="StateTestConformanceTests"/>), every failure listed in known-failures.txt, no listed case passing.
/// The compiled code hands a frame to the interpreter only where it cannot go on exactly (a failed segment check), so
/// these runs check gas, out-of-gas points, refunds, return data and reverts of the compiled tier.
/// </summary>
[TestFixture]
public class StateTestCompiledTierTests
{
    private static readonly Lazy<KnownFailures> Known = new(KnownFailures.Load);
    private readonly StateTestRunner _runner = new(new StateTestOptions { Tier = EvmTier.Compiled });
    private long _cases;

    [OneTimeTearDown]
    public void Report()
    {
        _runner.Dispose();
        TestContext.Out.WriteLine($"{_cases} cases on the compiled tier, {StateTestRunner.CompiledCodeCompilations} compilations");
    }

    [TestCaseSource(typeof(ConformanceSuites), nameof(ConformanceSuites.GeneralStateTestDirectories))]
    public void GeneralStateTests(string directory, string forks) => RunDirectory(directory, forks);

    [TestCaseSource(typeof(ConformanceSuites), nameof(ConformanceSuites.EestDirectories))]
    public void Eest(string directory, string forks) => RunDirectory(directory, forks);

    private void RunDirectory(string directory, string forks)
    {
        if (directory == ConformanceSuites.Missing) Assert.Fail("shared conformance fixtures not found: " + SharedFixtures.WhereLooked);
        string root = SharedFixtures.Conformance;
        List<FixturePath> files = FixturePath.InDirectory(Path.Combine(root, directory), root);
        Assert.That(ConformanceSuites.Forks(forks), Is.Null, "both suites run every fork");

        List<CaseResult> results = _runner.RunAll(files);
        _cases += results.Count;
        ConformanceVerdict verdict = ConformanceVerdict.Judge(results, Known.Value);
        string summary = verdict.Describe($"{directory} [{forks}] on the compiled tier");
        TestContext.Out.WriteLine(summary);
        Assert.That(results, Is.Not.Empty, $"{directory} [{forks}]: no case ran");
        Assert.That(verdict.Ok, Is.True, summary);
        // The tier is really on: code has been compiled by now (a directory whose code an earlier one compiled adds none).
        Assert.That(StateTestRunner.CompiledCodeCompilations, Is.Positive, "nothing was compiled");
    }
}
