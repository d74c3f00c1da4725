using System.IO.Compression;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Node.Bundle;

/// <summary>Writes a <c>.orc</c> bundle: a ZIP whose first entry is the manifest, then the executable, the genesis
/// and Wasmtime's native library, flat and stored uncompressed; the executable carries the library and the genesis
/// too (<see cref="LibraryTrailer"/>, <see cref="GenesisTrailer"/>). Entry times are fixed so the same inputs give the
/// same bytes.</summary>
public static class BundleWriter
{
    /// <summary>ZIP's earliest date: no build time leaks into the bundle, so rebuilding gives the same file.</summary>
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the bundle to <paramref name="output"/> and returns its manifest.</summary>
    public static BundleManifest Write(string output, byte[] executable, byte[] genesisJson, byte[] wasmtime, byte[] runtimeId, string name)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(genesisJson);
        ArgumentNullException.ThrowIfNull(wasmtime);
        if (runtimeId is not { Length: 32 }) throw new ArgumentException("A runtime id is 32 bytes.", nameof(runtimeId));
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            // The runtime reads its genesis from its own file: the sandbox mounts nothing else of the bundle.
            [RuntimeIdentity.ExecutableName] = GenesisTrailer.Append(LibraryTrailer.Append(executable, wasmtime), genesisJson),
            [RuntimeIdentity.GenesisFileName] = genesisJson,
            [RuntimeIdentity.WasmtimeFileName] = wasmtime,
        };
        var digests = new Dictionary<string, Hash256>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, byte[]> f in files) digests[f.Key] = Sha512_256.Hash(f.Value);
        var manifest = new BundleManifest(name, runtimeId, RuntimeIdentity.RuntimeVersion, RuntimeIdentity.ExecutableName, digests);

        string temp = output + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            Add(zip, BundleManifest.Path, manifest.ToJson()); // must be the first entry (the loader checks)
            foreach (KeyValuePair<string, byte[]> f in files) Add(zip, f.Key, f.Value);
        }
        File.Move(temp, output, overwrite: true);
        return manifest;
    }

    private static void Add(ZipArchive zip, string name, byte[] data)
    {
        // Stored, not deflated: every byte of a file then lies under its digest. With deflate, clearing the
        // final-block bit of a stream leaves the same content for .NET's inflater, which accepts the truncated
        // stream, while oasis-node's Go inflater refuses it; --verify could not tell such a bundle apart.
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = FixedTime;
        using Stream s = entry.Open();
        s.Write(data);
    }
}
