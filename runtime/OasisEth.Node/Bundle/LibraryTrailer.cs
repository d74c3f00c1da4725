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
    private static readonly TrailerFormat Format = new("oasis-eth/lib/v1");

    /// <summary><paramref name="elf"/> (any earlier genesis and library trailers removed) with
    /// <paramref name="library"/> appended; the genesis trailer goes on top of this.</summary>
    public static byte[] Append(ReadOnlySpan<byte> elf, ReadOnlySpan<byte> library) =>
        Format.Append(Strip(GenesisTrailer.Strip(elf)), library);

    /// <summary>The library a file carries (under its genesis trailer, if it has one), else false.</summary>
    public static bool TryRead(ReadOnlySpan<byte> file, out byte[] library)
    {
        library = [];
        if (!Format.TryLocate(GenesisTrailer.Strip(file), out int start, out int length)) return false;
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
        if (!Format.TryLocate(stream, end, out long start, out long length)) return false;
        stream.Seek(start, SeekOrigin.Begin);
        CopyExactly(stream, destination, length);
        return true;
    }

    /// <summary>The file without its library trailer (itself when it has none); the genesis trailer must be off.</summary>
    public static ReadOnlySpan<byte> Strip(ReadOnlySpan<byte> file) =>
        Format.TryLocate(file, out int start, out _) ? file[..start] : file;

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
