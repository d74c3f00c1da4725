using System.IO.Compression;
using OasisEth.Executor;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Node.Bundle;

/// <summary>What <see cref="BundleVerifier.Verify"/> found: the manifest and its hash when the bundle would load,
/// else the first reason it would not.</summary>
public sealed record BundleCheck(BundleManifest? Manifest, Hash256 ManifestHash, GenesisConfig? Genesis, string? Error)
{
    public bool Ok => Error is null;
}

/// <summary>
/// Checks a bundle as oasis-node's loader does (core: go/runtime/bundle/bundle.go <c>Open</c>, <c>Validate</c>):
/// the manifest is the first entry, every other entry sits at the top level, the manifest is valid, the RONL
/// executable is in the bundle, and every file but the manifest has a digest that matches its bytes. Then what
/// this runtime itself needs: the executable is an x86-64 ELF, the version is <see cref="RuntimeIdentity.RuntimeVersion"/>
/// the carried genesis parses, the executable carries the same genesis (<see cref="GenesisTrailer"/>), and the
/// bundle holds Wasmtime's library, which the executable carries too (<see cref="LibraryTrailer"/>).
/// </summary>
/// <remarks>One gap against the Go loader, for deflated entries only (our writer stores entries uncompressed): a
/// deflate stream whose final-block bit was cleared inflates to the same bytes in .NET, which accepts the truncated
/// stream, while Go refuses it. The content is still exactly the digested one.</remarks>
public static class BundleVerifier
{
    public static BundleCheck Verify(string path)
    {
        try
        {
            return VerifyOrThrow(path);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or UnauthorizedAccessException)
        {
            return new BundleCheck(null, default, null, e.Message);
        }
    }

    private static BundleCheck VerifyOrThrow(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = 0; i < zip.Entries.Count; i++)
        {
            ZipArchiveEntry entry = zip.Entries[i];
            if (i == 0 && entry.FullName != BundleManifest.Path) return Fail($"invalid manifest file name: '{entry.FullName}' (it must be the first entry)");
            if (i > 0 && (entry.FullName.Contains('/') || entry.FullName.Contains('\\') || entry.FullName is "" or "." or ".."))
                return Fail($"failed to sanitize path '{entry.FullName}' (bundle files sit at the top level)");
            if (!data.TryAdd(entry.FullName, ReadAll(entry))) return Fail($"'{entry.FullName}' appears twice");
        }
        if (!data.TryGetValue(BundleManifest.Path, out byte[]? manifestBytes)) return Fail("missing manifest");

        BundleManifest manifest = BundleManifest.Parse(manifestBytes);
        if (!data.TryGetValue(manifest.Executable, out byte[]? executable)) return Fail($"missing ronl: ELF executable '{manifest.Executable}' in bundle");
        foreach (KeyValuePair<string, byte[]> file in data)
        {
            if (file.Key == BundleManifest.Path) continue;
            if (!manifest.Digests.TryGetValue(file.Key, out Hash256 expected)) return Fail($"missing digest: '{file.Key}'");
            if (Sha512_256.Hash(file.Value) != expected) return Fail($"invalid digest: '{file.Key}'");
        }

        if (!IsX64Elf(executable)) return Fail($"'{manifest.Executable}' is not an x86-64 ELF executable");
        if (manifest.Version != RuntimeIdentity.RuntimeVersion)
            return Fail($"component version {manifest.Version.Major}.{manifest.Version.Minor}.{manifest.Version.Patch} is not this runtime's {RuntimeIdentity.RuntimeVersion.Major}.{RuntimeIdentity.RuntimeVersion.Minor}.{RuntimeIdentity.RuntimeVersion.Patch}");
        if (!data.TryGetValue(RuntimeIdentity.GenesisFileName, out byte[]? genesisBytes)) return Fail($"missing {RuntimeIdentity.GenesisFileName}");
        GenesisConfig genesis = GenesisConfig.Parse(System.Text.Encoding.UTF8.GetString(genesisBytes));
        // What the runtime will run is the copy in its own file; it must be the genesis operators can read.
        if (!GenesisTrailer.TryRead(executable, out byte[] carried))
            return Fail($"'{manifest.Executable}' carries no genesis (build the bundle with oasis-eth bundle)");
        if (!carried.AsSpan().SequenceEqual(genesisBytes))
            return Fail($"the genesis carried by '{manifest.Executable}' differs from {RuntimeIdentity.GenesisFileName}");
        // Ewasm needs Wasmtime's library, and in the sandbox only the executable's copy is there.
        if (!data.TryGetValue(RuntimeIdentity.WasmtimeFileName, out byte[]? wasmtime)) return Fail($"missing {RuntimeIdentity.WasmtimeFileName}");
        if (!IsX64Elf(wasmtime)) return Fail($"'{RuntimeIdentity.WasmtimeFileName}' is not an x86-64 ELF library");
        if (!LibraryTrailer.TryRead(executable, out byte[] carriedLibrary))
            return Fail($"'{manifest.Executable}' carries no {RuntimeIdentity.WasmtimeFileName} (build the bundle with oasis-eth bundle)");
        if (!carriedLibrary.AsSpan().SequenceEqual(wasmtime))
            return Fail($"the {RuntimeIdentity.WasmtimeFileName} carried by '{manifest.Executable}' differs from the bundle's");
        return new BundleCheck(manifest, manifest.Hash(), genesis, null);
    }

    /// <summary>ELF magic, 64-bit class, little-endian, e_machine EM_X86_64 (62).</summary>
    private static bool IsX64Elf(ReadOnlySpan<byte> file) =>
        file.Length >= 20 && file[0] == 0x7F && file[1] == (byte)'E' && file[2] == (byte)'L' && file[3] == (byte)'F'
        && file[4] == 2 && file[5] == 1 && file[18] == 62 && file[19] == 0;

    private static byte[] ReadAll(ZipArchiveEntry entry)
    {
        using Stream s = entry.Open();
        using var buffer = new MemoryStream();
        s.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static BundleCheck Fail(string error) => new(null, default, null, error);
}
