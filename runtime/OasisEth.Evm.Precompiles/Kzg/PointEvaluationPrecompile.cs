using OasisEth.Evm.Precompiles.Bls12381;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles.Kzg;

/// <summary>
/// 0x0a POINT_EVALUATION (EIP-4844, Cancun), 50000 gas. Input exactly 192 bytes:
/// versioned_hash (32) ‖ z (32) ‖ y (32) ‖ commitment (48) ‖ proof (48). Checks that the versioned hash is
/// 0x01 ‖ sha256(commitment)[1..], that z and y are below the BLS scalar modulus r, that commitment and proof are
/// valid compressed G1 points in the subgroup, and that the KZG proof shows p(z) = y for the committed polynomial.
/// Output on success: FIELD_ELEMENTS_PER_BLOB and BLS_MODULUS as two 32-byte big-endian words.
/// </summary>
public sealed class PointEvaluationPrecompile : IPrecompile
{
    public static readonly PointEvaluationPrecompile Instance = new();

    public const int InputLength = 192;

    /// <summary>EIP-4844 POINT_EVALUATION_PRECOMPILE_GAS.</summary>
    private const long Gas = 50000;

    /// <summary>EIP-4844 VERSIONED_HASH_VERSION_KZG.</summary>
    private const byte VersionedHashVersionKzg = 0x01;

    /// <summary>r = BLS_MODULUS, big-endian.</summary>
    private static ReadOnlySpan<byte> BlsModulus =>
    [
        0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8, 0x08, 0x09, 0xa1, 0xd8, 0x05,
        0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe, 0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01,
    ];

    private PointEvaluationPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork) => Gas;

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        if (input.Length != InputLength) return PrecompileResult.Failure;
        ReadOnlySpan<byte> versionedHash = input[..32];
        ReadOnlySpan<byte> z = input[32..64];
        ReadOnlySpan<byte> y = input[64..96];
        ReadOnlySpan<byte> commitment = input[96..144];
        ReadOnlySpan<byte> proof = input[144..192];

        Span<byte> hash = stackalloc byte[32];
        Sha256.Hash(commitment, hash); // managed unless NativeCrypto is enabled
        hash[0] = VersionedHashVersionKzg;
        if (!hash.SequenceEqual(versionedHash)) return PrecompileResult.Failure;

        if (z.SequenceCompareTo(BlsModulus) >= 0 || y.SequenceCompareTo(BlsModulus) >= 0) return PrecompileResult.Failure;
        if (!G1.TryDecompress(commitment, out JacobianPoint<Fp> c)) return PrecompileResult.Failure;
        if (!G1.TryDecompress(proof, out JacobianPoint<Fp> pi)) return PrecompileResult.Failure;

        if (!KzgVerifier.VerifyProof(c, z, y, pi)) return PrecompileResult.Failure;
        return new PrecompileResult(true, SuccessOutput());
    }

    /// <summary>FIELD_ELEMENTS_PER_BLOB (4096) ‖ BLS_MODULUS; a fresh array per call since callers may keep it.</summary>
    private static byte[] SuccessOutput()
    {
        byte[] output = new byte[64];
        output[30] = 0x10; // 4096 = 0x1000
        BlsModulus.CopyTo(output.AsSpan(32));
        return output;
    }
}
