using System.IO.Compression;
using System.Text;
using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Mkvs;
using OasisEth.Node.Bundle;
using OasisEth.Primitives;

namespace OasisEth.Node.Tests.Bundle;

/// <summary>A bundle the writer makes loads; one changed byte in any file, or any break of the loader's rules, is
/// refused.</summary>
public sealed class BundleVerifierTests
{
    private static readonly byte[] RuntimeId = Convert.FromHexString(RuntimeIdentity.DefaultTestRuntimeId);

    private static (BundleTestFiles Files, string Path, BundleManifest Manifest) Written()
    {
        var files = new BundleTestFiles();
        string path = files.PathOf("b.orc");
        byte[] genesis = Encoding.UTF8.GetBytes(GenesisConfig.Network().ToJson());
        BundleManifest manifest = BundleWriter.Write(path, BundleTestFiles.FakeElf(), genesis, BundleTestFiles.FakeLibrary(), RuntimeId, "oasis-eth");
        return (files, path, manifest);
    }

    [Test]
    public void A_written_bundle_verifies_with_the_manifest_first_and_every_file_digested()
    {
        (BundleTestFiles files, string path, BundleManifest manifest) = Written();
        using (files)
        {
            BundleCheck check = BundleVerifier.Verify(path);
            Assert.That(check.Error, Is.Null);
            using ZipArchive zip = ZipFile.OpenRead(path);
            string[] names = [.. zip.Entries.Select(e => e.FullName)];
            using var json = JsonDocument.Parse(zip.Entries[0].Open());
            JsonElement root = json.RootElement;
            JsonElement component = root.GetProperty("components")[0];
            Assert.Multiple(() =>
            {
                Assert.That(names, Is.EqualTo(new[] { "META-INF/MANIFEST.MF", "genesis.json", "libwasmtime.so", "oasis-eth" }));
                Assert.That(root.GetProperty("id").GetString(), Is.EqualTo(RuntimeIdentity.DefaultTestRuntimeId));
                Assert.That(component.GetProperty("kind").GetString(), Is.EqualTo("ronl"));
                Assert.That(component.GetProperty("version").GetProperty("minor").GetInt32(), Is.EqualTo(1));
                Assert.That(component.GetProperty("elf").GetProperty("executable").GetString(), Is.EqualTo("oasis-eth"));
                Assert.That(root.GetProperty("digests").GetProperty("oasis-eth").GetString(), Is.EqualTo(Convert.ToHexStringLower(
                    Sha512_256.Hash(GenesisTrailer.Append(LibraryTrailer.Append(BundleTestFiles.FakeElf(), BundleTestFiles.FakeLibrary()),
                        Encoding.UTF8.GetBytes(GenesisConfig.Network().ToJson()))).Bytes)));
                Assert.That(check.ManifestHash, Is.EqualTo(manifest.Hash()));
                Assert.That(check.Genesis!.Hash, Is.EqualTo(GenesisConfig.Network().Hash));
            });
        }
    }

    [TestCase("oasis-eth")]
    [TestCase("genesis.json")]
    [TestCase("libwasmtime.so")]
    [TestCase("META-INF/MANIFEST.MF")]
    public void One_changed_byte_in_any_file_is_refused(string entry)
    {
        (BundleTestFiles files, string path, _) = Written();
        using (files)
        {
            byte[] zip = File.ReadAllBytes(path);
            (int offset, int length) = BundleTestFiles.DataOf(zip, entry);
            foreach (int at in new[] { offset, offset + length / 2, offset + length - 1 })
            {
                byte[] changed = (byte[])zip.Clone();
                changed[at] ^= 0x01;
                string bad = files.PathOf($"bad-{at}.orc");
                File.WriteAllBytes(bad, changed);
                Assert.That(BundleVerifier.Verify(bad).Ok, Is.False, $"{entry}: byte {at} flipped");
            }
        }
    }

    [Test]
    public void The_same_inputs_give_the_same_bundle_bytes()
    {
        (BundleTestFiles files, string path, _) = Written();
        using (files)
        {
            string again = files.PathOf("again.orc");
            BundleWriter.Write(again, BundleTestFiles.FakeElf(), Encoding.UTF8.GetBytes(GenesisConfig.Network().ToJson()), BundleTestFiles.FakeLibrary(), RuntimeId, "oasis-eth");
            Assert.That(File.ReadAllBytes(again), Is.EqualTo(File.ReadAllBytes(path)));
        }
    }

    private static byte[] Manifest(string executable, (string, byte[])[] files, string version = "{\"major\":0,\"minor\":1,\"patch\":0}", string extra = "")
    {
        var digests = string.Join(",", files.Select(f => $"\"{f.Item1}\":\"{Convert.ToHexStringLower(Sha512_256.Hash(f.Item2).Bytes)}\""));
        return Encoding.UTF8.GetBytes($"{{\"id\":\"{RuntimeIdentity.DefaultTestRuntimeId}\",\"components\":[{{\"kind\":\"ronl\",\"version\":{version},\"elf\":{{\"executable\":\"{executable}\"}}{extra}}}],\"digests\":{{{digests}}}}}");
    }

    private static readonly byte[] Genesis = Encoding.UTF8.GetBytes(GenesisConfig.Network().ToJson());
    private static readonly byte[] Lib = BundleTestFiles.FakeLibrary(100);
    private static readonly byte[] Elf = GenesisTrailer.Append(LibraryTrailer.Append(BundleTestFiles.FakeElf(100), Lib), Genesis);

