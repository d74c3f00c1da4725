using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// 0x01 ECRECOVER (Frontier, 3000 gas). Input (right-padded with zeros to 128 bytes): hash, v, r, s as 32-byte
/// words. v must be exactly 27 or 28 as a whole word; r and s must lie in [1, n-1] (no EIP-2 low-s rule: that
/// rule is for transactions only). Any invalid input still succeeds, with empty output; a recovered key gives
/// its address left-padded to 32 bytes.
/// Recovery runs on <see cref="Secp256k1Recovery"/>: managed (BouncyCastle) unless <see cref="NativeCrypto"/> is
/// enabled (native libsecp256k1, faster: bench/OasisEth.Bench/Signatures); same
/// accept/reject set (tests/OasisEth.Evm.Precompiles.Tests/EcRecoverDifferentialTests.cs).
/// </summary>
public sealed class EcRecoverPrecompile : IPrecompile
{
    public static readonly EcRecoverPrecompile Instance = new();

    private const long Gas = 3000;

    /// <summary>The secp256k1 group order n, big-endian.</summary>
    private static ReadOnlySpan<byte> CurveOrder =>
    [
        0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE,
        0xBA, 0xAE, 0xDC, 0xE6, 0xAF, 0x48, 0xA0, 0x3B, 0xBF, 0xD2, 0x5E, 0x8C, 0xD0, 0x36, 0x41, 0x41,
    ];

    private EcRecoverPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Gas;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        Span<byte> buf = stackalloc byte[128];
        buf.Clear();
        input[..Math.Min(input.Length, 128)].CopyTo(buf);

        ReadOnlySpan<byte> hash = buf[..32];
        ReadOnlySpan<byte> v = buf[32..64];
        ReadOnlySpan<byte> rs = buf[64..128];

        // v is a whole 256-bit word: any high bit set makes it invalid, not "v mod 256".
        if (v[..31].IndexOfAnyExcept((byte)0) >= 0) return PrecompileResult.Empty;
        int recoveryId = v[31] - 27;
        if ((uint)recoveryId > 1) return PrecompileResult.Empty;

        if (!IsValidScalar(rs[..32]) || !IsValidScalar(rs[32..])) return PrecompileResult.Empty;

        Span<byte> publicKey = stackalloc byte[64];
        if (!Secp256k1Recovery.TryRecover(hash, rs, recoveryId, publicKey))
        {
            return PrecompileResult.Empty; // r off the curve, or the key is the point at infinity
        }
        Span<byte> keyHash = stackalloc byte[32];
        Keccak.Compute(publicKey, keyHash); // the address hashes X||Y

        byte[] output = new byte[32];
        keyHash[12..].CopyTo(output.AsSpan(12));
        return new PrecompileResult(true, output);
    }

    /// <summary>1 &lt;= x &lt; n, comparing big-endian bytes.</summary>
    private static bool IsValidScalar(ReadOnlySpan<byte> x) =>
        x.IndexOfAnyExcept((byte)0) >= 0 && x.SequenceCompareTo(CurveOrder) < 0;
}
