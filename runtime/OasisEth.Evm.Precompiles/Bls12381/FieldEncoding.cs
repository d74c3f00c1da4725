namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>EIP-2537 field element encoding: 64 bytes big-endian, the top 16 bytes zero, the value below p.</summary>
internal static class FieldEncoding
{
    public const int FpLength = 64;
    public const int Fp2Length = 128;

    public static bool TryReadFp(ReadOnlySpan<byte> input64, out Fp value)
    {
        if (input64[..16].IndexOfAnyExcept((byte)0) >= 0)
        {
            value = default;
            return false;
        }
        return Fp.TryRead(input64.Slice(16, 48), out value);
    }

    /// <summary>c0 ‖ c1.</summary>
    public static bool TryReadFp2(ReadOnlySpan<byte> input128, out Fp2 value)
    {
        if (TryReadFp(input128[..64], out Fp c0) && TryReadFp(input128[64..128], out Fp c1))
        {
            value = new Fp2(c0, c1);
            return true;
        }
        value = default;
        return false;
    }
}