    [Test]
    public void A_hand_built_bundle_with_go_style_version_key_verifies()
    {
        using var files = new BundleTestFiles();
        (string, byte[])[] content = [("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)];
        string path = files.WriteZip("ok.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", content, extra: "").ToArray()), ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib));
        Assert.That(BundleVerifier.Verify(path).Error, Is.Null);
        string goStyle = files.WriteZip("go.orc",
            ("META-INF/MANIFEST.MF", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Manifest("oasis-eth", content)).Replace("\"version\"", "\"Version\""))),
            ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib));
        Assert.That(BundleVerifier.Verify(goStyle).Error, Is.Null, "Go writes the untagged field as Version");
    }

    private static readonly byte[] OtherElf = GenesisTrailer.Append(LibraryTrailer.Append(BundleTestFiles.FakeElf(100), Lib), Encoding.UTF8.GetBytes(GenesisConfig.Network(7).ToJson()));
    private static readonly byte[] NoLibraryElf = GenesisTrailer.Append(BundleTestFiles.FakeElf(100), Genesis);
    private static readonly byte[] OtherLibraryElf = GenesisTrailer.Append(LibraryTrailer.Append(BundleTestFiles.FakeElf(100), BundleTestFiles.FakeLibrary(101)), Genesis);

    [Test]
    public void Loader_rules_are_enforced()
    {
        using var files = new BundleTestFiles();
        (string, byte[])[] content = [("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)];
        byte[] good = Manifest("oasis-eth", content);
        var cases = new Dictionary<string, string>
        {
            ["manifest not first"] = files.WriteZip("1.orc", ("oasis-eth", Elf), ("META-INF/MANIFEST.MF", good), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
            ["file in a folder"] = files.WriteZip("2.orc", ("META-INF/MANIFEST.MF", good), ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib), ("x/y", [1])),
            ["file without digest"] = files.WriteZip("3.orc", ("META-INF/MANIFEST.MF", good), ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib), ("extra", [1])),
            ["executable missing"] = files.WriteZip("4.orc", ("META-INF/MANIFEST.MF", Manifest("other", content)), ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
            ["other version"] = files.WriteZip("5.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", content, "{\"major\":0,\"minor\":2,\"patch\":0}")), ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
            ["disabled RONL"] = files.WriteZip("6.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", content, extra: ",\"disabled\":true")), ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
            ["named RONL"] = files.WriteZip("7.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", content, extra: ",\"name\":\"x\"")), ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
            ["not an ELF"] = files.WriteZip("8.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", [1, 2, 3]), ("genesis.json", Genesis), ("libwasmtime.so", Lib)])), ("oasis-eth", [1, 2, 3]), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
            ["no genesis"] = files.WriteZip("9.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", Elf)])), ("oasis-eth", Elf)),
            ["not a zip"] = files.PathOf("10.orc"),
            ["ELF carries no genesis"] = files.WriteZip("11.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", BundleTestFiles.FakeElf(100)), ("genesis.json", Genesis), ("libwasmtime.so", Lib)])), ("oasis-eth", BundleTestFiles.FakeElf(100)), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
            ["ELF carries another genesis"] = files.WriteZip("12.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", OtherElf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)])), ("oasis-eth", OtherElf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)),
        };
        cases["no libwasmtime.so"] = files.WriteZip("13.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", Elf), ("genesis.json", Genesis)])), ("oasis-eth", Elf), ("genesis.json", Genesis));
        cases["ELF carries no library"] = files.WriteZip("14.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", NoLibraryElf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)])),
            ("oasis-eth", NoLibraryElf), ("genesis.json", Genesis), ("libwasmtime.so", Lib));
        cases["ELF carries another library"] = files.WriteZip("15.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", OtherLibraryElf), ("genesis.json", Genesis), ("libwasmtime.so", Lib)])),
            ("oasis-eth", OtherLibraryElf), ("genesis.json", Genesis), ("libwasmtime.so", Lib));
        cases["library not an ELF"] = files.WriteZip("16.orc", ("META-INF/MANIFEST.MF", Manifest("oasis-eth", [("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", [1, 2, 3])])),
            ("oasis-eth", Elf), ("genesis.json", Genesis), ("libwasmtime.so", [1, 2, 3]));
        File.WriteAllBytes(cases["not a zip"], [1, 2, 3, 4]);
        Assert.Multiple(() =>
        {
            foreach ((string what, string path) in cases) Assert.That(BundleVerifier.Verify(path).Ok, Is.False, what);
        });
    }

    [Test]
    public void The_manifest_hash_is_sha512_256_of_the_canonical_cbor_not_of_the_json()
    {
        var m = new BundleManifest("", new byte[32], (0, 1, 0), "e", new Dictionary<string, Hash256> { ["e"] = default });
        // {"id": h'00…', "digests": {"e": h'00…'}, "components": [{"elf": {"executable": "e"}, "kind": "ronl",
        //  "Version": {"minor": 1}}]}, keys length-first.
        string expected =
            "a3" + "626964" + "5820" + new string('0', 64)
            + "6764696765737473" + "a1" + "6165" + "5820" + new string('0', 64)
            + "6a636f6d706f6e656e7473" + "81" + "a3"
            + "63656c66" + "a1" + "6a65786563757461626c65" + "6165"
            + "646b696e64" + "6472" + "6f6e6c"
            + "6756657273696f6e" + "a1" + "656d696e6f72" + "01";
        Assert.That(Convert.ToHexStringLower(m.ToCbor()), Is.EqualTo(expected));
        Assert.That(m.Hash(), Is.EqualTo(Sha512_256.Hash(m.ToCbor())));
        Assert.That(m.Hash(), Is.Not.EqualTo(Sha512_256.Hash(m.ToJson())));
    }
}
