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
        _cases += WholeDirectoryRun.Check(_runner, directory, forks, "on the compiled tier");
        // The tier is really on: code has been compiled by now (a directory whose code an earlier one compiled adds none).
        Assert.That(StateTestRunner.CompiledCodeCompilations, Is.Positive, "nothing was compiled");
    }
}
