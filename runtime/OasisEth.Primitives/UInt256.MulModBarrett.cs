using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

// MULMOD by a modulus of four limbs (m >= 2^192) through Barrett reduction (Menezes, van Oorschot, Vanstone,
// Handbook of Applied Cryptography, algorithm 14.42) with mu = floor(2^512 / m) kept per thread for the last modulus.
// Modular-arithmetic contracts (elliptic-curve code: weierstrudel, pairing and signature verifiers) use one or two
// moduli millions of times; Knuth's division then spends five dependent quotient steps per product, while Barrett's
// two multiplications have no such chain. Exact: the result is the same as the division's for every input (the
// correction loop makes it so), checked against DivRemKnuth by tests over random and edge operands.
public readonly partial struct UInt256
{
    /// <summary>The last modulus and its mu, per thread: an EVM execution runs on one thread.</summary>
    private sealed class BarrettConstant
    {
        public UInt256 Modulus;
        public ulong Mu0, Mu1, Mu2, Mu3, Mu4;
    }

    [ThreadStatic] private static BarrettConstant? t_barrett;

    /// <summary>(x * y) mod m for m with a non-zero top limb that is not a power of two; x and y any values.</summary>
    [SkipLocalsInit]
    private static unsafe UInt256 MulModBarrett(in UInt256 x, in UInt256 y, in UInt256 m)
    {
        BarrettConstant c = t_barrett ??= new BarrettConstant();
        if (!c.Modulus.Equals(m)) SetBarrett(c, m);

        ulong* p = stackalloc ulong[8];
        Multiply512(x, y, p);

        // q1 = p >> 192 (five limbs), q3 = (q1 * mu) >> 320 (five limbs: only the top half of the 10-limb product).
        ulong* q2 = stackalloc ulong[10];
        MultiplyFiveByFive(p + 3, c, q2);

        // r = (p - q3 * m) mod 2^320; then r < 3m, so at most two subtractions of m.
        ulong m0 = m.u0, m1 = m.u1, m2 = m.u2, m3 = m.u3;
        ulong q0 = q2[5], q1 = q2[6], q2b = q2[7], q3 = q2[8], q4 = q2[9];
        // q3 * m, low five limbs only.
        ulong carry, t0, t1, t2, t3, t4;
        carry = Mul64(q0, m0, out t0);
        carry = MulAdd(q0, m1, carry, out t1);
        carry = MulAdd(q0, m2, carry, out t2);
        t4 = MulAdd(q0, m3, carry, out t3);

        carry = MulAdd(q1, m0, t1, out t1);
        carry = MulAdd(q1, m1, t2, carry, out t2);
        carry = MulAdd(q1, m2, t3, carry, out t3);
        t4 += q1 * m3 + carry;

        carry = MulAdd(q2b, m0, t2, out t2);
        carry = MulAdd(q2b, m1, t3, carry, out t3);
        t4 += q2b * m2 + carry;

        carry = MulAdd(q3, m0, t3, out t3);
        t4 += q3 * m1 + carry;

        t4 += q4 * m0;

        ulong borrow = 0;
        ulong r0 = SubtractWithBorrow(p[0], t0, ref borrow);
        ulong r1 = SubtractWithBorrow(p[1], t1, ref borrow);
        ulong r2 = SubtractWithBorrow(p[2], t2, ref borrow);
        ulong r3 = SubtractWithBorrow(p[3], t3, ref borrow);
        ulong r4 = p[4] - t4 - borrow;

        while (r4 != 0 || !LessThan(new UInt256(r0, r1, r2, r3), m))
        {
            borrow = 0;
            r0 = SubtractWithBorrow(r0, m0, ref borrow);
            r1 = SubtractWithBorrow(r1, m1, ref borrow);
            r2 = SubtractWithBorrow(r2, m2, ref borrow);
            r3 = SubtractWithBorrow(r3, m3, ref borrow);
            r4 -= borrow;
        }
        return new UInt256(r0, r1, r2, r3);
    }

    /// <summary>True when MULMOD by <paramref name="m"/> goes through <see cref="MulModBarrett"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool BarrettApplies(in UInt256 m) =>
        m.u3 != 0 && (m.u3 & (m.u3 - 1) | m.u2 | m.u1 | m.u0) != 0;

    /// <summary>mu = floor(2^512 / m) = floor((2^512 - 1) / m), m not a power of two; below 2^320 as m > 2^192.</summary>
    [SkipLocalsInit]
    private static unsafe void SetBarrett(BarrettConstant c, in UInt256 m)
    {
        ulong* ones = stackalloc ulong[8];
        for (int i = 0; i < 8; i++) ones[i] = ulong.MaxValue;
        UInt256 divisor = m;
        ulong* mu = stackalloc ulong[5];
        DivRemKnuth(ones, 8, (ulong*)&divisor, 4, mu, null);
        c.Mu0 = mu[0]; c.Mu1 = mu[1]; c.Mu2 = mu[2]; c.Mu3 = mu[3]; c.Mu4 = mu[4];
        c.Modulus = m;
    }

    /// <summary>The 10-limb product of five limbs <paramref name="a"/> and the constant's mu.</summary>
    private static unsafe void MultiplyFiveByFive(ulong* a, BarrettConstant c, ulong* r)
    {
        ulong b0 = c.Mu0, b1 = c.Mu1, b2 = c.Mu2, b3 = c.Mu3, b4 = c.Mu4;
        for (int i = 0; i < 10; i++) r[i] = 0;
        for (int i = 0; i < 5; i++)
        {
            ulong ai = a[i];
            ulong carry;
            carry = MulAdd(ai, b0, r[i], out r[i]);
            carry = MulAdd(ai, b1, r[i + 1], carry, out r[i + 1]);
            carry = MulAdd(ai, b2, r[i + 2], carry, out r[i + 2]);
            carry = MulAdd(ai, b3, r[i + 3], carry, out r[i + 3]);
            carry = MulAdd(ai, b4, r[i + 4], carry, out r[i + 4]);
            r[i + 5] = carry;
        }
    }
}
