using System.Text;
using OasisEth.Primitives;
using OasisEth.Tests.Shared;
using OasisEth.TxTest;

namespace OasisEth.Transactions.Tests;

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
        string full = Path.Combine(SharedFixtures.Conformance, folder);
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

    /// <summary>
    /// The ttWrongRLP files stop at Shanghai and two ttSignature files at London, but their encodings are malformed
    /// whatever the fork (conformance README): they must be rejected in Cancun and Prague too.
    /// </summary>
    [TestCase(Fork.Cancun)]
    [TestCase(Fork.Prague)]
    public void MalformedEncodingsStayRejectedAfterTheirLastFork(Fork fork)
    {
        var files = new List<string>(Directory.EnumerateFiles(Path.Combine(SharedFixtures.Conformance, "TransactionTests", "ttWrongRLP"), "*.json"));
        files.Add(Path.Combine(SharedFixtures.Conformance, "TransactionTests", "ttSignature", "TransactionWithTooFewRLPElements.json"));
        files.Add(Path.Combine(SharedFixtures.Conformance, "TransactionTests", "ttSignature", "TransactionWithTooManyRLPElements.json"));
        files.Sort(StringComparer.Ordinal);
        int checkedCount = 0;
        var failures = new StringBuilder();
        foreach (string file in files)
        {
            TxTestFile loaded = TxTestLoader.LoadFile(file, Path.GetFileName(file));
            Assert.That(loaded.FileError, Is.Null, file);
            foreach (TxTestFixture test in loaded.Tests)
            {
                // The last fork the file lists says what the encoding is; every one of these expects a rejection.
                TxExpectation last = test.Results[^1];
                foreach (TxExpectation e in test.Results) if (e.ForkName == "Shanghai" || e.ForkName == "London") last = e;
                Assert.That(last.Exception, Is.Not.Null, $"{test.Name}: expected every entry to be a rejection");
                var expectation = new TxExpectation { ForkName = fork.FixtureName(), Exception = last.Exception };
                TxCaseResult r = TxTestRunner.RunCase(loaded.File, test, expectation, fork);
                if (!r.Pass) failures.AppendLine(r.ToJson());
                checkedCount++;
            }
        }
        Assert.That(checkedCount, Is.EqualTo(files.Count));
        Assert.That(failures.ToString(), Is.Empty);
    }
}
