using System.Runtime.InteropServices;
using System.Text;
using OasisEth.Node.Bundle;
using OasisEth.Node.Runtime;

namespace OasisEth.Node.Tests.Bundle;

/// <summary>Wasmtime's library carried by the bundled ELF under the genesis: read back from bytes and from a file,
/// replaced (never stacked) when bundled again, absent from a plain ELF, and the real library loaded out of such a
/// file as the runtime does in the sandbox.</summary>
public sealed class LibraryTrailerTests
{
    private static readonly byte[] Genesis = Encoding.UTF8.GetBytes("{\"chainId\": 1}");

    private static byte[] Bundled(byte[] elf, byte[] library) => GenesisTrailer.Append(LibraryTrailer.Append(elf, library), Genesis);

    [Test]
    public void The_library_reads_back_under_the_genesis_from_bytes_and_from_the_file()
    {
        byte[] elf = BundleTestFiles.FakeElf(1000);
        byte[] library = BundleTestFiles.FakeLibrary(3000);
        byte[] carrying = Bundled(elf, library);
        using var files = new BundleTestFiles();
        string path = files.PathOf("oasis-eth");
        File.WriteAllBytes(path, carrying);
        using var copied = new MemoryStream();
        Assert.Multiple(() =>
        {
            Assert.That(carrying.AsSpan(0, elf.Length).SequenceEqual(elf), Is.True, "the ELF's bytes are untouched");
            Assert.That(LibraryTrailer.TryRead(carrying, out byte[] read), Is.True);
            Assert.That(read, Is.EqualTo(library));
            Assert.That(GenesisTrailer.TryRead(carrying, out byte[] genesis) && genesis.SequenceEqual(Genesis), Is.True, "the genesis is still on top");
            Assert.That(LibraryTrailer.TryCopyFromFile(path, copied), Is.True);
            Assert.That(copied.ToArray(), Is.EqualTo(library));
            Assert.That(LibraryTrailer.Strip(GenesisTrailer.Strip(carrying)).ToArray(), Is.EqualTo(elf));
        });
    }

    [Test]
    public void Bundling_again_replaces_both_trailers_instead_of_stacking()
    {
        byte[] elf = BundleTestFiles.FakeElf(1000);
        byte[] other = BundleTestFiles.FakeLibrary(200);
        byte[] twice = Bundled(Bundled(elf, BundleTestFiles.FakeLibrary(300)), other);
        Assert.That(twice.Length, Is.EqualTo(Bundled(elf, other).Length));
        Assert.That(LibraryTrailer.TryRead(twice, out byte[] read) && read.SequenceEqual(other), Is.True);
    }

    [Test]
    public void A_plain_elf_or_one_with_only_a_genesis_carries_no_library()
    {
        using var files = new BundleTestFiles();
        string path = files.PathOf("plain");
        File.WriteAllBytes(path, GenesisTrailer.Append(BundleTestFiles.FakeElf(100), Genesis));
        Assert.Multiple(() =>
        {
            Assert.That(LibraryTrailer.TryRead(BundleTestFiles.FakeElf(100), out _), Is.False);
            Assert.That(LibraryTrailer.TryRead(GenesisTrailer.Append(BundleTestFiles.FakeElf(100), Genesis), out _), Is.False);
            Assert.That(LibraryTrailer.TryCopyFromFile(path, new MemoryStream()), Is.False);
            Assert.That(BundledWasmtime.TryLoadFrom(path, out _), Is.False);
        });
    }

    [Test]
    public void The_real_wasmtime_loads_out_of_an_executable_that_carries_it()
    {
        byte[] wasmtime = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "libwasmtime.so"));
        using var files = new BundleTestFiles();
        string path = files.PathOf("oasis-eth");
        File.WriteAllBytes(path, Bundled(BundleTestFiles.FakeElf(1000), wasmtime));
        int leftBefore = Directory.GetFiles(Path.GetTempPath(), $"oasis-eth-{Environment.ProcessId}-*").Length;

        Assert.That(BundledWasmtime.TryLoadFrom(path, out IntPtr handle), Is.True);
        Assert.That(NativeLibrary.TryGetExport(handle, "wasm_engine_new", out IntPtr engineNew), Is.True);
        Assert.That(engineNew, Is.Not.EqualTo(IntPtr.Zero));
        Assert.That(Directory.GetFiles(Path.GetTempPath(), $"oasis-eth-{Environment.ProcessId}-*"), Has.Length.EqualTo(leftBefore),
            "the file it was loaded from is removed again");
    }
}
