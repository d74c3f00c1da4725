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
