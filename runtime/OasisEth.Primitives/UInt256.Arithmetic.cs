using System.Runtime.Intrinsics.X86;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

// Add, subtract, multiply and their overflow-reporting forms. Every method reads all inputs into locals before
// it writes `res`, so the output may alias either input.
public readonly partial struct UInt256
{
    /// <summary>a + b mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(in UInt256 a, in UInt256 b, out UInt256 res) => AddOverflow(a, b, out res);

    /// <summary>a + b mod 2^256; returns true when the sum carried out of bit 255.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AddOverflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong carry = 0;
        ulong r0 = AddWithCarry(a.u0, b.u0, ref carry);
        ulong r1 = AddWithCarry(a.u1, b.u1, ref carry);
        ulong r2 = AddWithCarry(a.u2, b.u2, ref carry);
        ulong r3 = AddWithCarry(a.u3, b.u3, ref carry);
        res = new UInt256(r0, r1, r2, r3);
        return carry != 0;
    }

    /// <summary>a - b mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Subtract(in UInt256 a, in UInt256 b, out UInt256 res) => SubtractUnderflow(a, b, out res);

    /// <summary>a - b mod 2^256; returns true when a &lt; b (the subtraction borrowed).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SubtractUnderflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong borrow = 0;
        ulong r0 = SubtractWithBorrow(a.u0, b.u0, ref borrow);
        ulong r1 = SubtractWithBorrow(a.u1, b.u1, ref borrow);
        ulong r2 = SubtractWithBorrow(a.u2, b.u2, ref borrow);
        ulong r3 = SubtractWithBorrow(a.u3, b.u3, ref borrow);
        res = new UInt256(r0, r1, r2, r3);
        return borrow != 0;
    }

    /// <summary>The low 256 bits of a * b.</summary>
    public static void Multiply(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong a0 = a.u0, a1 = a.u1, a2 = a.u2, a3 = a.u3;
        ulong b0 = b.u0, b1 = b.u1, b2 = b.u2, b3 = b.u3;

        // Most EVM products (offsets, sizes, prices) are of 64-bit operands: one multiply instead of ten.
        if ((a1 | a2 | a3 | b1 | b2 | b3) == 0)
        {
            ulong hi = Mul64(a0, b0, out ulong lo);
            res = new UInt256(lo, hi);
            return;
        }

        // Schoolbook by rows of b, dropping every partial product that lands at or above 2^256:
        // 6 full 64x64->128 multiplies plus 4 low-half multiplies into the top limb.
        ulong r0, r1, r2, r3, c;
        c = Mul64(a0, b0, out r0);
        c = MulAdd(a1, b0, c, out r1);
        c = MulAdd(a2, b0, c, out r2);
        r3 = a3 * b0 + c;

        c = MulAdd(a0, b1, r1, out r1);
        c = MulAdd(a1, b1, r2, c, out r2);
        r3 += a2 * b1 + c;

        c = MulAdd(a0, b2, r2, out r2);
        r3 += a1 * b2 + c;

        r3 += a0 * b3;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>The low 256 bits of a * b; returns true when the full product is 2^256 or more.</summary>
    [SkipLocalsInit]
    public static unsafe bool MultiplyOverflow(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        ulong* p = stackalloc ulong[8];
        Multiply512(a, b, p);
        res = new UInt256(p[0], p[1], p[2], p[3]);
        return (p[4] | p[5] | p[6] | p[7]) != 0;
    }

    /// <summary>Two's complement negation: 0 - a mod 2^256.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in UInt256 a, out UInt256 res)
    {
        // -a = ~a + 1; the +1 ripples up only while the inverted limbs are all ones, i.e. the limbs of a are zero.
        ulong carry = 1;
        ulong r0 = AddWithCarry(~a.u0, 0, ref carry);
        ulong r1 = AddWithCarry(~a.u1, 0, ref carry);
        ulong r2 = AddWithCarry(~a.u2, 0, ref carry);
        ulong r3 = ~a.u3 + carry;
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>
    /// The full 512-bit product of a and b into p[0..8) (least significant first). p must not overlap a or b
    /// (callers pass a stack buffer).
    /// </summary>
    internal static unsafe void Multiply512(in UInt256 a, in UInt256 b, ulong* p)
    {
        ulong a0 = a.u0, a1 = a.u1, a2 = a.u2, a3 = a.u3;
        ulong b0 = b.u0, b1 = b.u1, b2 = b.u2, b3 = b.u3;
        ulong c, r0, r1, r2, r3, r4, r5, r6, r7;

        c = Mul64(a0, b0, out r0);
        c = MulAdd(a1, b0, c, out r1);
        c = MulAdd(a2, b0, c, out r2);
        r4 = MulAdd(a3, b0, c, out r3);

        c = MulAdd(a0, b1, r1, out r1);
        c = MulAdd(a1, b1, r2, c, out r2);
        c = MulAdd(a2, b1, r3, c, out r3);
        r5 = MulAdd(a3, b1, r4, c, out r4);

        c = MulAdd(a0, b2, r2, out r2);
        c = MulAdd(a1, b2, r3, c, out r3);
        c = MulAdd(a2, b2, r4, c, out r4);
        r6 = MulAdd(a3, b2, r5, c, out r5);

        c = MulAdd(a0, b3, r3, out r3);
        c = MulAdd(a1, b3, r4, c, out r4);
        c = MulAdd(a2, b3, r5, c, out r5);
        r7 = MulAdd(a3, b3, r6, c, out r6);

        p[0] = r0; p[1] = r1; p[2] = r2; p[3] = r3;
        p[4] = r4; p[5] = r5; p[6] = r6; p[7] = r7;
    }

    /// <summary>x + y + carry; carry (0 or 1) is updated to the carry out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddWithCarry(ulong x, ulong y, ref ulong carry)
    {
        ulong s = x + y;
        ulong r = s + carry;
        // At most one of the two additions can wrap, so OR-ing the two carries is exact.
        carry = (s < x ? 1UL : 0UL) | (r < s ? 1UL : 0UL);
        return r;
    }

    /// <summary>x - y - borrow; borrow (0 or 1) is updated to the borrow out.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubtractWithBorrow(ulong x, ulong y, ref ulong borrow)
    {
        ulong d = x - y;
        ulong r = d - borrow;
        borrow = (x < y ? 1UL : 0UL) | (d < borrow ? 1UL : 0UL);
        return r;
    }

    /// <summary>
    /// x * y as 128 bits: returns the high half, lo gets the low half. With BMI2 as two multiplies (mulx for the
    /// high half, imul for the low): Math.BigMul (either form) passes the low half through memory, and the JIT kept
    /// a stack slot per limb product (a store and a dependent reload each, the slots zeroed at entry), which made
    /// a 512-bit product and MULMOD's reduction about a third slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Mul64(ulong x, ulong y, out ulong lo)
    {
        if (Bmi2.X64.IsSupported)
        {
            lo = x * y;
            return Bmi2.X64.MultiplyNoFlags(x, y);
        }
        return Math.BigMul(x, y, out lo);
    }

    /// <summary>x * y + z as 128 bits: returns the high half, lo gets the low half. Cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong x, ulong y, ulong z, out ulong lo)
    {
        ulong hi = Mul64(x, y, out ulong l);
        l += z;
        hi += l < z ? 1UL : 0UL;
        lo = l;
        return hi;
    }

    /// <summary>x * y + z + w as 128 bits: (2^64-1)^2 + 2(2^64-1) = 2^128 - 1, so it cannot overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong x, ulong y, ulong z, ulong w, out ulong lo)
    {
        ulong hi = Mul64(x, y, out ulong l);
        l += z;
        hi += l < z ? 1UL : 0UL;
        l += w;
        hi += l < w ? 1UL : 0UL;
        lo = l;
        return hi;
    }
}
