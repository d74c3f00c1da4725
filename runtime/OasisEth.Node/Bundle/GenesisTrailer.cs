using System.Buffers.Binary;
using System.Text;

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
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("oasis-eth/gen/v1");
    private const int FooterLength = 8 + 16;

    /// <summary>Where the runtime finds itself in the sandbox (no /proc there, so no /proc/self/exe).</summary>
    public const string SandboxExecutablePath = "/entrypoint";

    /// <summary><paramref name="elf"/> (any earlier trailer removed) with <paramref name="genesisJson"/> appended.</summary>
    public static byte[] Append(ReadOnlySpan<byte> elf, ReadOnlySpan<byte> genesisJson)
    {
        ReadOnlySpan<byte> plain = Strip(elf);
        byte[] result = new byte[plain.Length + genesisJson.Length + FooterLength];
        plain.CopyTo(result);
        genesisJson.CopyTo(result.AsSpan(plain.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(plain.Length + genesisJson.Length), (ulong)genesisJson.Length);
        Magic.CopyTo(result.AsSpan(result.Length - Magic.Length));
        return result;
    }

    /// <summary>The genesis JSON of a file that carries one, else false.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out byte[] genesisJson)
    {
        genesisJson = [];
        if (!TryLocate(file, out int start, out int length)) return false;
        genesisJson = file.Slice(start, length).ToArray();
        return true;
    }

    /// <summary>Reads the trailer of the executable at <paramref name="path"/> (the runtime: <see cref="SandboxExecutablePath"/>,
    /// or <see cref="Environment.ProcessPath"/> outside the sandbox). Only the file's end is read.</summary>
    public static bool TryReadFile(string path, out byte[] genesisJson)
    {
        genesisJson = [];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length < FooterLength) return false;
        Span<byte> footer = stackalloc byte[FooterLength];
        stream.Seek(-FooterLength, SeekOrigin.End);
        stream.ReadExactly(footer);
        if (!footer[8..].SequenceEqual(Magic)) return false;
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(footer);
        if (length > (ulong)(stream.Length - FooterLength)) return false;
        genesisJson = new byte[(int)length];
        stream.Seek(-FooterLength - (long)length, SeekOrigin.End);
        stream.ReadExactly(genesisJson);
        return true;
    }

    /// <summary>How many bytes the genesis trailer takes at the end of <paramref name="stream"/> (genesis and
    /// footer), when it has one; the stream's position is left anywhere.</summary>
    public static bool TryMeasureFile(Stream stream, out long trailerLength)
    {
        trailerLength = 0;
        if (stream.Length < FooterLength) return false;
        Span<byte> footer = stackalloc byte[FooterLength];
        stream.Seek(-FooterLength, SeekOrigin.End);
        stream.ReadExactly(footer);
        if (!footer[8..].SequenceEqual(Magic)) return false;
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(footer);
        if (length > (ulong)(stream.Length - FooterLength)) return false;
        trailerLength = (long)length + FooterLength;
        return true;
    }

    /// <summary>The file without its trailer (itself when it has none).</summary>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> file) =>
        TryLocate(file, out int start, out _) ? file[..start] : file;

    private static bool TryLocate(ReadOnlySpan<byte> file, out int start, out int length)
    {
        start = length = 0;
        if (file.Length < FooterLength || !file[^Magic.Length..].SequenceEqual(Magic)) return false;
        ulong declared = BinaryPrimitives.ReadUInt64LittleEndian(file[^FooterLength..]);
        if (declared > (ulong)(file.Length - FooterLength)) return false;
        length = (int)declared;
        start = file.Length - FooterLength - length;
        return true;
    }
}
