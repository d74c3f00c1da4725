using System.Buffers.Binary;
using System.Text;
using NBitcoin.Secp256k1;

namespace OasisEth.Node.Dev;

/// <summary>
/// BIP-32 private-key derivation on secp256k1 from a seed along a path such as m/44'/60'/0'/0/3. Only what a dev
/// wallet needs: private child keys (hardened and normal), no extended-key serialisation.
/// </summary>
public static class Bip32
{
    private const uint HardenedBit = 0x8000_0000;
    private static readonly byte[] MasterHmacKey = Encoding.ASCII.GetBytes("Bitcoin seed");

    /// <summary>The 32-byte private key at <paramref name="path"/> below the master key of <paramref name="seed"/>.</summary>
    public static byte[] DerivePrivateKey(ReadOnlySpan<byte> seed, string path)
    {
        uint[] indexes = ParsePath(path);

        Span<byte> digest = stackalloc byte[64];
        HmacSha512.Compute(MasterHmacKey, seed, digest);
        ECPrivKey key = CreateKey(digest[..32]);
        byte[] chainCode = digest[32..].ToArray();

        Span<byte> data = stackalloc byte[37];
        foreach (uint index in indexes)
        {
            if ((index & HardenedBit) != 0)
            {
                // Hardened: 0x00 || k || index.
                data[0] = 0;
                key.WriteToSpan(data.Slice(1, 32));
            }
            else
            {
                // Normal: compressed public key || index.
                key.CreatePubKey().WriteToSpan(compressed: true, data[..33], out _);
            }
            BinaryPrimitives.WriteUInt32BigEndian(data[33..], index);

            HmacSha512.Compute(chainCode, data, digest);
            // child = (IL + k) mod n; IL >= n or a zero child make this index invalid (probability ~2^-127): the
            // standard says skip to the next index, but a fixed dev path hitting it would be a bug worth seeing.
            if (!key.TryTweakAdd(digest[..32], out ECPrivKey? child) || child is null)
                throw new InvalidOperationException($"BIP-32: index {index & ~HardenedBit} of {path} gives an invalid key.");
            key = child;
            chainCode = digest[32..].ToArray();
        }

        byte[] result = new byte[32];
        key.WriteToSpan(result);
        return result;
    }

    /// <summary>Parses "m/44'/60'/0'/0/0" (also "h" or "H" for hardened) into child indexes.</summary>
    public static uint[] ParsePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] parts = path.Split('/');
        if (parts[0] != "m")
            throw new FormatException($"Derivation path must start with \"m\": {path}");

        uint[] indexes = new uint[parts.Length - 1];
        for (int i = 1; i < parts.Length; i++)
        {
            ReadOnlySpan<char> part = parts[i];
            bool hardened = part.Length > 0 && (part[^1] == '\'' || part[^1] == 'h' || part[^1] == 'H');
            if (hardened)
                part = part[..^1];
            if (part.Length == 0 || part.Length > 10 || !uint.TryParse(part, System.Globalization.NumberStyles.None,
                    System.Globalization.CultureInfo.InvariantCulture, out uint index) || index >= HardenedBit)
                throw new FormatException($"Bad derivation path element \"{parts[i]}\" in {path}");
            indexes[i - 1] = hardened ? index | HardenedBit : index;
        }
        return indexes;
    }

    private static ECPrivKey CreateKey(ReadOnlySpan<byte> secret)
    {
        if (!ECPrivKey.TryCreate(secret, out ECPrivKey? key) || key is null)
            throw new InvalidOperationException("BIP-32: the seed gives an invalid master key.");
        return key;
    }
}
