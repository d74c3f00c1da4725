using System.Text;
using OasisEth.Node.Bundle;

namespace OasisEth.Node.Tests.Bundle;

/// <summary>The genesis appended to the bundled ELF: read back from bytes and from a file, replaced (never
/// stacked) when an ELF that already carries one is bundled again, and absent from a plain ELF.</summary>
public sealed class GenesisTrailerTests
{
    private static readonly byte[] Genesis = Encoding.UTF8.GetBytes("{\"chainId\": 1}");

    [Test]
    public void A_carried_genesis_reads_back_from_bytes_and_from_the_file()
    {
        byte[] elf = BundleTestFiles.FakeElf(1000);
        byte[] carrying = GenesisTrailer.Append(elf, Genesis);
        using var files = new BundleTestFiles();
        string path = files.PathOf("oasis-eth");
        File.WriteAllBytes(path, carrying);
        Assert.Multiple(() =>
        {
            Assert.That(carrying.AsSpan(0, elf.Length).SequenceEqual(elf), Is.True, "the ELF's bytes are untouched");
            Assert.That(GenesisTrailer.TryRead(carrying, out byte[] read), Is.True);
            Assert.That(read, Is.EqualTo(Genesis));
            Assert.That(GenesisTrailer.TryReadFile(path, out byte[] fromFile), Is.True);
            Assert.That(fromFile, Is.EqualTo(Genesis));
            Assert.That(GenesisTrailer.Strip(carrying).ToArray(), Is.EqualTo(elf));
        });
    }

    [Test]
    public void Bundling_again_replaces_the_genesis_instead_of_stacking()
    {
        byte[] elf = BundleTestFiles.FakeElf(1000);
        byte[] other = Encoding.UTF8.GetBytes("{\"chainId\": 2}");
        byte[] twice = GenesisTrailer.Append(GenesisTrailer.Append(elf, Genesis), other);
        Assert.That(twice.Length, Is.EqualTo(GenesisTrailer.Append(elf, other).Length));
        Assert.That(GenesisTrailer.TryRead(twice, out byte[] read) && read.SequenceEqual(other), Is.True);
    }

    [Test]
    public void A_plain_elf_or_a_damaged_footer_carries_nothing()
    {
        byte[] carrying = GenesisTrailer.Append(BundleTestFiles.FakeElf(100), Genesis);
        carrying[^1] ^= 1;
        Assert.Multiple(() =>
        {
            Assert.That(GenesisTrailer.TryRead(BundleTestFiles.FakeElf(100), out _), Is.False);
            Assert.That(GenesisTrailer.TryRead(carrying, out _), Is.False);
            Assert.That(GenesisTrailer.TryRead([1, 2, 3], out _), Is.False);
        });
    }
}
