using NBitcoin.Secp256k1;
using OasisEth.Primitives;

namespace OasisEth.Execution;

/// <summary>secp256k1 public-key recovery to an Ethereum address (the last 20 bytes of keccak256 of the key).</summary>
public static class SignerRecovery
{
    public static bool TryRecover(in Hash256 digest, in UInt256 r, in UInt256 s, int recoveryId, out Address signer)
    {
        signer = default;
        Span<byte> compact = stackalloc byte[64];
        r.WriteBigEndian(compact);
        s.WriteBigEndian(compact[32..]);
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(compact, recoveryId, out var signature) || signature is null)
            return false;
        if (!ECPubKey.TryRecover(Context.Instance, signature, digest.Bytes, out var publicKey) || publicKey is null)
            return false;
        Span<byte> uncompressed = stackalloc byte[65];
        publicKey.WriteToSpan(false, uncompressed, out _);
        signer = Address.FromHash(Keccak.Compute(uncompressed[1..]));
        return true;
    }
}
