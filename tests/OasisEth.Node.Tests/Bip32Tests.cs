using OasisEth.Node.Dev;
using OasisEth.Primitives;

namespace OasisEth.Node.Tests;

public class Bip32Tests
{
    // BIP-32 test vector 1: mixes hardened and normal steps, so both branches are pinned.
    private const string Seed1 = "000102030405060708090a0b0c0d0e0f";

    [TestCase("m", "e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35")]
    [TestCase("m/0'", "edb2e14f9ee77d26dd93b4ecede8d16ed408ce149b6cd80b0715a2d911a0afea")]
    [TestCase("m/0'/1", "3c6cb8d0f6a264c91ea8b5030fadaa8e538b020f0a387421a12de9319dc93368")]
    [TestCase("m/0'/1/2'", "cbce0d719ecf7431d88e6a89fa1483e02e35092af60c042b1df2ff59fa424dca")]
    [TestCase("m/0'/1/2'/2", "0f479245fb19a38a1954c5c7c0ebab2f9bdfd96a17563ef28a6a4b1a2a764ef4")]
    [TestCase("m/0'/1/2'/2/1000000000", "471b76e389e528d6de6d816857e012c5455051cad6660850e58372a6c3e6e7c8")]
    public void PrivateKeyMatchesTestVector1(string path, string key)
    {
        Assert.That(Hex.Encode(Bip32.DerivePrivateKey(Hex.Decode(Seed1), path)), Is.EqualTo(key));
    }

    [Test]
    public void HardenedMarkersAreEquivalent()
    {
        Assert.That(Bip32.ParsePath("m/44h/60H/0'/0/7"), Is.EqualTo(new uint[] { 0x8000002C, 0x8000003C, 0x80000000, 0, 7 }));
    }

    [TestCase("44'/60'")]
    [TestCase("m/")]
    [TestCase("m/x")]
    [TestCase("m/-1")]
    [TestCase("m/2147483648")]
    [TestCase("m/1''")]
    [TestCase("M/1")]
    public void BadPathsAreRefused(string path)
    {
        Assert.Throws<FormatException>(() => Bip32.ParsePath(path));
    }
}
