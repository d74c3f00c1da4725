namespace OasisEth.Primitives;

/// <summary>
/// secp256k1 public-key recovery (ECDSA with a recovery id), by <see cref="NativeCrypto"/>'s choice: the managed
/// BouncyCastle recovery (<see cref="ManagedSecp256k1"/>, the default, loads nothing) or native libsecp256k1
/// (<see cref="NativeSecp256k1"/>). Same verdicts and keys either way.
/// </summary>
public static class Secp256k1Recovery
{
    /// <summary>
    /// Recovers the 64-byte public key X‖Y that signed <paramref name="hash"/> (32 bytes) with the compact signature
    /// r‖s (<paramref name="rs"/>, 64 bytes big-endian). False when r or s is zero or ≥ n, the id is outside 0..3,
    /// r (+ n for ids 2 and 3) is not the x of a curve point, or the key is the point at infinity.
    /// </summary>
    public static bool TryRecover(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> rs, int recoveryId, Span<byte> publicKey64)
    {
        if (hash.Length != 32 || rs.Length != 64 || publicKey64.Length != 64) throw new ArgumentException("hash 32, rs 64, key 64 bytes");
        // Checked here, not left to the libraries: libsecp256k1 treats an out-of-range id as API misuse (its
        // illegal-argument callback), not as a bad signature.
        if ((uint)recoveryId > 3) return false;
        return NativeCrypto.IsEnabled
            ? NativeSecp256k1.TryRecover(hash, rs, recoveryId, publicKey64)
            : ManagedSecp256k1.TryRecover(hash, rs, recoveryId, publicKey64);
    }

    /// <summary>Recovery to an Ethereum address: the last 20 bytes of keccak256(X‖Y).</summary>
    public static bool TryRecoverAddress(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> rs, int recoveryId, out Address signer)
    {
        Span<byte> key = stackalloc byte[64];
        if (!TryRecover(hash, rs, recoveryId, key))
        {
            signer = default;
            return false;
        }
        signer = Address.FromHash(Keccak.Compute(key));
        return true;
    }
}
