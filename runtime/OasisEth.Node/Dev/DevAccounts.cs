using OasisEth.Primitives;
namespace OasisEth.Node.Dev;

/// <summary>
/// The dev node's accounts: the same mnemonic and path as the usual Ethereum dev tools, so keys that tutorials
/// and test suites hard-code (account 0 = 0xf39F…2266) work here unchanged.
/// </summary>
public static class DevAccounts
{
    public const string Mnemonic = "test test test test test test test test test test test junk";
    public const string PathPrefix = "m/44'/60'/0'/0/";
    public const int DefaultCount = 10;

    /// <summary>
    /// The addresses <see cref="Derive"/> gives for the default mnemonic, written out: the ParaTime runtime's
    /// <c>--genesis dev</c> needs only these, and inside oasis-node's sandbox the key derivation's HMAC (OpenSSL,
    /// loaded with dlopen) is not there. A test keeps them equal to the derivation.
    /// </summary>
    public static readonly IReadOnlyList<Address> DefaultAddresses =
    [
        Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"), Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
        Address.Parse("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"), Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
        Address.Parse("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"), Address.Parse("0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc"),
        Address.Parse("0x976EA74026E726554dB657fA54763abd0C3a0aa9"), Address.Parse("0x14dC79964da2C08b23698B3D3cc7Ca32193d9955"),
        Address.Parse("0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f"), Address.Parse("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"),
    ];

    /// <summary>Accounts m/44'/60'/0'/0/i for i = 0..count-1 of <paramref name="mnemonic"/>.</summary>
    public static IReadOnlyList<DevAccount> Derive(string mnemonic = Mnemonic, int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        byte[] seed = Bip39.ToSeed(mnemonic);
        var accounts = new DevAccount[count];
        for (int i = 0; i < count; i++)
        {
            byte[] key = Bip32.DerivePrivateKey(seed, PathPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            accounts[i] = new DevAccount(i, DevAccount.AddressOf(key), key);
        }
        return accounts;
    }
}
