namespace OasisEth.Conformance.Tests;

/// <summary>
/// Finds the shared <c>conformance</c> fixtures: <c>$OASISETH_SHARED/conformance</c> when the variable is set (CI sets
/// it to the <c>shared/</c> folder beside the clone), else the first <c>shared/conformance</c> found walking up from
/// the test assembly (the clone sits beside <c>shared/</c>, so some ancestor holds both).
/// </summary>
internal static class SharedFixtures
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The conformance folder, or null when it cannot be found (see <see cref="WhereLooked"/>).</summary>
    public static string? ConformanceRoot => Root.Value;

    public static string WhereLooked =>
        "set OASISETH_SHARED to the shared/ folder (holding conformance/), or put the repository beside shared/; looked from "
        + AppContext.BaseDirectory;

    public static string RequireRoot() =>
        ConformanceRoot ?? throw new DirectoryNotFoundException("shared conformance fixtures not found: " + WhereLooked);

    private static string? Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("OASISETH_SHARED");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            string candidate = Path.Combine(Path.GetFullPath(fromEnv), "conformance");
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
