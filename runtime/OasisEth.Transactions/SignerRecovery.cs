using OasisEth.Primitives;

namespace OasisEth.Transactions;

/// <summary>
/// secp256k1 public-key recovery to an Ethereum address (the last 20 bytes of keccak256 of the key), for
/// transaction senders. Runs on <see cref="Secp256k1Recovery"/>: managed (BouncyCastle curve arithmetic) by default (the sandboxed
/// runtime can load no native library), native libsecp256k1 once <see cref="NativeCrypto.Enable"/> was called
/// (the dev node: faster and allocation-free, bench/OasisEth.Bench/Signatures). Same verdicts both
/// ways (tests/OasisEth.Transactions.Tests/SignerRecoveryDifferentialTests.cs), including ids 2 and 3 with
/// r &gt;= p - n (x = r + n is then not a field element), which both reject. Callers only pass ids 0 and 1.
/// </summary>
public static class SignerRecovery
{
    /// <summary>
    /// Recovers the signer of <paramref name="digest"/>. False (signer = default) when r or s is zero or &gt;= n,
    /// the recovery id is outside 0..3, r (+n for ids 2, 3) is not the x of a curve point, or the key is the point
    /// at infinity. Policy rules (low s, v = 27/28, chain id) are the caller's.
    /// </summary>
    public static bool TryRecover(in Hash256 digest, in UInt256 r, in UInt256 s, int recoveryId, out Address signer)
    {
        Span<byte> compact = stackalloc byte[64];
        r.WriteBigEndian(compact);
        s.WriteBigEndian(compact[32..]);
        return Secp256k1Recovery.TryRecoverAddress(digest.Bytes, compact, recoveryId, out signer);
    }
}
