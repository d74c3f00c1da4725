using NBitcoin.Secp256k1;
using OasisEth.Primitives;

namespace OasisEth.Node.Dev;

/// <summary>A prefunded development account: its address and the private key that signs for it.</summary>
public sealed record DevAccount(int Index, Address Address, byte[] PrivateKey)
{
    /// <summary>Address of a secp256k1 private key: the last 20 bytes of Keccak-256 of the uncompressed public key
    /// without its 0x04 prefix.</summary>
    public static Address AddressOf(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32 || !ECPrivKey.TryCreate(privateKey, out ECPrivKey? key) || key is null)
            throw new ArgumentException("Not a valid secp256k1 private key.", nameof(privateKey));
        Span<byte> publicKey = stackalloc byte[65];
        key.CreatePubKey().WriteToSpan(compressed: false, publicKey, out _);
        return Address.FromHash(Keccak.Compute(publicKey[1..]));
    }

    /// <summary>EIP-55 mixed-case form, as wallets and anvil print addresses.</summary>
    public static string ToChecksumString(Address address)
    {
        string lower = OasisEth.Primitives.Hex.Encode(address.Bytes);
        Hash256 hash = Keccak.Compute(System.Text.Encoding.ASCII.GetBytes(lower));
        ReadOnlySpan<byte> h = hash.Bytes;
        Span<char> chars = stackalloc char[42];
        chars[0] = '0';
        chars[1] = 'x';
        for (int i = 0; i < 40; i++)
        {
            char c = lower[i];
            int nibble = (i & 1) == 0 ? h[i / 2] >> 4 : h[i / 2] & 0xF;
            chars[2 + i] = c >= 'a' && nibble >= 8 ? (char)(c - 32) : c;
        }
        return new string(chars);
    }
}
