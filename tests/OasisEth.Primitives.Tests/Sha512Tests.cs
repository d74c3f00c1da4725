using System.Security.Cryptography;
using NUnit.Framework;
using OasisEth.Primitives;

namespace OasisEth.Primitives.Tests;

public class Sha512Tests
{
    // FIPS 180-4 examples (NIST CSRC "SHA512.pdf"): one block, two blocks, empty.
    [TestCase("abc",
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [TestCase("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
        "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")]
    [TestCase("",
        "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")]
    public void MatchesFipsExamples(string message, string digest)
    {
        Span<byte> output = stackalloc byte[Sha512.Size];
        Sha512.Hash(System.Text.Encoding.ASCII.GetBytes(message), output);
        Assert.That(Convert.ToHexStringLower(output), Is.EqualTo(digest));
    }

    [Test]
    public void AgreesWithTheFrameworkAtEveryLengthAroundTheBlockAndPaddingEdges()
    {
        var random = new Random(512);
        Span<byte> ours = stackalloc byte[Sha512.Size];
        for (int length = 0; length <= 3 * Sha512.BlockSize + 1; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            Sha512.Hash(data, ours);
            Assert.That(ours.ToArray(), Is.EqualTo(SHA512.HashData(data)), $"length {length}");
        }
    }

    [Test]
    public void PartsAppendedSeparatelyHashAsTheirConcatenation()
    {
        byte[] data = new byte[300];
        new Random(7).NextBytes(data);
        var h = new Sha512();
        h.Append(data[..1]);
        h.Append(data[1..130]);
        h.Append(data[130]);
        h.Append(data[131..]);
        Span<byte> output = stackalloc byte[Sha512.Size];
        h.Finish(output);
        Assert.That(output.ToArray(), Is.EqualTo(SHA512.HashData(data)));
    }

    [Test]
    public void OutputThatIsNotWholeWordsIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Sha512.Hash([], new byte[31]));
        Assert.Throws<ArgumentException>(() => Sha512.Hash([], new byte[72]));
    }
}
