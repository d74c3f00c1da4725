using System.Buffers.Binary;
using System.Numerics;
using OasisEth.Primitives;

namespace OasisEth.Evm.Precompiles;

/// <summary>
/// 0x05 MODEXP (EIP-198, Byzantium): base^exp mod modulus. Input: three 32-byte big-endian lengths
/// (base, exponent, modulus) then the three numbers back to back; bytes past the end of the input read as zero.
/// Output: modulus-length bytes, zero-padded on the left (all zeros when the modulus is 0).
/// Pricing: EIP-198 before Berlin, EIP-2565 from Berlin. The declared lengths are 256-bit and may be absurd, so
/// gas is computed with saturating 128-bit arithmetic and never allocates them.
/// </summary>
public sealed class ModExpPrecompile : IPrecompile
{
    public static readonly ModExpPrecompile Instance = new();

    private const int HeaderLength = 96;

    /// <summary>EIP-198 GQUADDIVISOR.</summary>
    private const ulong Eip198Divisor = 20;

    /// <summary>EIP-2565: complexity * iterations / 3, at least 200.</summary>
    private const ulong Eip2565Divisor = 3;
    private const long Eip2565MinGas = 200;

    /// <summary>
    /// Past this max(base, modulus) length both pricings exceed long.MaxValue (EIP-198: x^2/16/20 &gt; 2^63 once
    /// x &gt; 2^37; EIP-2565: (x/8)^2/3 &gt; 2^63 once x &gt; 2^36), and below it x^2 fits easily in 128 bits.
    /// </summary>
    private const ulong MaxPriceableLength = 1UL << 40;

    /// <summary>Bound that keeps 8 * (exp_len - 32) inside 128 bits; any longer exponent is unpayable.</summary>
    private static readonly UInt128 MaxPriceableExponentLength = UInt128.One << 120;


    private ModExpPrecompile() { }

    public long RequiredGas(ReadOnlySpan<byte> input, Fork fork)
    {
        UInt128 baseLen = ReadLength(input, 0);
        UInt128 expLen = ReadLength(input, 32);
        UInt128 modLen = ReadLength(input, 64);

        UInt128 maxLen = UInt128.Max(baseLen, modLen);
        if (maxLen > MaxPriceableLength) return long.MaxValue;

        bool berlin = fork >= Fork.Berlin;
        UInt128 complexity = berlin ? MultComplexityEip2565((ulong)maxLen) : MultComplexityEip198((ulong)maxLen);
        if (complexity == 0) return berlin ? Eip2565MinGas : 0; // nothing to multiply: the exponent does not matter

        // An exponent this long makes iterations >= 2^123, far past any payable price whatever the complexity.
        if (expLen > MaxPriceableExponentLength) return long.MaxValue;
        UInt128 iterations = AdjustedExponentLength(input, (ulong)baseLen, expLen);
        if (iterations == 0) iterations = 1;

        if (iterations > UInt128.MaxValue / complexity) return long.MaxValue;
        UInt128 gas = complexity * iterations / (berlin ? Eip2565Divisor : Eip198Divisor);
        if (gas > long.MaxValue) return long.MaxValue;
        return berlin ? Math.Max((long)gas, Eip2565MinGas) : (long)gas;
    }

    public PrecompileResult Run(ReadOnlySpan<byte> input, Fork fork)
    {
        UInt128 baseLen128 = ReadLength(input, 0);
        UInt128 expLen128 = ReadLength(input, 32);
        UInt128 modLen128 = ReadLength(input, 64);

        if (modLen128 == 0) return PrecompileResult.Empty;
        // Unreachable for inputs whose gas was paid (see MaxPriceableLength); refuse rather than overflow.
        if (baseLen128 > MaxPriceableLength || modLen128 > MaxPriceableLength || modLen128 > (ulong)Array.MaxLength)
            return PrecompileResult.Failure;
        ulong baseLen = (ulong)baseLen128, modLen = (ulong)modLen128;
        ulong expLen = expLen128 > ulong.MaxValue ? ulong.MaxValue : (ulong)expLen128; // only used to locate bytes

        ulong baseOffset = HeaderLength;
        ulong expOffset = baseOffset + baseLen;
        ulong modOffset = SaturatingAdd(expOffset, expLen);

        byte[] output = new byte[(int)modLen];
        BigInteger modulus = ReadNumber(input, modOffset, (int)modLen);
        if (modulus.IsZero || modulus.IsOne) return new PrecompileResult(true, output);

        // A non-zero modulus means the input reaches past the exponent, so all exponent bytes are present: a
        // declared exponent length can never make us allocate more than the input itself.
        BigInteger exponent = ReadNumber(input, expOffset, (int)expLen);
        BigInteger result = exponent.IsZero
            ? BigInteger.One // x^0 = 1, 0^0 included, as EIP-198 implementations agree
            : BigInteger.ModPow(ReadNumber(input, baseOffset, (int)baseLen), exponent, modulus);

        int written = result.GetByteCount(isUnsigned: true);
        result.TryWriteBytes(output.AsSpan(output.Length - written), out _, isUnsigned: true, isBigEndian: true);
        return new PrecompileResult(true, output);
    }

