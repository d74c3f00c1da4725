using System.Text;
using OasisEth.TxTest;

namespace OasisEth.Execution.Tests;

/// <summary>
/// ethereum/tests TransactionTests and EEST transaction_tests through the same runner the <c>txtest</c> command
/// uses: one test per fixture folder, every (test, fork) entry must pass.
/// </summary>
[TestFixture]
public sealed class TransactionTestsConformance
{
    public static IEnumerable<TestCaseData> Folders()
    {
        foreach (string dir in TxFixtures.FixtureDirectories())
            yield return new TestCaseData(dir).SetName("TransactionTests(" + dir + ")");
    }

    [TestCaseSource(nameof(Folders))]
    public void EveryEntryPasses(string folder)
    {
        string full = Path.Combine(TxFixtures.Conformance, folder);
        var runner = new TxTestRunner();
        int passed = 0;
        var failures = new StringBuilder();
        foreach (string file in Directory.EnumerateFiles(full, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            foreach (TxCaseResult r in runner.RunFile(TxTestLoader.LoadFile(file, folder + "/" + Path.GetFileName(file))))
            {
                if (r.Pass) passed++;
                else failures.AppendLine(r.ToJson());
            }
        }
        TestContext.Out.WriteLine($"{folder}: {passed} passed");
        Assert.That(passed, Is.GreaterThan(0), "no entries found in " + folder);
        Assert.That(failures.ToString(), Is.Empty, $"{folder}: failures");
    }
}
