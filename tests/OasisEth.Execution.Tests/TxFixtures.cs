namespace OasisEth.Execution.Tests;

/// <summary>
/// Finds the read-only Ethereum fixtures in <c>shared/conformance/</c>: <c>$OASISETH_SHARED/conformance</c> when the
/// variable is set, else the first <c>shared/conformance</c> found walking up from the test assembly.
/// </summary>
internal static class TxFixtures
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string Conformance =>
        Root.Value ?? throw new DirectoryNotFoundException(
            $"No shared/conformance folder above {AppContext.BaseDirectory}; set OASISETH_SHARED to the shared folder.");

    /// <summary>Every folder holding TransactionTests-format files, relative to the conformance folder, sorted.</summary>
    public static IEnumerable<string> FixtureDirectories()
    {
        string root = Conformance;
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

    private static string? Locate()
    {
        string? shared = Environment.GetEnvironmentVariable("OASISETH_SHARED");
        if (!string.IsNullOrEmpty(shared))
        {
            string candidate = Path.Combine(Path.GetFullPath(shared), "conformance");
            return Directory.Exists(candidate) ? candidate : null;
        }
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            string candidate = Path.Combine(dir, "shared", "conformance");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
