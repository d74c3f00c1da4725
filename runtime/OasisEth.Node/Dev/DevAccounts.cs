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

    /// <summary>
    /// The private keys <see cref="Derive"/> gives for the default mnemonic, written out (every Ethereum dev tool prints
    /// them): deriving them costs the start of <c>oasis-eth dev</c> about 170 ms of cold secp256k1 code (the
    /// multiplication tables alone are built in ~100 ms), for keys that never change. A test keeps them equal to the
    /// derivation.
    /// </summary>
    private static readonly string[] DefaultPrivateKeys =
    [
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
        "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a", "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
        "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a", "8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
        "92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e", "4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
        "dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97", "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6",
    ];

    /// <summary>Accounts m/44'/60'/0'/0/i for i = 0..count-1 of <paramref name="mnemonic"/> (the default mnemonic's
    /// first ten from the written-out lists, any other by derivation).</summary>
    public static IReadOnlyList<DevAccount> Derive(string mnemonic = Mnemonic, int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (mnemonic == Mnemonic && count <= DefaultPrivateKeys.Length)
        {
            var known = new DevAccount[count];
            for (int i = 0; i < count; i++) known[i] = new DevAccount(i, DefaultAddresses[i], Hex.Decode(DefaultPrivateKeys[i]));
            return known;
        }
        return DeriveFromSeed(mnemonic, count);
    }

    /// <summary>The derivation itself (BIP-39 seed, BIP-32 path), without the written-out shortcut.</summary>
    internal static IReadOnlyList<DevAccount> DeriveFromSeed(string mnemonic, int count)
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
