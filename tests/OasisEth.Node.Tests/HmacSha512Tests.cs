using System.Security.Cryptography;
using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

public class HmacSha512Tests
{
    // RFC 4231 test cases 1, 2 and 6 (the last with a 131-byte key: longer than a block, so it is hashed first).
    [TestCase("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
        "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854")]
    [TestCase("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
        "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598")]
    public void MatchesRfc4231(string key, string data, string mac)
    {
        Span<byte> output = stackalloc byte[HmacSha512.Size];
        HmacSha512.Compute(Convert.FromHexString(key), Convert.FromHexString(data), output);
        Assert.That(Convert.ToHexStringLower(output), Is.EqualTo(mac));
    }

    [Test]
    public void AgreesWithTheFrameworkForKeysShorterEqualAndLongerThanABlock()
    {
        var random = new Random(4231);
        Span<byte> ours = stackalloc byte[HmacSha512.Size];
        foreach (int keyLength in new[] { 0, 1, 64, 127, 128, 129, 300 })
        {
            byte[] key = new byte[keyLength], data = new byte[keyLength * 3 % 257];
            random.NextBytes(key);
            random.NextBytes(data);
            HmacSha512.Compute(key, data, ours);
            Assert.That(ours.ToArray(), Is.EqualTo(HMACSHA512.HashData(key, data)), $"key length {keyLength}");
        }
    }

    [TestCase(1, 64)]
    [TestCase(2, 64)]
    [TestCase(2048, 64)]
    [TestCase(3, 20)]
    public void Pbkdf2AgreesWithTheFramework(int iterations, int length)
    {
        byte[] password = "correct horse battery staple"u8.ToArray(), salt = "mnemonicTREZOR"u8.ToArray();
        Assert.That(HmacSha512.Pbkdf2(password, salt, iterations, length),
            Is.EqualTo(Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA512, length)));
    }

    [Test]
    public void Pbkdf2RefusesMoreThanOneBlockOrNoIterations()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HmacSha512.Pbkdf2([1], [2], 1, 65));
        Assert.Throws<ArgumentOutOfRangeException>(() => HmacSha512.Pbkdf2([1], [2], 0, 64));
    }
}
