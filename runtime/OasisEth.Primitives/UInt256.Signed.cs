using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

// The EVM's two's complement operations: SDIV, SMOD, SIGNEXTEND, SAR.
public readonly partial struct UInt256
{
    /// <summary>
    /// EVM SDIV: a / b on two's complement values, truncated toward zero; 0 when b is 0. -2^255 / -1 overflows
    /// back to -2^255, which falls out of dividing the magnitudes 2^255 / 1 and keeping the (positive) sign.
    /// </summary>
    public static void SignedDivide(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        UInt256 x = a, y = b;
        if (y.IsZero)
        {
            res = default;
            return;
        }
        bool xNeg = x.IsNegative, yNeg = y.IsNegative;
        if (xNeg) Negate(x, out x);
        if (yNeg) Negate(y, out y);
        Divide(x, y, out UInt256 q);
        if (xNeg != yNeg) Negate(q, out q);
        res = q;
    }

    /// <summary>EVM SMOD: |a| mod |b| with the sign of a; 0 when b is 0.</summary>
    public static void SignedMod(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        UInt256 x = a, y = b;
        if (y.IsZero)
        {
            res = default;
            return;
        }
        bool xNeg = x.IsNegative;
        if (xNeg) Negate(x, out x);
        if (y.IsNegative) Negate(y, out y);
        Mod(x, y, out UInt256 r);
        if (xNeg) Negate(r, out r);
        res = r;
    }

    /// <summary>
    /// EVM SIGNEXTEND(b, x): treat x as a (b + 1)-byte two's complement number and extend its sign bit (bit 8b + 7)
    /// through bit 255. For b &gt;= 31 the value is returned unchanged.
    /// </summary>
    [SkipLocalsInit]
    public static unsafe void SignExtend(in UInt256 byteIndex, in UInt256 value, out UInt256 res)
    {
        UInt256 x = value;
        if (!byteIndex.FitsInUlong || byteIndex.u0 >= 31)
        {
            res = x;
            return;
        }
        int bit = (int)byteIndex.u0 * 8 + 7;
        int limb = bit >> 6, bitInLimb = bit & 63;
        ulong* p = (ulong*)&x;
        ulong fill = 0UL - ((p[limb] >> bitInLimb) & 1);
        // Bits 0..bitInLimb of the limb are kept; bitInLimb is 7, 15, ..., 63, and at 63 the whole limb is kept
        // (a 64-bit shift would wrap to a 0-bit shift in C#, hence the explicit case).
        ulong keep = bitInLimb == 63 ? ulong.MaxValue : (1UL << (bitInLimb + 1)) - 1;
        p[limb] = (p[limb] & keep) | (fill & ~keep);
        for (int i = limb + 1; i < 4; i++) p[i] = fill;
        res = x;
    }

    /// <summary>
    /// EVM SAR: arithmetic shift right, filling with the sign bit. A shift outside [0, 255] gives 0 for a
    /// non-negative value and all ones for a negative one.
    /// </summary>
    public static void ShiftRightArithmetic(in UInt256 value, int shift, out UInt256 res)
    {
        UInt256 x = value;
        if (!x.IsNegative)
        {
            ShiftRight(x, shift, out res);
            return;
        }
        // For negative x, x >> s (arithmetic) = ~(~x >> s) (logical): the complement turns the sign fill into
        // zero fill and back.
        Not(x, out x);
        ShiftRight(x, shift, out x);
        Not(x, out res);
    }
}
