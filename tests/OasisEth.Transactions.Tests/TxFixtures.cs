using OasisEth.Tests.Shared;

namespace OasisEth.Transactions.Tests;

/// <summary>The TransactionTests-format fixtures in the shared conformance folder (see <see cref="SharedFixtures"/>).</summary>
internal static class TxFixtures
{
    /// <summary>Every folder holding TransactionTests-format files, relative to the conformance folder, sorted.</summary>
    public static IEnumerable<string> FixtureDirectories()
    {
        string root = SharedFixtures.Conformance;
        var dirs = new List<string>();
        foreach (string suite in new[] { "TransactionTests", "EEST/transaction_tests" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, suite), "*.json", SearchOption.AllDirectories))
            {
                string dir = Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace('\\', '/');
                if (!dirs.Contains(dir)) dirs.Add(dir);
            }
        }
        dirs.Sort(StringComparer.Ordinal);
        return dirs;
    }
}