    /// <summary>EIP-198 mult_complexity(x), exact for x &lt;= 2^40.</summary>
    private static UInt128 MultComplexityEip198(ulong x)
    {
        UInt128 xx = (UInt128)x * x;
        if (x <= 64) return xx;
        if (x <= 1024) return xx / 4 + 96 * (UInt128)x - 3072;
        return xx / 16 + 480 * (UInt128)x - 199680;
    }

    /// <summary>EIP-2565: ceil(x / 8)^2.</summary>
    private static UInt128 MultComplexityEip2565(ulong x)
    {
        ulong words = (x + 7) / 8;
        return (UInt128)words * words;
    }

    /// <summary>
    /// EIP-198 adjusted exponent length: for exp_len &lt;= 32, the index of the exponent's highest set bit
    /// (0 for a zero exponent); otherwise 8 * (exp_len - 32) plus that index over the first 32 exponent bytes.
    /// </summary>
    private static UInt128 AdjustedExponentLength(ReadOnlySpan<byte> input, ulong baseLen, UInt128 expLen)
    {
        int headLength = (int)UInt128.Min(expLen, 32);
        Span<byte> head = stackalloc byte[32];
        head.Clear();
        // Right-align so the 32-byte word reads as the same number as the headLength bytes.
        Slice(input, HeaderLength + baseLen, (ulong)headLength).CopyTo(head[(32 - headLength)..]);

        int highestBit = HighestBitIndex(head);
        UInt128 adjusted = highestBit < 0 ? 0u : (uint)highestBit;
        if (expLen > 32) adjusted += 8 * (UInt128)(expLen - 32);
        return adjusted;
    }

    /// <summary>Index of the highest set bit of a 32-byte big-endian number, -1 when it is zero.</summary>
    private static int HighestBitIndex(ReadOnlySpan<byte> word32)
    {
        int first = word32.IndexOfAnyExcept((byte)0);
        if (first < 0) return -1;
        return (31 - first) * 8 + (7 - BitOperations.LeadingZeroCount((uint)word32[first]) + 24);
    }

    /// <summary>A length word; anything that does not fit 128 bits saturates (its price is then unpayable).</summary>
    private static UInt128 ReadLength(ReadOnlySpan<byte> input, int offset)
    {
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        Slice(input, (ulong)offset, 32).CopyTo(word);
        if (word[..16].IndexOfAnyExcept((byte)0) >= 0) return UInt128.MaxValue;
        return BinaryPrimitives.ReadUInt128BigEndian(word[16..]);
    }

    /// <summary>The part of [offset, offset + length) that lies inside the input (possibly empty).</summary>
    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> input, ulong offset, ulong length)
    {
        if (offset >= (ulong)input.Length) return [];
        int available = input.Length - (int)offset;
        return input.Slice((int)offset, (int)Math.Min((ulong)available, length));
    }

    /// <summary>The big-endian unsigned number in [offset, offset + length), zero-padded past the input's end.</summary>
    private static BigInteger ReadNumber(ReadOnlySpan<byte> input, ulong offset, int length)
    {
        ReadOnlySpan<byte> present = Slice(input, offset, (ulong)length);
        if (present.IndexOfAnyExcept((byte)0) < 0) return BigInteger.Zero; // no padded copy for a zero number
        if (present.Length == length) return new BigInteger(present, isUnsigned: true, isBigEndian: true);
        byte[] padded = new byte[length];
        present.CopyTo(padded);
        return new BigInteger(padded, isUnsigned: true, isBigEndian: true);
    }

    private static ulong SaturatingAdd(ulong a, ulong b) => a + b < a ? ulong.MaxValue : a + b;
}
