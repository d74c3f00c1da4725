using NBitcoin.Secp256k1;

namespace OasisEth.Primitives;

/// <summary>
/// Recovery on NBitcoin.Secp256k1, a managed port of libsecp256k1: no native code, so it works where no library
/// can be loaded (the sandboxed runtime). About 250-300 µs per recovery against 55-60 µs native on this machine.
/// </summary>
public static class ManagedSecp256k1
{
    /// <summary>p - n, big-endian: for ids 2 and 3 the x coordinate is r + n, a field element only when r &lt; p - n.
    /// The port does not check this and would return some key; libsecp256k1 rejects it, and so do we.</summary>
    private static ReadOnlySpan<byte> PMinusN =>
    [
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
        0x45, 0x51, 0x23, 0x19, 0x50, 0xB7, 0x5F, 0xC4, 0x40, 0x2D, 0xA1, 0x72, 0x2F, 0xC9, 0xBA, 0xEE,
    ];

    /// <summary>See <see cref="Secp256k1Recovery.TryRecover"/>.</summary>
    public static bool TryRecover(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> rs, int recoveryId, Span<byte> publicKey64)
    {
        if ((uint)recoveryId > 3) return false;
        if (recoveryId >= 2 && rs[..32].SequenceCompareTo(PMinusN) >= 0) return false;
        if (!SecpRecoverableECDSASignature.TryCreateFromCompact(rs, recoveryId, out SecpRecoverableECDSASignature? signature) || signature is null)
            return false;
        if (!ECPubKey.TryRecover(Context.Instance, signature, hash, out ECPubKey? key) || key is null) return false;
        Span<byte> uncompressed = stackalloc byte[65];
        key.WriteToSpan(false, uncompressed, out _);
        uncompressed[1..].CopyTo(publicKey64);
        return true;
    }
}
