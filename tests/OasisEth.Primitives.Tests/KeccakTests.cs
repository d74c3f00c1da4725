using NUnit.Framework;
using Org.BouncyCastle.Crypto.Digests;

namespace OasisEth.Primitives.Tests;

[TestFixture]
public class KeccakTests
{
    [Test]
    public void EmptyInputHashesToEmptyCodeHash()
    {
        Assert.That(Keccak.Compute(ReadOnlySpan<byte>.Empty).ToString(),
            Is.EqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
        Assert.That(Keccak.Compute(ReadOnlySpan<byte>.Empty), Is.EqualTo(Hash256.EmptyCode));
    }

    [Test]
    public void AbcMatchesPublishedVector()
    {
        Assert.That(Keccak.Compute("abc"u8).ToString(),
            Is.EqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
    }

    [Test]
    public void RlpOfEmptyStringHashesToEmptyTrieRoot()
    {
        Assert.That(Keccak.Compute([0x80]), Is.EqualTo(Hash256.EmptyTrie));
        Assert.That(Keccak.Compute([0xc0]), Is.EqualTo(Hash256.EmptyList));
    }

    // 135: both pad bits in one byte; 136: a whole extra padding block; 137, 272, 1000: several blocks.
    [TestCase(1)]
    [TestCase(31)]
    [TestCase(32)]
    [TestCase(64)]
    [TestCase(135)]
    [TestCase(136)]
    [TestCase(137)]
    [TestCase(271)]
    [TestCase(272)]
    [TestCase(273)]
    [TestCase(1000)]
    [TestCase(32 * 1024)]
    public void MatchesBouncyCastleKeccakDigest(int length)
    {
        var input = new byte[length];
        new Random(length).NextBytes(input);

        Assert.That(Keccak.Compute(input).ToArray(), Is.EqualTo(BouncyCastleKeccak(input)));
    }

    [Test]
    public void SpanOverloadWritesOnlyThirtyTwoBytes()
    {
        var output = new byte[40];
        Array.Fill(output, (byte)0xEE);
        Keccak.Compute("abc"u8, output);

        Assert.That(output[..32], Is.EqualTo(Keccak.Compute("abc"u8).ToArray()));
        Assert.That(output[32..], Is.All.EqualTo((byte)0xEE));
    }

    [Test]
    public void ShortOutputSpanIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Keccak.Compute("abc"u8, new byte[31]));
    }

    private static byte[] BouncyCastleKeccak(byte[] input)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(input, 0, input.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return output;
    }
}
