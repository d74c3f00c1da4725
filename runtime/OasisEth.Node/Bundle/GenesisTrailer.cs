namespace OasisEth.Node.Bundle;

/// <summary>
/// The genesis the bundle carries, appended to the bundled ELF so the runtime can read it. oasis-node's sandbox
/// mounts only the executable (at <c>/entrypoint</c>), not the bundle's other files, so <c>genesis.json</c> beside it
/// is for operators to read and for <c>--verify</c> to compare; the runtime reads this copy from its own file.
/// Layout: ELF ‖ genesis JSON ‖ length (8 bytes, little-endian) ‖ magic (16 bytes). The kernel and the loader map
/// an ELF by its program headers and ignore bytes past them, so the ELF runs unchanged, and the manifest digest of
/// the executable covers the trailer too.
/// </summary>
public static class GenesisTrailer
{
    private static readonly TrailerFormat Format = new("oasis-eth/gen/v1");

    /// <summary>Where the runtime finds itself in the sandbox (no /proc there, so no /proc/self/exe).</summary>
    public const string SandboxExecutablePath = "/entrypoint";

    /// <summary><paramref name="elf"/> (any earlier trailer removed) with <paramref name="genesisJson"/> appended.</summary>
    public static byte[] Append(ReadOnlySpan<byte> elf, ReadOnlySpan<byte> genesisJson) => Format.Append(Strip(elf), genesisJson);

    /// <summary>The genesis JSON of a file that carries one, else false.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out byte[] genesisJson)
    {
        genesisJson = [];
        if (!Format.TryLocate(file, out int start, out int length)) return false;
        genesisJson = file.Slice(start, length).ToArray();
        return true;
    }

    /// <summary>Reads the trailer of the executable at <paramref name="path"/> (the runtime: <see cref="SandboxExecutablePath"/>,
    /// or <see cref="Environment.ProcessPath"/> outside the sandbox). Only the file's end is read.</summary>
    public static bool TryReadFile(string path, out byte[] genesisJson)
    {
        genesisJson = [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (!Format.TryLocate(stream, stream.Length, out long start, out long length)) return false;
        genesisJson = new byte[(int)length];
        stream.Seek(start, SeekOrigin.Begin);
        stream.ReadExactly(genesisJson);
        return true;
    }

    /// <summary>How many bytes the genesis trailer takes at the end of <paramref name="stream"/> (genesis and
    /// footer), when it has one; the stream's position is left anywhere.</summary>
    public static bool TryMeasureFile(Stream stream, out long trailerLength)
    {
        trailerLength = 0;
        if (!Format.TryLocate(stream, stream.Length, out long start, out _)) return false;
        trailerLength = stream.Length - start;
        return true;
    }

    /// <summary>The file without its trailer (itself when it has none).</summary>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> file) =>
        Format.TryLocate(file, out int start, out _) ? file[..start] : file;
}
