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
}
