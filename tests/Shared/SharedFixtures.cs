namespace OasisEth.Tests.Shared;

/// <summary>
/// Finds the read-only Ethereum fixtures in <c>shared/conformance/</c>: <c>$OASISETH_SHARED/conformance</c> when the
/// variable is set (CI points it at the <c>shared/</c> folder beside the clone), else the first
/// <c>shared/conformance</c> found walking up from the test assembly (the clone sits beside <c>shared/</c>). The
/// fixtures are read in place, never copied into the repo. Linked into each test project that needs it (one source,
/// no shared assembly), so it is <c>internal</c> to each.
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The conformance folder, or null when it cannot be found (for sources that report a "missing" case).</summary>
    public static string? ConformanceOrNull => Root.Value;

    /// <summary>
    /// The conformance folder. Throws when it is missing so a test that needs the fixtures fails rather than skips.
    /// </summary>
    public static string Conformance =>
        Root.Value ?? throw new DirectoryNotFoundException("shared conformance fixtures not found: " + WhereLooked);

    /// <summary>How to make the fixtures findable, for failure messages.</summary>
    public static string WhereLooked =>
        "set OASISETH_SHARED to the shared/ folder (holding conformance/), or put the repository beside shared/; looked from "
        + AppContext.BaseDirectory;

    /// <summary>Full path of a file or folder under <c>shared/conformance/</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Conformance, .. parts]);

    /// <summary>
    /// The first existing folder <paramref name="relative"/> below the test assembly's folder or one of its ancestors
    /// (e.g. vectors kept beside a test project's sources); throws when there is none, so the test fails.
    /// </summary>
    public static string FindAbove(params string[] relative) =>
        SearchAbove(relative) ?? throw new DirectoryNotFoundException(
            $"{string.Join('/', relative)} not found above {AppContext.BaseDirectory}");

    private static string? Locate()
    {
        string? shared = Environment.GetEnvironmentVariable("OASISETH_SHARED");
        if (!string.IsNullOrEmpty(shared))
        {
            string candidate = System.IO.Path.Combine(System.IO.Path.GetFullPath(shared), "conformance");
            return Directory.Exists(candidate) ? candidate : null;
        }
        return SearchAbove("shared", "conformance");
    }

    private static string? SearchAbove(params string[] relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine([dir.FullName, .. relative]);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
