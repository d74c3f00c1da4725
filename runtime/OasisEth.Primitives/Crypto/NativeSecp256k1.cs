using Secp256k1Net;

namespace OasisEth.Primitives;

/// <summary>
/// Recovery on native libsecp256k1 through Secp256k1.Net (loaded with dlopen the first time this class is used,
/// and only then: nothing else refers to it, so a process that keeps <see cref="NativeCrypto"/> off never loads
/// it). No allocation per call.
/// </summary>
public static class NativeSecp256k1
{
    // One context for the process (never disposed): recovery only reads it, so concurrent callers are safe.
    private static readonly Secp256k1 Context = new();

    /// <summary>See <see cref="Secp256k1Recovery.TryRecover"/>.</summary>
    public static bool TryRecover(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> rs, int recoveryId, Span<byte> publicKey64)
    {
        if ((uint)recoveryId > 3) return false;
        // Opaque library structures: recoverable signature 65 bytes, public key 64 bytes. Parsing rejects r or
        // s >= n; recovery rejects r or s zero, an x off the curve and the point at infinity.
        Span<byte> signature = stackalloc byte[65];
        Span<byte> opaqueKey = stackalloc byte[64];
        if (!Context.EcdsaRecoverableSignatureParseCompact(signature, rs, recoveryId)) return false;
        if (!Context.EcdsaRecover(opaqueKey, signature, hash)) return false;
        Span<byte> uncompressed = stackalloc byte[65];
        nuint length = 65;
        Context.EcPubkeySerialize(uncompressed, ref length, opaqueKey, Secp256k1EcFlags.Uncompressed);
        uncompressed[1..].CopyTo(publicKey64);
        return true;
    }
}
