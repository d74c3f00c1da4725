using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace OasisEth.Primitives;

// Division, modulo and the modular ADDMOD/MULMOD. All long division goes through two kernels:
// - DivRemByLimb for a one-limb divisor: a chain of 128/64 steps;
// - DivRemKnuth for a divisor of two or more limbs: Knuth's algorithm D (TAOCP vol. 2, 4.3.1) on 64-bit limbs.
// Both normalise the divisor (top bit set) and replace the hardware 128/64 divide in the inner loop by a multiply
// with a precomputed reciprocal (Möller & Granlund, "Improved division by invariant integers", 2011, algorithm 4):
// one real divide per operation to get the reciprocal, then two multiplies per quotient limb. A 64-bit `div` is
// 30-90 cycles on the cores we run on, a `mul` 3-4.
public readonly partial struct UInt256
{
    /// <summary>EVM DIV: floor(a / b), and 0 when b is 0.</summary>
    [SkipLocalsInit]
    public static unsafe void Divide(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        UInt256 x = a, y = b;
        if (y.FitsInUlong)
        {
            ulong d = y.u0;
            if (x.FitsInUlong)
            {
                res = d == 0 ? default : new UInt256(x.u0 / d);
                return;
            }
            if (d == 0)
            {
                res = default;
                return;
            }
            UInt256 q = default; // only the limbs below the dividend's length are written
            DivRemByLimb((ulong*)&x, LimbCount(x), d, (ulong*)&q);
            res = q;
            return;
        }

        int xn = LimbCount(x), yn = LimbCount(y);
        if (xn < yn || (xn == yn && LessThan(x, y)))
        {
            res = default;
            return;
        }
        UInt256 quotient = default;
        DivRemKnuth((ulong*)&x, xn, (ulong*)&y, yn, (ulong*)&quotient, null);
        res = quotient;
    }

    /// <summary>EVM MOD: a mod b, and 0 when b is 0.</summary>
    [SkipLocalsInit]
    public static unsafe void Mod(in UInt256 a, in UInt256 b, out UInt256 res)
    {
        UInt256 x = a, y = b;
        if (y.FitsInUlong)
        {
            ulong d = y.u0;
            if (x.FitsInUlong)
            {
                res = d == 0 ? default : new UInt256(x.u0 % d);
                return;
            }
            if (d == 0)
            {
                res = default;
                return;
            }
            res = new UInt256(DivRemByLimb((ulong*)&x, LimbCount(x), d, null));
            return;
        }

        int xn = LimbCount(x), yn = LimbCount(y);
        if (xn < yn || (xn == yn && LessThan(x, y)))
        {
            res = x;
            return;
        }
        UInt256 remainder = default;
        DivRemKnuth((ulong*)&x, xn, (ulong*)&y, yn, null, (ulong*)&remainder);
        res = remainder;
    }

    /// <summary>EVM ADDMOD: (a + b) mod m over the exact 257-bit sum, and 0 when m is 0.</summary>
    [SkipLocalsInit]
    public static unsafe void AddMod(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res)
    {
        UInt256 x = a, y = b, n = m;
        if (n.IsZero)
        {
            res = default;
            return;
        }

        // Operands already reduced (the usual case in modular-arithmetic contracts): one conditional subtract.
        // If the sum carried out, the true sum minus m is below m < 2^256, so the wrapped subtraction is exact.
        if (LessThan(x, n) && LessThan(y, n))
        {
            bool carry = AddOverflow(x, y, out UInt256 s);
            if (carry || !LessThan(s, n)) Subtract(s, n, out s);
            res = s;
            return;
        }

        ulong* sum = stackalloc ulong[5];
        bool c = AddOverflow(x, y, out UInt256 low);
        sum[0] = low.u0; sum[1] = low.u1; sum[2] = low.u2; sum[3] = low.u3; sum[4] = c ? 1UL : 0UL;
        res = Reduce(sum, 5, n);
    }

    /// <summary>EVM MULMOD: (a * b) mod m over the exact 512-bit product, and 0 when m is 0.</summary>
    [SkipLocalsInit]
    public static unsafe void MulMod(in UInt256 a, in UInt256 b, in UInt256 m, out UInt256 res)
    {
        UInt256 x = a, y = b, n = m;
        if (n.IsZero)
        {
            res = default;
            return;
        }

        if ((x.u1 | x.u2 | x.u3 | y.u1 | y.u2 | y.u3 | n.u1 | n.u2 | n.u3) == 0)
        {
            ulong hi = Mul64(x.u0, y.u0, out ulong lo);
            ulong d = n.u0;
            if (hi == 0)
            {
                res = new UInt256(lo % d);
                return;
            }
            ulong* two = stackalloc ulong[2];
            two[0] = lo; two[1] = hi;
            res = new UInt256(DivRemByLimb(two, 2, d, null));
            return;
        }

        if (BarrettApplies(n))
        {
            res = MulModBarrett(x, y, n);
            return;
        }

        ulong* p = stackalloc ulong[8];
        Multiply512(x, y, p);
        res = Reduce(p, 8, n);
    }

    /// <summary>u[0..un) mod n for n != 0. The buffer u may be overwritten.</summary>
    private static unsafe UInt256 Reduce(ulong* u, int un, in UInt256 n)
    {
        while (un > 0 && u[un - 1] == 0) un--;
        if (n.FitsInUlong)
        {
            return un == 0 ? default : new UInt256(DivRemByLimb(u, un, n.u0, null));
        }

        UInt256 y = n;
        int yn = LimbCount(y);
        if (un < yn || (un == yn && Compare(u, (ulong*)&y, un) < 0))
        {
            // Below the modulus already: u fits in yn <= 4 limbs.
            ulong u0 = un > 0 ? u[0] : 0, u1 = un > 1 ? u[1] : 0, u2 = un > 2 ? u[2] : 0, u3 = un > 3 ? u[3] : 0;
            return new UInt256(u0, u1, u2, u3);
        }
        UInt256 remainder = default;
        DivRemKnuth(u, un, (ulong*)&y, yn, null, (ulong*)&remainder);
        return remainder;
    }

    /// <summary>Number of limbs up to and including the most significant non-zero one (0 for zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int LimbCount(in UInt256 v)
    {
        if (v.u3 != 0) return 4;
        if (v.u2 != 0) return 3;
        if (v.u1 != 0) return 2;
        return v.u0 != 0 ? 1 : 0;
    }

    private static unsafe int Compare(ulong* x, ulong* y, int n)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
        }
        return 0;
    }

    /// <summary>
    /// floor((2^128 - 1) / d) - 2^64 for a normalised d (top bit set): the Möller-Granlund reciprocal.
    /// Written as the 128/64 division (~d : 2^64-1) / d, whose high word ~d is below d so the quotient fits 64 bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Reciprocal(ulong d)
    {
        if (X86Base.X64.IsSupported)
        {
            // SYSLIB5004: DivRem is marked "for evaluation"; it is the plain `div` instruction, and the operands
            // satisfy its precondition (high word < divisor), so it cannot fault. The portable path is below.
#pragma warning disable SYSLIB5004
            return X86Base.X64.DivRem(ulong.MaxValue, ~d, d).Quotient;
#pragma warning restore SYSLIB5004
        }
        return (ulong)(new UInt128(~d, ulong.MaxValue) / d);
    }

    /// <summary>
    /// (u1 : u0) / d for normalised d and u1 &lt; d, with v = Reciprocal(d): returns the quotient, r the remainder.
    /// Möller-Granlund algorithm 4; all arithmetic is mod 2^64, the two corrections fix the estimate.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong DivideStep(ulong u1, ulong u0, ulong d, ulong v, out ulong r)
    {
        ulong qh = Mul64(v, u1, out ulong ql);
        ql += u0;
        qh += u1 + 1 + (ql < u0 ? 1UL : 0UL);
        ulong rem = u0 - qh * d;
        if (rem > ql)
        {
            qh--;
            rem += d;
        }
        if (rem >= d)
        {
            // Rare (probability ~2^-64 per step in the paper's analysis), kept out of the common path's way.
            qh++;
            rem -= d;
        }
        r = rem;
        return qh;
    }

    /// <summary>
    /// Divides u[0..un) by the single limb d != 0. Writes un quotient limbs to q (if not null; q may equal u) and
    /// returns the remainder.
    /// </summary>
    private static unsafe ulong DivRemByLimb(ulong* u, int un, ulong d, ulong* q)
    {
        int s = BitOperations.LeadingZeroCount(d);
        ulong dn = d << s;
        ulong v = Reciprocal(dn);
        ulong r = 0;
        if (s == 0)
        {
            for (int i = un - 1; i >= 0; i--)
            {
                ulong qi = DivideStep(r, u[i], dn, v, out r);
                if (q != null) q[i] = qi;
            }
            return r;
        }

        // Shift the dividend left by s on the fly: limb i of the shifted value is u[i] << s | u[i-1] >> (64-s).
        // The bits shifted out of the top limb start the remainder; they are below 2^s <= dn.
        int rs = 64 - s;
        r = u[un - 1] >> rs;
        for (int i = un - 1; i >= 0; i--)
        {
            ulong lower = i > 0 ? u[i - 1] : 0;
            ulong limb = (u[i] << s) | (lower >> rs);
            ulong qi = DivideStep(r, limb, dn, v, out r);
            if (q != null) q[i] = qi;
        }
        return r >> s;
    }

    // w[0..n] -= q * v[0..n) for n = 2, 3, 4, unrolled (the JIT does not unroll a variable-length loop, and this
    // is the inner loop of MULMOD and of every multi-limb DIV/MOD: unrolling it halved MULMOD's time). Each returns
    // the borrow out of the top limb: 1 means the result went negative and qhat was one too large.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong SubtractMultiple2(ulong* w, ulong* v, ulong q)
    {
        ulong borrow = 0, c, l;
        c = Mul64(q, v[0], out l);
        ulong w0 = SubtractWithBorrow(w[0], l, ref borrow);
        c = MulAdd(q, v[1], c, out l);
        ulong w1 = SubtractWithBorrow(w[1], l, ref borrow);
        ulong w2 = SubtractWithBorrow(w[2], c, ref borrow);
        w[0] = w0; w[1] = w1; w[2] = w2;
        return borrow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong SubtractMultiple3(ulong* w, ulong* v, ulong q)
    {
        ulong borrow = 0, c, l;
        c = Mul64(q, v[0], out l);
        ulong w0 = SubtractWithBorrow(w[0], l, ref borrow);
        c = MulAdd(q, v[1], c, out l);
        ulong w1 = SubtractWithBorrow(w[1], l, ref borrow);
        c = MulAdd(q, v[2], c, out l);
        ulong w2 = SubtractWithBorrow(w[2], l, ref borrow);
        ulong w3 = SubtractWithBorrow(w[3], c, ref borrow);
        w[0] = w0; w[1] = w1; w[2] = w2; w[3] = w3;
        return borrow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong SubtractMultiple4(ulong* w, ulong* v, ulong q)
    {
        ulong borrow = 0, c, l;
        c = Mul64(q, v[0], out l);
        ulong w0 = SubtractWithBorrow(w[0], l, ref borrow);
        c = MulAdd(q, v[1], c, out l);
        ulong w1 = SubtractWithBorrow(w[1], l, ref borrow);
        c = MulAdd(q, v[2], c, out l);
        ulong w2 = SubtractWithBorrow(w[2], l, ref borrow);
        c = MulAdd(q, v[3], c, out l);
        ulong w3 = SubtractWithBorrow(w[3], l, ref borrow);
        ulong w4 = SubtractWithBorrow(w[4], c, ref borrow);
        w[0] = w0; w[1] = w1; w[2] = w2; w[3] = w3; w[4] = w4;
        return borrow;
    }

    /// <summary>
    /// Knuth's algorithm D: u[0..un) / v[0..vn) with 2 &lt;= vn &lt;= 4, v[vn-1] != 0 and un &gt;= vn, un &lt;= 8.
    /// Writes un - vn + 1 quotient limbs to q and vn remainder limbs to r (each only if not null). u and v are
    /// only read.
    /// </summary>
    [SkipLocalsInit]
    private static unsafe void DivRemKnuth(ulong* u, int un, ulong* v, int vn, ulong* q, ulong* r)
    {
        // D1: normalise so the top divisor limb has its top bit set; the dividend grows by one limb.
        int s = BitOperations.LeadingZeroCount(v[vn - 1]);
        ulong* vs = stackalloc ulong[4];
        ulong* us = stackalloc ulong[9];
        if (s == 0)
        {
            for (int i = 0; i < vn; i++) vs[i] = v[i];
            for (int i = 0; i < un; i++) us[i] = u[i];
            us[un] = 0;
        }
        else
        {
            int rs = 64 - s;
            for (int i = vn - 1; i > 0; i--) vs[i] = (v[i] << s) | (v[i - 1] >> rs);
            vs[0] = v[0] << s;
            us[un] = u[un - 1] >> rs;
            for (int i = un - 1; i > 0; i--) us[i] = (u[i] << s) | (u[i - 1] >> rs);
            us[0] = u[0] << s;
        }

        ulong vTop = vs[vn - 1], vNext = vs[vn - 2];
        // Measured: using the hardware divide per limb instead of the reciprocal for one-limb quotients (256/256)
        // made no difference on this machine's fast divider, so there is a single path.
        ulong recip = Reciprocal(vTop);

        for (int j = un - vn; j >= 0; j--)
        {
            // D3: estimate qhat from the top two dividend limbs and the top divisor limb, then refine it with the
            // next limb of each; afterwards qhat is the true quotient digit or one too large.
            ulong uTop = us[j + vn], uMid = us[j + vn - 1], uLow = us[j + vn - 2];
            ulong qhat, rhat;
            bool rhatOverflow;
            if (uTop >= vTop)
            {
                // Only uTop == vTop is possible (the running remainder is below v); the digit is capped at 2^64-1.
                qhat = ulong.MaxValue;
                rhat = uMid + vTop;
                rhatOverflow = rhat < vTop;
            }
            else
            {
                qhat = DivideStep(uTop, uMid, vTop, recip, out rhat);
                rhatOverflow = false;
            }
            while (!rhatOverflow)
            {
                ulong ph = Mul64(qhat, vNext, out ulong pl);
                if (ph < rhat || (ph == rhat && pl <= uLow)) break;
                qhat--;
                rhat += vTop;
                rhatOverflow = rhat < vTop;
            }

            // D4: subtract qhat * v from the window us[j .. j+vn]; a borrow out means qhat was one too large.
            ulong negative = vn switch
            {
                4 => SubtractMultiple4(us + j, vs, qhat),
                3 => SubtractMultiple3(us + j, vs, qhat),
                _ => SubtractMultiple2(us + j, vs, qhat),
            };

            if (negative != 0)
            {
                // D6: qhat was one too large (probability ~2/2^64): add v back once; the carry out cancels the borrow.
                qhat--;
                ulong c = 0;
                for (int i = 0; i < vn; i++) us[i + j] = AddWithCarry(us[i + j], vs[i], ref c);
                us[j + vn] += c;
            }

            if (q != null) q[j] = qhat;
        }

        // D8: the remainder is the low vn limbs, shifted back.
        if (r != null)
        {
            if (s == 0)
            {
                for (int i = 0; i < vn; i++) r[i] = us[i];
            }
            else
            {
                int rs = 64 - s;
                for (int i = 0; i < vn; i++) r[i] = (us[i] >> s) | (us[i + 1] << rs);
            }
        }
    }
}
