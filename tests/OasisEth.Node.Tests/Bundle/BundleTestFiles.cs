using System.IO.Compression;
using System.Text;

namespace OasisEth.Node.Tests.Bundle;

/// <summary>A temporary directory, a fake x86-64 ELF and helpers to find and change bytes inside a written ZIP.</summary>
internal sealed class BundleTestFiles : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "oasis-eth-bundle-" + Guid.NewGuid().ToString("N"));

    public BundleTestFiles() => System.IO.Directory.CreateDirectory(Directory);

    public string PathOf(string name) => Path.Combine(Directory, name);

    /// <summary>An ELF64 little-endian x86-64 header followed by varied bytes (so compression cannot hide a change).</summary>
    public static byte[] FakeElf(int length = 20_000)
    {
        byte[] elf = new byte[length];
        new Random(42).NextBytes(elf);
        byte[] header = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0];
        header.CopyTo(elf, 0);
        elf[16] = 2; elf[17] = 0; // ET_EXEC
        elf[18] = 62; elf[19] = 0; // EM_X86_64
        return elf;
    }

    /// <summary>An x86-64 ELF shared-object header followed by varied bytes, standing in for libwasmtime.so.</summary>
    public static byte[] FakeLibrary(int length = 5_000)
    {
        byte[] library = FakeElf(length);
        new Random(7).NextBytes(library.AsSpan(20));
        library[16] = 3; // ET_DYN
        return library;
    }

    /// <summary>A fake ELF and, unless told otherwise, a fake libwasmtime.so beside it (as a publish folder has).</summary>
    public string WriteFakeElf(string name = "oasis-eth", bool withWasmtime = true)
    {
        string path = PathOf(name);
        File.WriteAllBytes(path, FakeElf());
        if (withWasmtime) File.WriteAllBytes(PathOf("libwasmtime.so"), FakeLibrary());
        return path;
    }

    /// <summary>Offset and length of an entry's stored (compressed) data, read from its local file header.</summary>
    public static (int Offset, int Length) DataOf(byte[] zip, string entryName)
    {
        byte[] name = Encoding.UTF8.GetBytes(entryName);
        for (int i = 0; i + 30 < zip.Length; i++)
        {
            if (zip[i] != 0x50 || zip[i + 1] != 0x4B || zip[i + 2] != 0x03 || zip[i + 3] != 0x04) continue;
            int compressed = BitConverter.ToInt32(zip, i + 18);
            int nameLength = BitConverter.ToUInt16(zip, i + 26);
            int extraLength = BitConverter.ToUInt16(zip, i + 28);
            if (nameLength == name.Length && zip.AsSpan(i + 30, nameLength).SequenceEqual(name))
                return (i + 30 + nameLength + extraLength, compressed);
        }
        throw new InvalidOperationException($"entry {entryName} not found");
    }

    /// <summary>Writes a ZIP with the given entries in order (to build bundles the writer would never make).</summary>
    public string WriteZip(string name, params (string Name, byte[] Data)[] entries)
    {
        string path = PathOf(name);
        using var stream = new FileStream(path, FileMode.Create);
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
        foreach ((string entryName, byte[] data) in entries)
        {
            using Stream s = zip.CreateEntry(entryName).Open();
            s.Write(data);
        }
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
