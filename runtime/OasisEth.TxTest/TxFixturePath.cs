namespace OasisEth.TxTest;

/// <summary>A fixture file and the name results give it.</summary>
public readonly record struct TxFixturePath(string FullPath, string DisplayName)
{
    /// <summary>
    /// <paramref name="fileOrDirectory"/> itself, or every *.json below it (recursively), sorted by display name so
    /// runs are reproducible. Display names are relative to the enclosing <c>conformance</c> folder when there is one.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither a file nor a directory exists at the path.</exception>
    public static List<TxFixturePath> Discover(string fileOrDirectory)
    {
        string full = Path.GetFullPath(fileOrDirectory);
        var result = new List<TxFixturePath>();
        if (File.Exists(full))
        {
            result.Add(new TxFixturePath(full, Relative(IdRoot(Path.GetDirectoryName(full)!), full)));
            return result;
        }
        if (!Directory.Exists(full)) throw new FileNotFoundException($"no such file or directory: {fileOrDirectory}", fileOrDirectory);
        string root = IdRoot(full);
        foreach (string file in Directory.EnumerateFiles(full, "*.json", SearchOption.AllDirectories))
            result.Add(new TxFixturePath(file, Relative(root, file)));
        result.Sort(static (a, b) => string.CompareOrdinal(a.DisplayName, b.DisplayName));
        return result;
    }

    private static string IdRoot(string directory)
    {
        for (string? d = directory; d is not null; d = Path.GetDirectoryName(d))
            if (string.Equals(Path.GetFileName(d), "conformance", StringComparison.Ordinal)) return d;
        return directory;
    }

    private static string Relative(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');
}
