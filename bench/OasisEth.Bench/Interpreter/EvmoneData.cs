namespace OasisEth.Bench.Interpreter;

/// <summary>
/// Finds <c>shared/bench/evmone</c>: <c>OASISETH_SHARED</c> (the <c>shared</c> folder) when set, else the first
/// ancestor of the working directory or of the assembly that holds <c>shared/bench/evmone</c>. Both start points
/// matter: BenchmarkDotNet runs each case in a child process whose directory is deep under <c>bin/</c>.
/// </summary>
public static class EvmoneData
{
    private static readonly Lazy<string> RootPath = new(Locate);

    /// <summary>The <c>.../shared/bench/evmone</c> folder.</summary>
    public static string Root => RootPath.Value;

    private static string Locate()
    {
        string? shared = Environment.GetEnvironmentVariable("OASISETH_SHARED");
        if (!string.IsNullOrEmpty(shared))
        {
            string fromEnv = Path.Combine(shared, "bench", "evmone");
            if (Directory.Exists(fromEnv)) return Path.GetFullPath(fromEnv);
            throw new DirectoryNotFoundException($"OASISETH_SHARED={shared} has no bench/evmone folder");
        }
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (string? d = Path.GetFullPath(start); d is not null; d = Path.GetDirectoryName(d))
            {
                string candidate = Path.Combine(d, "shared", "bench", "evmone");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            "shared/bench/evmone not found above the working directory or the assembly; set OASISETH_SHARED to the shared folder");
    }
}
