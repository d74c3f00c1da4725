using System.Text;

namespace OasisEth.Node.Dev;

/// <summary>
/// BIP-39 mnemonic to seed: PBKDF2-HMAC-SHA512 over the mnemonic with salt "mnemonic" + passphrase, 2048
/// iterations, 64 bytes. The word list and checksum are not needed for this direction, so they are not checked.
/// </summary>
public static class Bip39
{
    private const int Iterations = 2048;
    private const int SeedSize = 64;

    /// <summary>The 64-byte seed of <paramref name="mnemonic"/>. Only ASCII text is accepted: BIP-39 asks for NFKD
    /// normalisation, which for ASCII is the identity, and the process runs with invariant globalisation (no ICU),
    /// so anything else is refused rather than hashed un-normalised into a different wallet.</summary>
    public static byte[] ToSeed(string mnemonic, string passphrase = "")
    {
        ArgumentNullException.ThrowIfNull(mnemonic);
        ArgumentNullException.ThrowIfNull(passphrase);
        if (!Ascii.IsValid(mnemonic) || !Ascii.IsValid(passphrase))
            throw new ArgumentException("Only ASCII mnemonics and passphrases are supported.", nameof(mnemonic));

        // Words are separated by single spaces in the normalised form; collapse whatever the user typed.
        string normalised = string.Join(' ', mnemonic.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (normalised.Length == 0)
            throw new ArgumentException("The mnemonic is empty.", nameof(mnemonic));

        byte[] password = Encoding.ASCII.GetBytes(normalised);
        byte[] salt = Encoding.ASCII.GetBytes("mnemonic" + passphrase);
        return HmacSha512.Pbkdf2(password, salt, Iterations, SeedSize);
    }
}
