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

        // Left-to-right square-and-multiply: one squaring per exponent bit below the top one, one multiply by
        // the (fixed) base per set bit. Squaring needs 4 full and 2 half 64-bit products against 6 and 4.
        UInt256 r = x;
        int top = y.BitLength - 1;
        for (int i = top - 1; i >= 0; i--)
        {
            Square(r, out r);
            if (TestBit(y, i)) Multiply(r, x, out r);
        }
        res = r;
    }

    /// <summary>a * a mod 2^256.</summary>
    private static void Square(in UInt256 a, out UInt256 res)
    {
        ulong a0 = a.u0, a1 = a.u1, a2 = a.u2, a3 = a.u3;
        if ((a1 | a2 | a3) == 0)
        {
            ulong h = Math.BigMul(a0, a0, out ulong l);
            res = new UInt256(l, h);
            return;
        }

        // a^2 = sum of squares a_i^2 at limb 2i plus twice the cross products a_i a_j (i < j) at limb i + j;
        // everything from limb 4 up is dropped. Cross terms first (x1..x3), doubled by a one-bit shift, then the
        // squares of a0 and a1 added in.
        ulong h01 = Math.BigMul(a0, a1, out ulong x1);
        ulong h02 = Math.BigMul(a0, a2, out ulong l02);
        ulong x2 = h01 + l02;
        ulong x3 = h02 + (x2 < l02 ? 1UL : 0UL) + a0 * a3 + a1 * a2;

        ulong d1 = x1 << 1;
        ulong d2 = (x2 << 1) | (x1 >> 63);
        ulong d3 = (x3 << 1) | (x2 >> 63);

        ulong g1 = Math.BigMul(a0, a0, out ulong g0);
        ulong g3 = Math.BigMul(a1, a1, out ulong g2);

        ulong carry = 0;
        ulong r1 = AddWithCarry(d1, g1, ref carry);
        ulong r2 = AddWithCarry(d2, g2, ref carry);
        ulong r3 = d3 + g3 + carry;
        res = new UInt256(g0, r1, r2, r3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPowerOfTwo(in UInt256 v) =>
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
