namespace OasisEth.State.Mkvs.Tests;

/// <summary>
/// The shared Ethereum fixtures (read in place): <c>$OASISETH_SHARED/conformance</c> when set, else the first
/// <c>shared/conformance</c> walking up from the test assembly. Missing fixtures fail the test, never skip it.
/// </summary>
internal static class ConformanceFolder
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string Path(string relative) =>
        System.IO.Path.Combine(Root.Value ?? throw new DirectoryNotFoundException(
            "shared conformance fixtures not found: set OASISETH_SHARED to the shared/ folder; looked from " + AppContext.BaseDirectory),
            relative);

    private static string? Locate()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("OASISETH_SHARED");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            string candidate = System.IO.Path.Combine(System.IO.Path.GetFullPath(fromEnv), "conformance");
            return Directory.Exists(candidate) ? candidate : null;
        }
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
        {
            string candidate = System.IO.Path.Combine(dir, "shared", "conformance");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
