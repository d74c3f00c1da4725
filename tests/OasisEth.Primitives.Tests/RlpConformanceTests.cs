using System.Numerics;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using OasisEth.Primitives.Rlp;
using OasisEth.Tests.Shared;

namespace OasisEth.Primitives.Tests;

/// <summary>ethereum/tests RLPTests, read from shared/conformance/RLPTests (see SharedFixtures).</summary>
[TestFixture]
public class RlpConformanceTests
{
    public static IEnumerable<TestCaseData> ValidCases() => Cases("rlptest.json");
    public static IEnumerable<TestCaseData> InvalidCases() => Cases("invalidRLPTest.json");
    public static IEnumerable<TestCaseData> RandomCases() => Cases("RandomRLPTests", "example.json");

    [TestCaseSource(nameof(ValidCases))]
    public void EncodesToExpectedBytes(JsonElement input, string output)
    {
        Assert.That(Hex.Encode(Encode(input)), Is.EqualTo(Hex.Encode(Hex.Decode(output))));
    }

    [TestCaseSource(nameof(ValidCases))]
    public void DecodesBackToInput(JsonElement input, string output)
    {
        byte[] encoded = Hex.Decode(output);
        RlpReader.Validate(encoded);
        var reader = new RlpReader(encoded);
        AssertDecodes(ref reader, input);
        reader.ReadEnd();
    }

    [TestCaseSource(nameof(InvalidCases))]
    public void InvalidEncodingIsRejected(JsonElement input, string output)
    {
        Assert.That(input.GetString(), Is.EqualTo("INVALID"));
        byte[] encoded = Hex.Decode(output);
        Assert.Throws<RlpException>(() => RlpReader.Validate(encoded));
    }

    [TestCaseSource(nameof(RandomCases))]
    public void RandomValidEncodingDecodes(JsonElement input, string output)
    {
        Assert.That(input.GetString(), Is.EqualTo("VALID"));
        Assert.DoesNotThrow(() => RlpReader.Validate(Hex.Decode(output)));
    }

    private static IEnumerable<TestCaseData> Cases(params string[] file)
    {
        string path = SharedFixtures.Path(["RLPTests", .. file]);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new List<TestCaseData>();
        foreach (JsonProperty test in doc.RootElement.EnumerateObject())
        {
            cases.Add(new TestCaseData(test.Value.GetProperty("in").Clone(), test.Value.GetProperty("out").GetString()!)
                .SetName(test.Name));
        }
        return cases;
    }

    private static byte[] Encode(JsonElement input)
    {
        switch (input.ValueKind)
        {
            case JsonValueKind.Array:
                var items = new List<byte[]>();
                foreach (JsonElement item in input.EnumerateArray()) items.Add(Encode(item));
                return Rlp.Rlp.EncodeList([.. items]);
            case JsonValueKind.Number:
                return Rlp.Rlp.EncodeULong(input.GetUInt64());
            default:
                string s = input.GetString()!;
                if (!s.StartsWith('#')) return Rlp.Rlp.EncodeBytes(Encoding.UTF8.GetBytes(s));
                byte[] big = BigIntegerBytes(s);
                // 2^256 (the "bigint" case) does not fit a word: encode its bytes as a string item, as RLP does.
                return big.Length <= 32 ? Rlp.Rlp.EncodeUInt256(UInt256.FromBigEndian(big)) : Rlp.Rlp.EncodeBytes(big);
        }
    }

    private static void AssertDecodes(ref RlpReader reader, JsonElement expected)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Array:
                Assert.That(reader.IsList, Is.True);
                RlpReader list = reader.ReadList();
                foreach (JsonElement item in expected.EnumerateArray()) AssertDecodes(ref list, item);
                list.ReadEnd();
                break;
            case JsonValueKind.Number:
                Assert.That(reader.ReadULong(), Is.EqualTo(expected.GetUInt64()));
                break;
            default:
                string s = expected.GetString()!;
                Assert.That(reader.IsList, Is.False);
                if (!s.StartsWith('#'))
                {
                    Assert.That(reader.ReadBytes().ToArray(), Is.EqualTo(Encoding.UTF8.GetBytes(s)));
                    break;
                }
                byte[] big = BigIntegerBytes(s);
                if (big.Length <= 32) Assert.That(reader.ReadUInt256(), Is.EqualTo(UInt256.FromBigEndian(big)));
                else Assert.That(reader.ReadBytes().ToArray(), Is.EqualTo(big));
                break;
        }
    }

    private static byte[] BigIntegerBytes(string hashDecimal) =>
        BigInteger.Parse(hashDecimal.AsSpan(1), provider: System.Globalization.CultureInfo.InvariantCulture)
            .ToByteArray(isUnsigned: true, isBigEndian: true);
}
