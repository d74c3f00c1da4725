using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>A 768-bit product a·b (twelve little-endian limbs) before Montgomery reduction.</summary>
internal readonly struct FpWide(ulong t0, ulong t1, ulong t2, ulong t3, ulong t4, ulong t5, ulong t6, ulong t7, ulong t8, ulong t9, ulong t10, ulong t11)
{
    public readonly ulong T0 = t0, T1 = t1, T2 = t2, T3 = t3, T4 = t4, T5 = t5, T6 = t6, T7 = t7, T8 = t8, T9 = t9, T10 = t10, T11 = t11;
}

/// <summary>
/// Products without reduction, for lazy reduction in Fp2 (Karatsuba needs three products but only two reductions).
/// Inputs may be unreduced sums below 2^382; every value handed to <see cref="Reduce"/> must be below p·2^384.
/// Written out limb by limb like Mul: the ~10% Fp2 gain in the Bls12381 benchmarks was measured on
/// this unrolled form, so the repeated rows are deliberate.
/// </summary>
internal readonly partial struct Fp
{
    /// <summary>The full product of two 6-limb values (operand scanning).</summary>
    public static FpWide MulWide(in Fp a, in Fp b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0, t7 = 0, t8 = 0, t9 = 0, t10 = 0, t11 = 0, c;
        c = 0;
        c = MulAdd(a.L0, b.L0, t0, c, out t0);
        c = MulAdd(a.L1, b.L0, t1, c, out t1);
        c = MulAdd(a.L2, b.L0, t2, c, out t2);
        c = MulAdd(a.L3, b.L0, t3, c, out t3);
        c = MulAdd(a.L4, b.L0, t4, c, out t4);
        c = MulAdd(a.L5, b.L0, t5, c, out t5);
        t6 = c;
        c = 0;
        c = MulAdd(a.L0, b.L1, t1, c, out t1);
        c = MulAdd(a.L1, b.L1, t2, c, out t2);
        c = MulAdd(a.L2, b.L1, t3, c, out t3);
        c = MulAdd(a.L3, b.L1, t4, c, out t4);
        c = MulAdd(a.L4, b.L1, t5, c, out t5);
        c = MulAdd(a.L5, b.L1, t6, c, out t6);
        t7 = c;
        c = 0;
        c = MulAdd(a.L0, b.L2, t2, c, out t2);
        c = MulAdd(a.L1, b.L2, t3, c, out t3);
        c = MulAdd(a.L2, b.L2, t4, c, out t4);
        c = MulAdd(a.L3, b.L2, t5, c, out t5);
        c = MulAdd(a.L4, b.L2, t6, c, out t6);
        c = MulAdd(a.L5, b.L2, t7, c, out t7);
        t8 = c;
        c = 0;
        c = MulAdd(a.L0, b.L3, t3, c, out t3);
        c = MulAdd(a.L1, b.L3, t4, c, out t4);
        c = MulAdd(a.L2, b.L3, t5, c, out t5);
        c = MulAdd(a.L3, b.L3, t6, c, out t6);
        c = MulAdd(a.L4, b.L3, t7, c, out t7);
        c = MulAdd(a.L5, b.L3, t8, c, out t8);
        t9 = c;
        c = 0;
        c = MulAdd(a.L0, b.L4, t4, c, out t4);
        c = MulAdd(a.L1, b.L4, t5, c, out t5);
        c = MulAdd(a.L2, b.L4, t6, c, out t6);
        c = MulAdd(a.L3, b.L4, t7, c, out t7);
        c = MulAdd(a.L4, b.L4, t8, c, out t8);
        c = MulAdd(a.L5, b.L4, t9, c, out t9);
        t10 = c;
        c = 0;
        c = MulAdd(a.L0, b.L5, t5, c, out t5);
        c = MulAdd(a.L1, b.L5, t6, c, out t6);
        c = MulAdd(a.L2, b.L5, t7, c, out t7);
        c = MulAdd(a.L3, b.L5, t8, c, out t8);
        c = MulAdd(a.L4, b.L5, t9, c, out t9);
        c = MulAdd(a.L5, b.L5, t10, c, out t10);
        t11 = c;
        return new FpWide(t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, t10, t11);
    }

    /// <summary>Montgomery reduction t·R^-1 mod p of t &lt; p·R (SOS: the result is below 2p before one subtraction).</summary>
    public static Fp Reduce(in FpWide t)
    {
        ulong t0 = t.T0, t1 = t.T1, t2 = t.T2, t3 = t.T3, t4 = t.T4, t5 = t.T5, t6 = t.T6, t7 = t.T7, t8 = t.T8, t9 = t.T9, t10 = t.T10, t11 = t.T11;
        ulong m, c, s, top = 0, k;
        m = t0 * Inv;
        c = MulAdd(m, P0, t0, out _);
        c = MulAdd(m, P1, t1, c, out t1);
        c = MulAdd(m, P2, t2, c, out t2);
        c = MulAdd(m, P3, t3, c, out t3);
        c = MulAdd(m, P4, t4, c, out t4);
        c = MulAdd(m, P5, t5, c, out t5);
        s = t6 + c;
        k = s < c ? 1UL : 0UL;
        t6 = s + top;
        top = k + (t6 < s ? 1UL : 0UL);
        m = t1 * Inv;
        c = MulAdd(m, P0, t1, out _);
        c = MulAdd(m, P1, t2, c, out t2);
        c = MulAdd(m, P2, t3, c, out t3);
        c = MulAdd(m, P3, t4, c, out t4);
        c = MulAdd(m, P4, t5, c, out t5);
        c = MulAdd(m, P5, t6, c, out t6);
        s = t7 + c;
        k = s < c ? 1UL : 0UL;
        t7 = s + top;
        top = k + (t7 < s ? 1UL : 0UL);
        m = t2 * Inv;
        c = MulAdd(m, P0, t2, out _);
        c = MulAdd(m, P1, t3, c, out t3);
        c = MulAdd(m, P2, t4, c, out t4);
        c = MulAdd(m, P3, t5, c, out t5);
        c = MulAdd(m, P4, t6, c, out t6);
        c = MulAdd(m, P5, t7, c, out t7);
        s = t8 + c;
        k = s < c ? 1UL : 0UL;
        t8 = s + top;
        top = k + (t8 < s ? 1UL : 0UL);
        m = t3 * Inv;
        c = MulAdd(m, P0, t3, out _);
        c = MulAdd(m, P1, t4, c, out t4);
        c = MulAdd(m, P2, t5, c, out t5);
        c = MulAdd(m, P3, t6, c, out t6);
        c = MulAdd(m, P4, t7, c, out t7);
        c = MulAdd(m, P5, t8, c, out t8);
        s = t9 + c;
        k = s < c ? 1UL : 0UL;
        t9 = s + top;
        top = k + (t9 < s ? 1UL : 0UL);
        m = t4 * Inv;
        c = MulAdd(m, P0, t4, out _);
        c = MulAdd(m, P1, t5, c, out t5);
        c = MulAdd(m, P2, t6, c, out t6);
        c = MulAdd(m, P3, t7, c, out t7);
        c = MulAdd(m, P4, t8, c, out t8);
        c = MulAdd(m, P5, t9, c, out t9);
        s = t10 + c;
        k = s < c ? 1UL : 0UL;
        t10 = s + top;
        top = k + (t10 < s ? 1UL : 0UL);
        m = t5 * Inv;
        c = MulAdd(m, P0, t5, out _);
        c = MulAdd(m, P1, t6, c, out t6);
        c = MulAdd(m, P2, t7, c, out t7);
        c = MulAdd(m, P3, t8, c, out t8);
        c = MulAdd(m, P4, t9, c, out t9);
        c = MulAdd(m, P5, t10, c, out t10);
        s = t11 + c;
        k = s < c ? 1UL : 0UL;
        t11 = s + top;
        top = k + (t11 < s ? 1UL : 0UL);
        return ReduceOnce(t6, t7, t8, t9, t10, t11);
    }

    /// <summary>a + b without the final reduction (below 2p &lt; 2^382): an input to <see cref="MulWide"/>.</summary>
    public static Fp AddUnreduced(in Fp a, in Fp b)
    {
        ulong c = 0;
        ulong s0 = AddC(a.L0, b.L0, ref c), s1 = AddC(a.L1, b.L1, ref c), s2 = AddC(a.L2, b.L2, ref c);
        ulong s3 = AddC(a.L3, b.L3, ref c), s4 = AddC(a.L4, b.L4, ref c), s5 = a.L5 + b.L5 + c;
        return new Fp(s0, s1, s2, s3, s4, s5);
    }

    /// <summary>a - b on 768-bit values, adding p·2^384 when b &gt; a (both below p^2, so the result stays below p·R).</summary>
    public static FpWide SubWideModP(in FpWide a, in FpWide b)
    {
        ulong br = 0;
        ulong d0 = SubB(a.T0, b.T0, ref br);
        ulong d1 = SubB(a.T1, b.T1, ref br);
        ulong d2 = SubB(a.T2, b.T2, ref br);
        ulong d3 = SubB(a.T3, b.T3, ref br);
        ulong d4 = SubB(a.T4, b.T4, ref br);
        ulong d5 = SubB(a.T5, b.T5, ref br);
        ulong d6 = SubB(a.T6, b.T6, ref br);
        ulong d7 = SubB(a.T7, b.T7, ref br);
        ulong d8 = SubB(a.T8, b.T8, ref br);
        ulong d9 = SubB(a.T9, b.T9, ref br);
        ulong d10 = SubB(a.T10, b.T10, ref br);
        ulong d11 = SubB(a.T11, b.T11, ref br);
        if (br != 0)
        {
            ulong c = 0;
            d6 = AddC(d6, P0, ref c);
            d7 = AddC(d7, P1, ref c);
            d8 = AddC(d8, P2, ref c);
            d9 = AddC(d9, P3, ref c);
            d10 = AddC(d10, P4, ref c);
            d11 = AddC(d11, P5, ref c);
        }
        return new FpWide(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11);
    }

    /// <summary>a - b - c on 768-bit values known to stay non-negative (Karatsuba cross term a0·b1 + a1·b0).</summary>
    public static FpWide SubWide2(in FpWide a, in FpWide b, in FpWide c)
    {
        ulong br = 0;
        ulong d0 = SubB(a.T0, b.T0, ref br);
        ulong d1 = SubB(a.T1, b.T1, ref br);
        ulong d2 = SubB(a.T2, b.T2, ref br);
        ulong d3 = SubB(a.T3, b.T3, ref br);
        ulong d4 = SubB(a.T4, b.T4, ref br);
        ulong d5 = SubB(a.T5, b.T5, ref br);
        ulong d6 = SubB(a.T6, b.T6, ref br);
        ulong d7 = SubB(a.T7, b.T7, ref br);
        ulong d8 = SubB(a.T8, b.T8, ref br);
        ulong d9 = SubB(a.T9, b.T9, ref br);
        ulong d10 = SubB(a.T10, b.T10, ref br);
        ulong d11 = SubB(a.T11, b.T11, ref br);
        br = 0;
        d0 = SubB(d0, c.T0, ref br);
        d1 = SubB(d1, c.T1, ref br);
        d2 = SubB(d2, c.T2, ref br);
        d3 = SubB(d3, c.T3, ref br);
        d4 = SubB(d4, c.T4, ref br);
        d5 = SubB(d5, c.T5, ref br);
        d6 = SubB(d6, c.T6, ref br);
        d7 = SubB(d7, c.T7, ref br);
        d8 = SubB(d8, c.T8, ref br);
        d9 = SubB(d9, c.T9, ref br);
        d10 = SubB(d10, c.T10, ref br);
        d11 = SubB(d11, c.T11, ref br);
        return new FpWide(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11);
    }
}
