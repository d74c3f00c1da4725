namespace OasisEth.StateTest;

/// <summary>A fixture file and the name it has in case ids.</summary>
public readonly record struct FixturePath(string FullPath, string DisplayName)
{
    /// <summary>
    /// The *.json files under <paramref name="fileOrDirectory"/> (recursively), sorted by display name so runs are
    /// reproducible. Display names are relative to the enclosing <c>conformance</c> folder when there is one, so the
    /// ids printed by <c>oasis-eth statetest</c> match the conformance suite's <c>known-failures.txt</c> whatever
    /// sub-folder was named; otherwise relative to the folder given (or the file's own folder).
    /// </summary>
    public static List<FixturePath> Discover(string fileOrDirectory)
    {
        string full = Path.GetFullPath(fileOrDirectory);
        var result = new List<FixturePath>();
        if (File.Exists(full))
        {
            string root = IdRoot(Path.GetDirectoryName(full)!);
            result.Add(new FixturePath(full, Relative(root, full)));
            return result;
        }
        if (!Directory.Exists(full)) throw new FileNotFoundException($"no such file or directory: {fileOrDirectory}", fileOrDirectory);
        string dirRoot = IdRoot(full);
        foreach (string file in Directory.EnumerateFiles(full, "*.json", SearchOption.AllDirectories))
            result.Add(new FixturePath(file, Relative(dirRoot, file)));
        result.Sort(static (a, b) => string.CompareOrdinal(a.DisplayName, b.DisplayName));
        return result;
    }

    /// <summary>Only the *.json files directly in <paramref name="directory"/>, named relative to <paramref name="root"/>.</summary>
    public static List<FixturePath> InDirectory(string directory, string root)
    {
        var result = new List<FixturePath>();
        foreach (string file in Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly))
            result.Add(new FixturePath(Path.GetFullPath(file), Relative(Path.GetFullPath(root), Path.GetFullPath(file))));
        result.Sort(static (a, b) => string.CompareOrdinal(a.DisplayName, b.DisplayName));
        return result;
    }

    private static string IdRoot(string directory)
    {
        for (string? d = directory; d is not null; d = Path.GetDirectoryName(d))
        {
            if (string.Equals(Path.GetFileName(d), "conformance", StringComparison.Ordinal)) return d;
        }
        return directory;
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
