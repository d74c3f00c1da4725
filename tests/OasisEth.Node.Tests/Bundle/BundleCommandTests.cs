using OasisEth.Node.Bundle;

namespace OasisEth.Node.Tests.Bundle;

/// <summary>The command as an operator runs it: build with <c>--genesis dev</c>, verify (exit 0), change one byte
/// of the executable (exit 1), and the argument checks.</summary>
public sealed class BundleCommandTests
{
    [Test]
    public void Build_then_verify_passes_and_a_changed_byte_fails()
    {
        using var files = new BundleTestFiles();
        string elf = files.WriteFakeElf();
        string orc = files.PathOf("dev.orc");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int built = BundleCommand.Build("dev", orc, null, elf, stdout, stderr);
        Assert.That(built, Is.EqualTo(0), stderr.ToString());
        Assert.That(stdout.ToString(), Does.Contain("Manifest hash: ").And.Contain("Runtime id: " + RuntimeIdentity.DefaultTestRuntimeId));

        Assert.That(BundleCommand.Verify(orc, new StringWriter(), new StringWriter()), Is.EqualTo(0));

        byte[] zip = File.ReadAllBytes(orc);
        (int offset, int length) = BundleTestFiles.DataOf(zip, "oasis-eth");
        zip[offset + length / 3] ^= 0x80;
        string bad = files.PathOf("bad.orc");
        File.WriteAllBytes(bad, zip);
        var err = new StringWriter();
        Assert.That(BundleCommand.Verify(bad, new StringWriter(), err), Is.EqualTo(1));
        Assert.That(err.ToString(), Does.Contain("invalid digest: 'oasis-eth'"));
    }

    [Test]
    public void Runtime_id_override_and_bad_ids()
    {
        using var files = new BundleTestFiles();
        string elf = files.WriteFakeElf();
        string id = new string('a', 64);
        var stdout = new StringWriter();
        Assert.That(BundleCommand.Build(null, files.PathOf("n.orc"), id, elf, stdout, new StringWriter()), Is.EqualTo(0));
        Assert.That(stdout.ToString(), Does.Contain("Runtime id: " + id));
        Assert.That(BundleCommand.Build(null, files.PathOf("x.orc"), "abc", elf, new StringWriter(), new StringWriter()), Is.EqualTo(2));
        Assert.That(Cli.Run(["bundle"]), Is.EqualTo(2), "neither --output nor --verify");
    }

    [Test]
    public void Build_refuses_an_executable_without_wasmtime_beside_it()
    {
        using var files = new BundleTestFiles();
        string elf = files.WriteFakeElf(withWasmtime: false);
        var stderr = new StringWriter();
        Assert.That(BundleCommand.Build("dev", files.PathOf("x.orc"), null, elf, new StringWriter(), stderr), Is.EqualTo(2));
        Assert.That(stderr.ToString(), Does.Contain("libwasmtime.so"));
        Assert.That(File.Exists(files.PathOf("x.orc")), Is.False);
    }
}
