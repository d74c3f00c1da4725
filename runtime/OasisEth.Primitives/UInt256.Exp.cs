using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

// EVM EXP: b^e mod 2^256.
public readonly partial struct UInt256
{
    /// <summary>b^e mod 2^256 (0^0 = 1, as the EVM defines it).</summary>
    public static void Exp(in UInt256 b, in UInt256 e, out UInt256 res)
    {
        UInt256 x = b, y = e;
        if (y.IsZero)
        {
            res = One;
            return;
        }
        if ((x.u1 | x.u2 | x.u3) == 0 && x.u0 <= 1)
        {
            res = x; // 0^e = 0 and 1^e = 1 for e > 0
            return;
        }

        bool smallExponent = y.FitsInUlong && y.u0 < 256;
        if (IsPowerOfTwo(x))
        {
            // (2^k)^e = 2^(k e): a shift, and zero once k e reaches 256. k >= 1 here, so e >= 256 always gives 0.
            if (!smallExponent)
            {
                res = default;
                return;
            }
            ulong shift = (ulong)(x.BitLength - 1) * y.u0;
            if (shift >= 256)
            {
                res = default;
                return;
            }
            ShiftLeft(One, (int)shift, out res);
            return;
        }
        if ((x.u0 & 1) == 0 && !smallExponent)
        {
            // An even base contributes at least one factor 2 per multiplication: 2^256 divides b^e for e >= 256.
            res = default;
            return;
        }

        int bits = y.BitLength;
        res = bits > WindowThresholdBits ? PowWindowed(x, y, bits) : PowBinary(x, y, bits);
    }

    // Below this exponent length the sliding window's table (1 squaring + 7 multiplies) costs more than it saves.
    private const int WindowThresholdBits = 40;
    private const int WindowBits = 4;

    /// <summary>
    /// Left-to-right binary square-and-multiply: one squaring per exponent bit below the top one, one multiply by
    /// the base per set bit. Squaring needs 4 full and 2 half 64-bit products against 6 and 4 for a multiply.
    /// </summary>
    private static UInt256 PowBinary(in UInt256 x, in UInt256 y, int bits)
    {
        UInt256 r = x;
        for (int i = bits - 2; i >= 0; i--)
        {
            Square(r, out r);
            if (TestBit(y, i)) Multiply(r, x, out r);
        }
        return r;
    }

    /// <summary>
    /// Left-to-right sliding-window exponentiation with 4-bit windows over the odd powers x, x^3, ..., x^15:
    /// still one squaring per bit, but about one multiply per 5 bits instead of one per set bit (a 256-bit
    /// exponent: ~51 multiplies + 8 for the table instead of ~128, or ~255 for a dense exponent).
    /// </summary>
    [SkipLocalsInit]
    private static unsafe UInt256 PowWindowed(in UInt256 x, in UInt256 y, int bits)
    {
        UInt256* odd = stackalloc UInt256[1 << (WindowBits - 1)];
        odd[0] = x;
        Square(x, out UInt256 x2);
        for (int k = 1; k < 1 << (WindowBits - 1); k++) Multiply(odd[k - 1], x2, out odd[k]);

        UInt256 r = One;
        bool started = false;
        int i = bits - 1;
        while (i >= 0)
        {
            if (!TestBit(y, i))
            {
                Square(r, out r);
                i--;
                continue;
            }
            // The window is bits i..low with low as far down as WindowBits allows and bit low set (so it is odd).
            int low = Math.Max(i - WindowBits + 1, 0);
            while (!TestBit(y, low)) low++;
            int window = 0;
            for (int k = i; k >= low; k--) window = (window << 1) | (TestBit(y, k) ? 1 : 0);

            if (started)
            {
                for (int k = i; k >= low; k--) Square(r, out r);
                Multiply(r, odd[window >> 1], out r);
            }
            else
            {
                r = odd[window >> 1]; // 1^(2^n) * x^w: skip the squarings of 1
                started = true;
            }
            i = low - 1;
        }
        return r;
    }

    /// <summary>a * a mod 2^256.</summary>
    private static void Square(in UInt256 a, out UInt256 res)
    {
        ulong a0 = a.u0, a1 = a.u1, a2 = a.u2, a3 = a.u3;
        if ((a1 | a2 | a3) == 0)
        {
            ulong h = Mul64(a0, a0, out ulong l);
            res = new UInt256(l, h);
            return;
        }

        // a^2 = sum of squares a_i^2 at limb 2i plus twice the cross products a_i a_j (i < j) at limb i + j;
        // everything from limb 4 up is dropped. Cross terms first (x1..x3), doubled by a one-bit shift, then the
        // squares of a0 and a1 added in.
        ulong h01 = Mul64(a0, a1, out ulong x1);
        ulong h02 = Mul64(a0, a2, out ulong l02);
        ulong x2 = h01 + l02;
        ulong x3 = h02 + (x2 < l02 ? 1UL : 0UL) + a0 * a3 + a1 * a2;

        ulong d1 = x1 << 1;
        ulong d2 = (x2 << 1) | (x1 >> 63);
        ulong d3 = (x3 << 1) | (x2 >> 63);

        ulong g1 = Mul64(a0, a0, out ulong g0);
        ulong g3 = Mul64(a1, a1, out ulong g2);

        ulong carry = 0;
        ulong r1 = AddWithCarry(d1, g1, ref carry);
        ulong r2 = AddWithCarry(d2, g2, ref carry);
        ulong r3 = d3 + g3 + carry;
        res = new UInt256(g0, r1, r2, r3);
    }

    /// <summary>True when exactly one bit is set (2^k, k = <see cref="BitLength"/> - 1); false for zero.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPowerOfTwo(in UInt256 v) =>
        BitOperations.PopCount(v.u0) + BitOperations.PopCount(v.u1) + BitOperations.PopCount(v.u2) +
        BitOperations.PopCount(v.u3) == 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TestBit(in UInt256 v, int bit)
    {
        ulong limb = (bit >> 6) switch
        {
            0 => v.u0,
            1 => v.u1,
            2 => v.u2,
            _ => v.u3,
        };
        return ((limb >> (bit & 63)) & 1) != 0;
    }
}
