using Org.BouncyCastle.Crypto.Digests;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// Keccak-256 for ECRECOVER. Stand-in until <c>OasisEth.Primitives.Keccak</c> lands; then this forwards to it.
/// </summary>
internal static class KeccakHash
{
    [ThreadStatic] private static KeccakDigest? t_digest;

    public static void Compute(ReadOnlySpan<byte> data, Span<byte> output32)
    {
        KeccakDigest digest = t_digest ??= new KeccakDigest(256);
        digest.Reset();
        digest.BlockUpdate(data);
        digest.DoFinal(output32);
    }
}
