using System.Text;
using System.Text.Json;
using NUnit.Framework;
using OasisEth.Primitives;
using OasisEth.Tests.Shared;

namespace OasisEth.Trie.Tests;

/// <summary>
/// ethereum/tests TrieTests, read from shared/conformance/TrieTests. Every case goes through PatriciaTrie
/// (operations applied in the file's order, deletes included) and through ComputeRoot over the final map.
/// </summary>
[TestFixture]
public class TrieConformanceTests
{
    public static IEnumerable<TestCaseData> Cases()
    {
        foreach (string file in new[]
                 {
                     "trietest.json", "trieanyorder.json", "trietest_secureTrie.json", "trieanyorder_secureTrie.json",
                     "hex_encoded_securetrie_test.json",
                 })
        {
            bool secure = file.Contains("secure", StringComparison.OrdinalIgnoreCase);
            using var doc = JsonDocument.Parse(File.ReadAllText(SharedFixtures.Path("TrieTests", file)));
            foreach (JsonProperty test in doc.RootElement.EnumerateObject())
            {
                var ops = new List<(byte[] Key, byte[]? Value)>();
                JsonElement input = test.Value.GetProperty("in");
                if (input.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement pair in input.EnumerateArray())
                        ops.Add((Bytes(pair[0]!), pair[1].ValueKind == JsonValueKind.Null ? null : Bytes(pair[1])));
                }
                else
                {
                    foreach (JsonProperty pair in input.EnumerateObject())
                        ops.Add((Bytes(pair.Name), pair.Value.ValueKind == JsonValueKind.Null ? null : Bytes(pair.Value)));
                }
                if (secure) ops = ops.ConvertAll(op => (Keccak.Compute(op.Key).ToArray(), op.Value));
                string root = test.Value.GetProperty("root").GetString()!;
                yield return new TestCaseData(ops, Hash256.Parse(root), input.ValueKind == JsonValueKind.Object)
                    .SetName($"{file}:{test.Name}");
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void PatriciaTrieAppliedInOrderMatchesRoot(List<(byte[] Key, byte[]? Value)> ops, Hash256 root, bool anyOrder)
    {
        var trie = new PatriciaTrie();
        foreach ((byte[] key, byte[]? value) in ops)
        {
            if (value is null) trie.Delete(key);
            else trie.Put(key, value);
        }
        Assert.That(trie.RootHash, Is.EqualTo(root));

        if (anyOrder)
        {
            var reversed = new PatriciaTrie();
            for (int i = ops.Count - 1; i >= 0; i--) reversed.Put(ops[i].Key, ops[i].Value ?? []);
            Assert.That(reversed.RootHash, Is.EqualTo(root), "reverse insertion order");
        }
    }

    [TestCaseSource(nameof(Cases))]
    public void ComputeRootOfFinalMapMatchesRoot(List<(byte[] Key, byte[]? Value)> ops, Hash256 root, bool anyOrder)
    {
        _ = anyOrder;
        // Replay into a map keyed by hex so later writes and deletes replace earlier ones.
        var final = new Dictionary<string, KeyValuePair<byte[], byte[]>>();
        foreach ((byte[] key, byte[]? value) in ops)
        {
            if (value is null || value.Length == 0) final.Remove(Hex.Encode(key));
            else final[Hex.Encode(key)] = new KeyValuePair<byte[], byte[]>(key, value);
        }
        Assert.That(PatriciaTrie.ComputeRoot(final.Values), Is.EqualTo(root));
    }

    [Test]
    public void HexPrefixMatchesBasicTestsVectors()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(SharedFixtures.Path("BasicTests", "hexencodetest.json")));
        int checkedCases = 0;
        foreach (JsonProperty test in doc.RootElement.EnumerateObject())
        {
            var nibbles = new List<byte>();
            foreach (JsonElement n in test.Value.GetProperty("seq").EnumerateArray()) nibbles.Add(n.GetByte());
            bool leaf = test.Value.GetProperty("term").GetBoolean();
            string expected = test.Value.GetProperty("out").GetString()!;

            Assert.That(Hex.Encode(HexPrefix.Encode(nibbles.ToArray(), leaf)), Is.EqualTo(expected), test.Name);

            // The packed form must agree when the nibbles sit at an odd or even offset inside a key.
            byte[] packed = Pack([0x0A, .. nibbles]);
            var dest = new byte[HexPrefix.Length(nibbles.Count)];
            HexPrefix.WritePacked(dest, packed, 1, 1 + nibbles.Count, leaf);
            Assert.That(Hex.Encode(dest), Is.EqualTo(expected), test.Name + " (packed, odd offset)");
            checkedCases++;
        }
        Assert.That(checkedCases, Is.GreaterThan(0));
    }

    private static byte[] Pack(List<byte> nibbles)
    {
        if (nibbles.Count % 2 == 1) nibbles.Add(0);
        var bytes = new byte[nibbles.Count / 2];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
        return bytes;
    }

    private static byte[] Bytes(JsonElement element) => Bytes(element.GetString()!);

    private static byte[] Bytes(string s) => s.StartsWith("0x", StringComparison.Ordinal) ? Hex.Decode(s) : Encoding.UTF8.GetBytes(s);
}
