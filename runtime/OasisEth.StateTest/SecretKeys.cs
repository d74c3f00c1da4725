using NBitcoin.Secp256k1;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>The Ethereum address of a secp256k1 secret key: keccak256 of the 64-byte uncompressed public key (without
/// the 0x04 prefix), last 20 bytes.</summary>
public static class SecretKeys
{
    public static Address ToAddress(ReadOnlySpan<byte> secretKey)
    {
        if (secretKey.Length != 32 || !ECPrivKey.TryCreate(secretKey, out ECPrivKey? key))
            throw new FixtureFormatException("transaction.secretKey: not a valid secp256k1 secret key");
        using (key)
        {
            Span<byte> pub = stackalloc byte[65];
            key.CreatePubKey().WriteToSpan(false, pub, out int length);
            if (length != 65) throw new InvalidOperationException("secp256k1 returned a public key of unexpected length");
            return Address.FromHash(Keccak.Compute(pub[1..]));
        }
    }
}
