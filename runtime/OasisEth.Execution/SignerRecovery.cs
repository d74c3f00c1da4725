using OasisEth.Primitives;
using Secp256k1Net;

namespace OasisEth.Execution;

/// <summary>
/// secp256k1 public-key recovery to an Ethereum address (the last 20 bytes of keccak256 of the key).
/// Native libsecp256k1 (through Secp256k1.Net) rather than the managed port: recovery is the executor's and
/// JSON-RPC admission's bottleneck, and the managed port costs 250-300 µs per recovery against 55-60 µs native
/// (bench/OasisEth.Bench/Signatures on a loaded 2-core machine; about 260 against 45 µs idle). No allocation.
/// Same verdicts as the managed port (tests/OasisEth.Execution.Tests/SignerRecoveryDifferentialTests.cs) except
/// one it got wrong: ids 2 and 3 with r &gt;= p - n (x = r + n is then not a field element) are rejected here.
/// Callers only pass ids 0 and 1.
/// </summary>
public static class SignerRecovery
{
    // One context for the process (never disposed): recovery only reads it, so concurrent callers are safe.
    private static readonly Secp256k1 Native = new();

    /// <summary>
    /// Recovers the signer of <paramref name="digest"/>. False (signer = default) when r or s is zero or &gt;= n,
    /// the recovery id is outside 0..3, r (+n for ids 2, 3) is not the x of a curve point, or the key is the point
    /// at infinity. Policy rules (low s, v = 27/28, chain id) are the caller's.
    /// </summary>
    public static bool TryRecover(in Hash256 digest, in UInt256 r, in UInt256 s, int recoveryId, out Address signer)
    {
        signer = default;
        // Checked here, not left to the library: it treats an out-of-range id as API misuse (its illegal-argument
        // callback), not as a bad signature.
        if ((uint)recoveryId > 3) return false;

        Span<byte> compact = stackalloc byte[64];
        r.WriteBigEndian(compact);
        s.WriteBigEndian(compact[32..]);
        // Opaque library structures: recoverable signature 65 bytes, public key 64 bytes.
        Span<byte> signature = stackalloc byte[65];
        Span<byte> publicKey = stackalloc byte[64];
        // Parsing rejects r or s >= n; recovery rejects r or s zero, an x off the curve and the point at infinity.
        if (!Native.EcdsaRecoverableSignatureParseCompact(signature, compact, recoveryId)) return false;
        if (!Native.EcdsaRecover(publicKey, signature, digest.Bytes)) return false;

        Span<byte> uncompressed = stackalloc byte[65];
        nuint length = 65;
        Native.EcPubkeySerialize(uncompressed, ref length, publicKey, Secp256k1EcFlags.Uncompressed);
        signer = Address.FromHash(Keccak.Compute(uncompressed[1..])); // X||Y without the 0x04 prefix
        return true;
    }
}
