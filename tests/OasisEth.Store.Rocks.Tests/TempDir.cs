namespace OasisEth.Store.Rocks.Tests;

/// <summary>A fresh directory path under the temp folder (not created), deleted with everything in it on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "oasiseth-store-tests", Guid.NewGuid().ToString("N"));
    }

    public string Path { get; }

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        if (Directory.Exists(Path + ".creating")) Directory.Delete(Path + ".creating", recursive: true);
    }
}
