using NUnit.Framework;
using OasisEth.StateTest;
using OasisEth.Tests.Shared;

namespace OasisEth.Conformance.Tests;

/// <summary>
/// GeneralStateTests and EEST state tests with the state in a RocksDB node store (<c>--state rocks</c>): each
/// case's pre-state committed as a round, the transaction run over a tree read from the store, the post-state
/// committed as the next round and its Ethereum root read back from the store. Same verdicts as the in-memory
/// run (<see cref="StateTestConformanceTests"/>): every failure listed in known-failures.txt, no listed case passing.
/// One runner (so one set of temporary stores) serves the whole fixture.
/// </summary>
[TestFixture]
public class StateTestOnRocksTests
{
    private StateTestRunner _runner = null!;
    private long _cases;

    [OneTimeSetUp]
    public void OpenStores() => _runner = new StateTestRunner(new StateTestOptions { Backend = StateBackend.Rocks });

    [OneTimeTearDown]
    public void DeleteStores()
    {
        _runner.Dispose();
        TestContext.Out.WriteLine($"{_cases} cases on RocksDB");
    }

    [TestCaseSource(typeof(ConformanceSuites), nameof(ConformanceSuites.GeneralStateTestDirectories))]
    public void GeneralStateTests(string directory, string forks) => RunDirectory(directory, forks);

    [TestCaseSource(typeof(ConformanceSuites), nameof(ConformanceSuites.EestDirectories))]
    public void Eest(string directory, string forks) => RunDirectory(directory, forks);

    private void RunDirectory(string directory, string forks)
    {
        _cases += WholeDirectoryRun.Check(_runner, directory, forks, "on RocksDB");
    }
}
