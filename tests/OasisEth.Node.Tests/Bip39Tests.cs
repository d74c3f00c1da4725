using OasisEth.Node.Dev;
using OasisEth.Primitives;

namespace OasisEth.Node.Tests;

public class Bip39Tests
{
    // BIP-39 reference vectors (passphrase "TREZOR").
    [TestCase("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
        "c55257c360c07c72029aebc1b53c05ed0362ada38ead3e3e9efa3708e53495531f09a6987599d18264c1e1c92f2cf141630c7a3c4ab7c81b2f001698e7463b04")]
    [TestCase("legal winner thank year wave sausage worth useful legal winner thank yellow",
        "2e8905819b8723fe2c1d161860e5ee1830318dbf49a83bd451cfb8440c28bd6fa457fe1296106559a3c80937a1c1069be3a3a5bd381ee6260e8d9739fce1f607")]
    public void SeedMatchesReferenceVector(string mnemonic, string seed)
    {
        Assert.That(Hex.Encode(Bip39.ToSeed(mnemonic, "TREZOR")), Is.EqualTo(seed));
    }

    [Test]
    public void ExtraWhitespaceIsNormalisedAway()
    {
        Assert.That(Bip39.ToSeed("  test test test test test test test test test test test   junk "),
            Is.EqualTo(Bip39.ToSeed(DevAccounts.Mnemonic)));
    }

    [Test]
    public void PassphraseChangesTheSeed()
    {
        Assert.That(Bip39.ToSeed(DevAccounts.Mnemonic, "x"), Is.Not.EqualTo(Bip39.ToSeed(DevAccounts.Mnemonic)));
    }

    [Test]
    public void NonAsciiAndEmptyAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Bip39.ToSeed("tést test"));
        Assert.Throws<ArgumentException>(() => Bip39.ToSeed("   "));
    }
}
