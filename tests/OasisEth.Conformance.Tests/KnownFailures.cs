namespace OasisEth.Conformance.Tests;

/// <summary>
/// The checked-in list of conformance cases expected to fail (<c>known-failures.txt</c>): exact case ids, and prefixes
/// written with a trailing <c>*</c>. Blank lines and <c>#</c> comments are ignored.
/// </summary>
internal sealed class KnownFailures
{
    public HashSet<string> Exact { get; } = new(StringComparer.Ordinal);
    public List<string> Prefixes { get; } = [];

    public static KnownFailures Load() => Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "known-failures.txt")));

    public static KnownFailures Parse(IEnumerable<string> lines)
    {
        var known = new KnownFailures();
        foreach (string raw in lines)
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.EndsWith('*')) known.Prefixes.Add(line[..^1]);
            else known.Exact.Add(line);
        }
        return known;
    }

    /// <summary>The entry (exact id or prefix with its '*') that covers <paramref name="id"/>, or null.</summary>
    public string? Covering(string id)
    {
        if (Exact.Contains(id)) return id;
        foreach (string prefix in Prefixes)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal)) return prefix + "*";
        }
        return null;
    }
}
