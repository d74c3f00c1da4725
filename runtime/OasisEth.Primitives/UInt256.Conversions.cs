using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

// Narrowing to native integers, text (decimal and 0x-hex) and BigInteger. Text and BigInteger are for the edges
// (fixtures, RPC, tests); nothing here is on the interpreter's hot path except TryGetULong and the casts.
public readonly partial struct UInt256
{
    /// <summary>True (with the value) iff the value fits in 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetULong(out ulong value)
    {
        value = u0;
        return (u1 | u2 | u3) == 0;
    }

    /// <summary>The low 64 bits (truncating).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator ulong(in UInt256 v) => v.u0;

    /// <summary>The low 64 bits reinterpreted as a long (truncating, unchecked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static explicit operator long(in UInt256 v) => unchecked((long)v.u0);

    /// <summary>Parses "0x"/"0X" + hex digits (leading zeros allowed, value below 2^256) or plain decimal digits.</summary>
    /// <exception cref="FormatException">Empty, malformed or out-of-range input.</exception>
    public static UInt256 Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!TryParse(s, out UInt256 value)) ThrowFormat(s);
        return value;
    }

    public static bool TryParse([NotNullWhen(true)] string? s, out UInt256 value)
    {
        value = default;
        if (string.IsNullOrEmpty(s)) return false;
        if (s.Length >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) return TryParseHex(s.AsSpan(2), out value);
        return TryParseDecimal(s, out value);
    }

    private static bool TryParseHex(ReadOnlySpan<char> digits, out UInt256 value)
    {
        value = default;
        if (digits.IsEmpty) return false;
        int start = 0;
        while (start < digits.Length - 1 && digits[start] == '0') start++;
        digits = digits[start..];
        if (digits.Length > 64) return false;

        ulong u0 = 0, u1 = 0, u2 = 0, u3 = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int nibble = HexValue(digits[i]);
            if (nibble < 0) return false;
            // Shift the 256-bit accumulator left by 4; nothing falls off because there are at most 64 digits.
            u3 = (u3 << 4) | (u2 >> 60);
            u2 = (u2 << 4) | (u1 >> 60);
            u1 = (u1 << 4) | (u0 >> 60);
            u0 = (u0 << 4) | (uint)nibble;
        }
        value = new UInt256(u0, u1, u2, u3);
        return true;
    }

    private static int HexValue(char c)
    {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static bool TryParseDecimal(string s, out UInt256 value)
    {
        value = default;
        UInt256 acc = default;
        // Consume up to 19 digits at a time (10^19 < 2^64): acc = acc * 10^k + chunk, checking overflow each time.
        int i = 0;
        while (i < s.Length)
        {
            int take = Math.Min(19, s.Length - i);
            ulong chunk = 0, scale = 1;
            for (int k = 0; k < take; k++)
            {
                char c = s[i + k];
                if (c < '0' || c > '9') return false;
                chunk = chunk * 10 + (ulong)(c - '0');
                scale *= 10;
            }
            if (MultiplyOverflow(acc, new UInt256(scale), out acc)) return false;
            if (AddOverflow(acc, new UInt256(chunk), out acc)) return false;
            i += take;
        }
        value = acc;
        return true;
    }

    /// <summary>Decimal, culture-invariant.</summary>
    [SkipLocalsInit]
    public override unsafe string ToString()
    {
        if (FitsInUlong) return u0.ToString(CultureInfo.InvariantCulture);

        // Peel off 19 decimal digits at a time by dividing by 10^19 in place; at most 78 digits for 2^256 - 1.
        const ulong TenPow19 = 10_000_000_000_000_000_000UL;
        Span<char> buffer = stackalloc char[80];
        int pos = buffer.Length;
        UInt256 x = this;
        ulong* limbs = (ulong*)&x;
        while (true)
        {
            int n = LimbCount(x);
            ulong chunk = n == 0 ? 0 : DivRemByLimb(limbs, n, TenPow19, limbs);
            bool last = x.IsZero;
            for (int k = 0; k < 19 && (!last || chunk != 0 || k == 0); k++)
            {
                buffer[--pos] = (char)('0' + (int)(chunk % 10));
                chunk /= 10;
            }
            if (last) break;
        }
        return new string(buffer[pos..]);
    }

    /// <summary>"0x" followed by the minimal lowercase hex digits; "0x0" for zero.</summary>
    [SkipLocalsInit]
    public string ToHexString()
    {
        Span<char> buffer = stackalloc char[66];
        int digits = Math.Max(1, (BitLength + 3) >> 2);
        buffer[0] = '0';
        buffer[1] = 'x';
        for (int i = 0; i < digits; i++)
        {
            int nibbleIndex = digits - 1 - i;
            ulong limb = (nibbleIndex >> 4) switch
            {
                0 => u0,
                1 => u1,
                2 => u2,
                _ => u3,
            };
            int nibble = (int)((limb >> ((nibbleIndex & 15) << 2)) & 0xF);
            buffer[2 + i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
        }
        return new string(buffer[..(2 + digits)]);
    }

    /// <summary>The value as a non-negative BigInteger.</summary>
    [SkipLocalsInit]
    public BigInteger ToBigInteger()
    {
        Span<byte> bytes = stackalloc byte[32];
        WriteBigEndian(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
    }

    /// <summary>v mod 2^256: larger values are truncated, negative values wrap as two's complement.</summary>
    [SkipLocalsInit]
    public static UInt256 FromBigInteger(BigInteger v)
    {
        // BigInteger's AND behaves as infinite two's complement, so masking gives the residue mod 2^256 for
        // negative values too.
        BigInteger residue = v.Sign >= 0 && v.GetByteCount(isUnsigned: true) <= 32 ? v : v & Mask256;
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        if (!residue.TryWriteBytes(bytes, out int written, isUnsigned: true, isBigEndian: true))
        {
            throw new InvalidOperationException("Unreachable: a residue mod 2^256 fits in 32 bytes.");
        }
        return FromBigEndian(bytes[..written]);
    }

    private static readonly BigInteger Mask256 = (BigInteger.One << 256) - 1;

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFormat(string s) =>
        throw new FormatException($"'{s}' is not a 256-bit unsigned integer (0x-hex or decimal).");
}
