namespace OasisEth.Trie.Tests;

/// <summary>
/// Finds the read-only Ethereum fixtures in <c>shared/conformance/</c>: <c>$OASISETH_SHARED</c> (the shared folder)
/// if set, else the first folder above the test assembly that has <c>shared/conformance</c> beside the repo.
/// The fixtures are read in place, never copied into the repo.
/// </summary>
internal static class TrieFixtures
{
    private static readonly Lazy<string> Conformance = new(Locate);

    /// <summary>Full path of a file under <c>shared/conformance/</c>.</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Conformance.Value, .. parts]);

    private static string Locate()
    {
        string? shared = Environment.GetEnvironmentVariable("OASISETH_SHARED");
        if (!string.IsNullOrEmpty(shared)) return System.IO.Path.Combine(shared, "conformance");

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, "shared", "conformance");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException(
            $"No shared/conformance folder above {AppContext.BaseDirectory}; set OASISETH_SHARED to the shared folder.");
    }
}
