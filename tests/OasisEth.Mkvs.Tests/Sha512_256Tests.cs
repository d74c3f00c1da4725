using System.Text;
using OasisEth.Primitives;

namespace OasisEth.Mkvs.Tests;

public class Sha512_256Tests
{
    [TestCase("", "c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a")]
    [TestCase("abc", "53048e2681941ef99b2e29b76b4c7dabe4c2d0c634fc6d46e0e2f13107e7af23")]
    // FIPS 180-4 example, two-block message.
    [TestCase("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "3928e184fb8690f840da3988121d31be65cb9d3ef83ee6146feac861e19b563a")]
    public void MatchesFipsVectors(string input, string expected)
    {
        Assert.That(Sha512_256.Hash(Encoding.ASCII.GetBytes(input)), Is.EqualTo(Hash256.Parse(expected)));
    }

    [Test]
    public void EmptyHashIsHashOfNothing()
    {
        Assert.That(Sha512_256.EmptyHash, Is.EqualTo(Hash256.Parse("c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a")));
    }

    /// <summary>Every length around the padding boundaries (111/112 bytes) and block edges, split at every
    /// point, against BouncyCastle's SHA-512/256.</summary>
    [Test]
    public void IncrementalAppendMatchesReferenceAtEveryLengthAndSplit()
    {
        var data = new byte[300];
        new Random(7).NextBytes(data);
        for (int length = 0; length <= 300; length++)
        {
            var expected = Reference(data.AsSpan(0, length));
            Assert.That(Sha512_256.Hash(data.AsSpan(0, length)), Is.EqualTo(expected), $"length {length}");
            for (int split = 0; split <= length; split += length < 140 ? 1 : 37)
            {
                var h = new Sha512_256();
                h.Append(data.AsSpan(0, split));
                h.Append(data.AsSpan(split, length - split));
                Assert.That(h.Finish(), Is.EqualTo(expected), $"length {length} split {split}");
            }
        }
    }

    private static Hash256 Reference(ReadOnlySpan<byte> data)
    {
        var digest = new Org.BouncyCastle.Crypto.Digests.Sha512tDigest(256);
        digest.BlockUpdate(data.ToArray(), 0, data.Length);
        var output = new byte[32];
        digest.DoFinal(output, 0);
        return new Hash256(output);
    }
}
