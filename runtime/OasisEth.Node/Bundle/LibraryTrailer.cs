using System.Buffers.Binary;
using System.Text;

namespace OasisEth.Node.Bundle;

/// <summary>
/// Wasmtime's native library appended to the bundled ELF, under the genesis (<see cref="GenesisTrailer"/>): oasis-node's
/// sandbox mounts only the executable and its DT_NEEDED libraries, and Wasmtime is loaded with dlopen, so the copy
/// beside the executable in the bundle is not there at run time; the runtime takes this one out of its own file
/// (<see cref="Runtime.BundledWasmtime"/>). Layout: ELF ‖ library ‖ length (8 bytes, little-endian) ‖ magic (16
/// bytes) ‖ genesis trailer. The manifest digest of the executable covers it.
/// </summary>
public static class LibraryTrailer
{
    private static readonly byte[] Magic = Encoding.ASCII.GetBytes("oasis-eth/lib/v1");
    private const int FooterLength = 8 + 16;

    /// <summary><paramref name="elf"/> (any earlier genesis and library trailers removed) with
    /// <paramref name="library"/> appended; the genesis trailer goes on top of this.</summary>
    public static byte[] Append(ReadOnlySpan<byte> elf, ReadOnlySpan<byte> library)
    {
        ReadOnlySpan<byte> plain = Strip(GenesisTrailer.Strip(elf));
        byte[] result = new byte[plain.Length + library.Length + FooterLength];
        plain.CopyTo(result);
        library.CopyTo(result.AsSpan(plain.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(plain.Length + library.Length), (ulong)library.Length);
        Magic.CopyTo(result.AsSpan(result.Length - Magic.Length));
        return result;
    }

    /// <summary>The library a file carries (under its genesis trailer, if it has one), else false.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out byte[] library)
    {
        library = [];
        if (!TryLocate(GenesisTrailer.Strip(file), out int start, out int length)) return false;
        library = file.Slice(start, length).ToArray();
        return true;
    }

    /// <summary>Copies the library the executable at <paramref name="path"/> carries into <paramref name="destination"/>,
    /// reading only the trailers and the library; false when it carries none.</summary>
    public static bool TryCopyFromFile(string path, Stream destination)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long end = stream.Length;
        if (GenesisTrailer.TryMeasureFile(stream, out long genesisTrailer)) end -= genesisTrailer;
        if (end < FooterLength) return false;
        Span<byte> footer = stackalloc byte[FooterLength];
        stream.Seek(end - FooterLength, SeekOrigin.Begin);
        stream.ReadExactly(footer);
        if (!footer[8..].SequenceEqual(Magic)) return false;
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(footer);
        if (length > (ulong)(end - FooterLength)) return false;
        stream.Seek(end - FooterLength - (long)length, SeekOrigin.Begin);
        CopyExactly(stream, destination, (long)length);
        return true;
    }

    /// <summary>The file without its library trailer (itself when it has none); the genesis trailer must be off.</summary>
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

    private static void CopyExactly(Stream source, Stream destination, long count)
    {
        byte[] buffer = new byte[1 << 20];
        while (count > 0)
        {
            int read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0) throw new EndOfStreamException("the executable ends inside its library trailer");
            destination.Write(buffer, 0, read);
            count -= read;
        }
    }
}
