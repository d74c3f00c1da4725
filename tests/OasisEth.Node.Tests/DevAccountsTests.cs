using OasisEth.Node.Dev;
using OasisEth.Primitives;

namespace OasisEth.Node.Tests;

public class DevAccountsTests
{
    // The list every Ethereum dev tool prints for "test test ... junk" (m/44'/60'/0'/0/i).
    private static readonly (string Address, string Key)[] WellKnown =
    [
        ("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"),
        ("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"),
        ("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"),
        ("0x90F79bf6EB2c4f870365E785982E1f101E93b906", "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6"),
        ("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65", "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a"),
        ("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc", "8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba"),
        ("0x976EA74026E726554dB657fA54763abd0C3a0aa9", "92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e"),
        ("0x14dC79964da2C08b23698B3D3cc7Ca32193d9955", "4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356"),
        ("0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f", "dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97"),
        ("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720", "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6"),
    ];

    [Test]
    public void TheWrittenOutAddressesAreTheDerivedOnes()
    {
        IReadOnlyList<DevAccount> derived = DevAccounts.DeriveFromSeed(DevAccounts.Mnemonic, DevAccounts.DefaultCount);
        Assert.That(DevAccounts.DefaultAddresses, Is.EqualTo(derived.Select(a => a.Address).ToArray()));
        Assert.That(DevCommand.Genesis(DevAccounts.DefaultAddresses, 31337).Hash, Is.EqualTo(DevCommand.Genesis(derived, 31337).Hash));
    }

    [Test]
    public void TheWrittenOutKeysAreTheDerivedOnes()
    {
        IReadOnlyList<DevAccount> written = DevAccounts.Derive();
        IReadOnlyList<DevAccount> derived = DevAccounts.DeriveFromSeed(DevAccounts.Mnemonic, DevAccounts.DefaultCount);
        Assert.That(written.Select(a => Hex.Encode(a.PrivateKey)), Is.EqualTo(derived.Select(a => Hex.Encode(a.PrivateKey))));
        Assert.That(written.Select(a => a.Address), Is.EqualTo(derived.Select(a => a.Address)));
        // Each written-out address is the one its key gives.
        foreach (DevAccount a in written) Assert.That(DevAccount.AddressOf(a.PrivateKey), Is.EqualTo(a.Address));
        // More accounts than are written out are derived.
        Assert.That(DevAccounts.Derive(count: 12)[11].Address, Is.EqualTo(DevAccounts.DeriveFromSeed(DevAccounts.Mnemonic, 12)[11].Address));
    }

    [Test]
    public void Account0IsTheWellKnownFirstDevAccount()
    {
        DevAccount first = DevAccounts.Derive(count: 1)[0];
        Assert.That(first.Address.ToChecksumString(), Is.EqualTo("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    }

    [Test]
    public void TenAccountsMatchTheWellKnownAddressesAndKeys()
    {
        IReadOnlyList<DevAccount> accounts = DevAccounts.DeriveFromSeed(DevAccounts.Mnemonic, DevAccounts.DefaultCount);
        Assert.That(accounts, Has.Count.EqualTo(10));
        for (int i = 0; i < WellKnown.Length; i++)
        {
            Assert.That(accounts[i].Index, Is.EqualTo(i));
            // Checksummed comparison also pins the EIP-55 printing.
            Assert.That(accounts[i].Address.ToChecksumString(), Is.EqualTo(WellKnown[i].Address), $"account {i}");
            Assert.That(Hex.Encode(accounts[i].PrivateKey), Is.EqualTo(WellKnown[i].Key), $"key {i}");
        }
    }

    [Test]
    public void AnotherMnemonicGivesOtherAccounts()
    {
        DevAccount other = DevAccounts.Derive("abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about", 1)[0];
        Assert.That(other.Address.ToChecksumString(), Is.Not.EqualTo(WellKnown[0].Address));
        // Well-known first account of the all-"abandon" mnemonic on the same path.
        Assert.That(other.Address.ToChecksumString(), Is.EqualTo("0x9858EfFD232B4033E47d90003D41EC34EcaEda94"));
    }

    [Test]
    public void Eip55ChecksumOfSpecExamples()
    {
        // Examples from EIP-55.
        foreach (string s in new[] { "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                     "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb" })
            Assert.That(Address.Parse(s.ToLowerInvariant()).ToChecksumString(), Is.EqualTo(s));
    }

    [Test]
    public void AddressOfRejectsAnInvalidKey()
    {
        Assert.Throws<ArgumentException>(() => DevAccount.AddressOf(new byte[32]));
        Assert.Throws<ArgumentException>(() => DevAccount.AddressOf(new byte[31]));
    }
}
