using OasisEth.StateTest;

namespace OasisEth.State.Mkvs.Tests;

/// <summary>
/// State tests on the MKVS backend, through the runner users run (<c>statetest --state mkvs</c>): <c>pre</c> written
/// to a tree and committed, the transaction executed on a world state reading through it, the changes collected,
/// applied and committed, the Ethereum root computed from the tree and compared with the fixture's hash. The
/// folders are the ones where deletions, re-creations and storage wipes happen.
/// </summary>
public class StateTestsOnMkvsTests
{
    private static readonly string[] Folders =
    [
        "GeneralStateTests/stSStoreTest",
        "GeneralStateTests/stCreate2",
        "GeneralStateTests/stSelfBalance",
        "GeneralStateTests/stRevertTest",
        "GeneralStateTests/stEIP158Specific",   // EIP-161 empty-account deletion (no stRefundTest in this fixture set)
        "GeneralStateTests/stExtCodeHash",      // code hashes of destroyed and re-created accounts
        "GeneralStateTests/VMTests",
        "EEST/state_tests/cancun/eip6780_selfdestruct",
    ];

    [TestCaseSource(nameof(Folders))]
    public void Folder_PassesOnTheMkvsBackend(string folder)
    {
        List<FixturePath> files = FixturePath.Discover(ConformanceFolder.Path(folder));
        var runner = new StateTestRunner(new StateTestOptions { Backend = StateBackend.Mkvs });
        List<CaseResult> results = runner.RunAll(files);

        var failures = new List<string>();
        foreach (CaseResult r in results)
        {
            if (!r.Pass && failures.Count < 10) failures.Add($"{r.Id}: {r.Error}");
        }
        Assert.That(results, Has.Count.GreaterThanOrEqualTo(8), "too few cases: wrong folder?");
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public void BothBackends_PrintTheSameLines()
    {
        string folder = ConformanceFolder.Path("EEST/state_tests/cancun/eip6780_selfdestruct");
        string Run(string? backend)
        {
            var stdout = new StringWriter();
            int exit = StateTestCommand.Run(folder, null, false, null, stdout, TextWriter.Null, backend);
            Assert.That(exit, Is.EqualTo(StateTestCommand.ExitPassed), stdout.ToString()[^Math.Min(2000, stdout.ToString().Length)..]);
            return stdout.ToString();
        }
        string inMemory = Run(null);
        Assert.That(Run("mkvs"), Is.EqualTo(inMemory));
        Assert.That(Run("rocks"), Is.EqualTo(inMemory));
        Assert.That(Run("memory"), Is.EqualTo(inMemory));
        Assert.That(Run("InMemory"), Is.EqualTo(inMemory));
    }

    [Test]
    public void UnknownBackend_IsAUsageError()
    {
        var stderr = new StringWriter();
        int exit = StateTestCommand.Run(ConformanceFolder.Path("EEST/state_tests/cancun/eip6780_selfdestruct"), null, false, null,
            TextWriter.Null, stderr, "leveldb");
        Assert.That(exit, Is.EqualTo(StateTestCommand.ExitUsage));
        Assert.That(stderr.ToString(), Does.Contain("unknown state backend \"leveldb\""));
    }
}
