using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace OasisEth.Evm.Precompiles.Bn254;

/// <summary>
/// An element of the BN254 base field F_p, p = 36u^4 + 36u^3 + 24u^2 + 6u + 1 with u = 4965661367192848881
/// (p = 21888242871839275222246405745257275088696311157297823662689037894645226208583), held in Montgomery form
/// a·R mod p, R = 2^256, as four little-endian 64-bit limbs. Every value is fully reduced (&lt; p), so limb
/// equality is field equality.
/// </summary>
internal readonly struct Fp : ICurveField<Fp>
{
    // p, little-endian limbs.
    internal const ulong P0 = 0x3c208c16d87cfd47, P1 = 0x97816a916871ca8d, P2 = 0xb85045b68181585d, P3 = 0x30644e72e131a029;

    /// <summary>-p^-1 mod 2^64, the Montgomery reduction factor.</summary>
    private const ulong PInvNeg = 0x87d20782e4866389;

    public readonly ulong L0, L1, L2, L3;

    public Fp(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        L0 = l0;
        L1 = l1;
        L2 = l2;
        L3 = l3;
    }

    public static Fp Zero => default;

    /// <summary>1 in Montgomery form: R mod p.</summary>
    public static Fp One => new(0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f);

    /// <summary>R^2 mod p: Montgomery-multiplying a plain value by it converts the value into Montgomery form.</summary>
    private static Fp R2 => new(0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6, 0x06d89f71cab8351f);

    /// <summary>R^3 mod p: turns the plain inverse of a Montgomery value back into Montgomery form (see <see cref="Inverse"/>).</summary>
    private static Fp R3 => new(0xb1cd6dafda1530df, 0x62f210e6a7283db6, 0xef7f0b0c0ada0afb, 0x20fd6e902d592544);

    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    /// <summary>A small non-negative integer, e.g. the curve constant 3.</summary>
    public static Fp FromUlong(ulong value) => Multiply(new Fp(value, 0, 0, 0), R2);

    /// <summary>
    /// Reads a 32-byte big-endian integer; false when it is not below p (the precompiles reject such coordinates
    /// rather than reducing them).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bigEndian32, out Fp value)
    {
        ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian32);
        ulong l2 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian32[8..]);
        ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian32[16..]);
        ulong l0 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian32[24..]);
        var raw = new Fp(l0, l1, l2, l3);
        if (!IsBelowModulus(raw))
        {
            value = default;
            return false;
        }
        value = Multiply(raw, R2);
        return true;
    }

    /// <summary>Writes the canonical 32-byte big-endian integer (leaves Montgomery form).</summary>
    public void Write(Span<byte> bigEndian32)
    {
        Fp raw = Multiply(this, new Fp(1, 0, 0, 0));
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian32, raw.L3);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian32[8..], raw.L2);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian32[16..], raw.L1);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian32[24..], raw.L0);
    }

    // The curve code's names for three operations this field's own code calls by their long names; inlined like
    // the operations themselves, so JacobianPoint<Fp> compiles to what calling them directly did.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool ICurveField<Fp>.Equal(in Fp a, in Fp b) => AreEqual(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Fp ICurveField<Fp>.Sub(in Fp a, in Fp b) => Subtract(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Fp ICurveField<Fp>.Mul(in Fp a, in Fp b) => Multiply(a, b);

    public static bool AreEqual(in Fp a, in Fp b) =>
        ((a.L0 ^ b.L0) | (a.L1 ^ b.L1) | (a.L2 ^ b.L2) | (a.L3 ^ b.L3)) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Add(in Fp a, in Fp b)
    {
        // p < 2^254, so the sum of two reduced values fits 256 bits and needs at most one subtraction of p.
        ulong carry = 0;
        ulong s0 = AddWithCarry(a.L0, b.L0, ref carry);
        ulong s1 = AddWithCarry(a.L1, b.L1, ref carry);
        ulong s2 = AddWithCarry(a.L2, b.L2, ref carry);
        ulong s3 = AddWithCarry(a.L3, b.L3, ref carry);
        return ReduceOnce(s0, s1, s2, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Double(in Fp a) => Add(a, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Subtract(in Fp a, in Fp b)
    {
        ulong borrow = 0;
        ulong d0 = SubtractWithBorrow(a.L0, b.L0, ref borrow);
        ulong d1 = SubtractWithBorrow(a.L1, b.L1, ref borrow);
        ulong d2 = SubtractWithBorrow(a.L2, b.L2, ref borrow);
        ulong d3 = SubtractWithBorrow(a.L3, b.L3, ref borrow);
        // On borrow add p back; the mask keeps this branch-free.
        ulong mask = 0 - borrow;
        ulong carry = 0;
        d0 = AddWithCarry(d0, P0 & mask, ref carry);
        d1 = AddWithCarry(d1, P1 & mask, ref carry);
        d2 = AddWithCarry(d2, P2 & mask, ref carry);
        d3 = AddWithCarry(d3, P3 & mask, ref carry);
        return new Fp(d0, d1, d2, d3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Negate(in Fp a) => a.IsZero ? a : Subtract(default, a);

    /// <summary>
    /// Montgomery product a·b·R^-1 mod p by word-wise (CIOS) reduction. Because p's top limb is below 2^62 the
    /// running sum never needs a fifth word (the "no-carry" variant), which saves a carry chain per round.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Multiply(in Fp a, in Fp b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        Round(b.L0, a, ref t0, ref t1, ref t2, ref t3);
        Round(b.L1, a, ref t0, ref t1, ref t2, ref t3);
        Round(b.L2, a, ref t0, ref t1, ref t2, ref t3);
        Round(b.L3, a, ref t0, ref t1, ref t2, ref t3);
        return ReduceOnce(t0, t1, t2, t3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Square(in Fp a) => Multiply(a, a);

    /// <summary>t = (t + a·y + m·p) / 2^64 with m chosen so the division is exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ulong y, in Fp a, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3)
    {
        ulong carryA = MulAdd(y, a.L0, t0, 0, out t0);
        ulong m = t0 * PInvNeg;
        ulong carryM = MulAdd(m, P0, t0, 0, out _);

        carryA = MulAdd(y, a.L1, t1, carryA, out t1);
        carryM = MulAdd(m, P1, t1, carryM, out t0);

        carryA = MulAdd(y, a.L2, t2, carryA, out t2);
        carryM = MulAdd(m, P2, t2, carryM, out t1);

        carryA = MulAdd(y, a.L3, t3, carryA, out t3);
        carryM = MulAdd(m, P3, t3, carryM, out t2);

        t3 = carryM + carryA;
    }

    /// <summary>hi:lo = a·b + c + d; cannot overflow 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        ulong l;
        ulong hi;
        if (Bmi2.X64.IsSupported)
        {
            // MULX for the high half and a plain multiply for the low half keep both in registers; Math.BigMul
            // returns the low half through memory, which costs a store/load per product and a zeroed frame.
            hi = Bmi2.X64.MultiplyNoFlags(a, b);
            l = a * b;
        }
        else
        {
            hi = Math.BigMul(a, b, out l);
        }
        l += c;
        hi += l < c ? 1UL : 0UL;
        l += d;
        hi += l < d ? 1UL : 0UL;
        lo = l;
        return hi;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddWithCarry(ulong x, ulong y, ref ulong carry)
    {
        ulong sum = x + y + carry;
        carry = ((x & y) | ((x | y) & ~sum)) >> 63;
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubtractWithBorrow(ulong x, ulong y, ref ulong borrow)
    {
        ulong diff = x - y - borrow;
        borrow = ((~x & y) | (~(x ^ y) & diff)) >> 63;
        return diff;
    }

    /// <summary>Maps [0, 2p) to [0, p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp ReduceOnce(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        ulong borrow = 0;
        ulong d0 = SubtractWithBorrow(s0, P0, ref borrow);
        ulong d1 = SubtractWithBorrow(s1, P1, ref borrow);
        ulong d2 = SubtractWithBorrow(s2, P2, ref borrow);
        ulong d3 = SubtractWithBorrow(s3, P3, ref borrow);
        // borrow = 1: s < p, keep s.
        ulong keep = 0 - borrow;
        return new Fp(
            (s0 & keep) | (d0 & ~keep),
            (s1 & keep) | (d1 & ~keep),
            (s2 & keep) | (d2 & ~keep),
            (s3 & keep) | (d3 & ~keep));
    }

    private static bool IsBelowModulus(in Fp raw)
    {
        ulong borrow = 0;
        SubtractWithBorrow(raw.L0, P0, ref borrow);
        SubtractWithBorrow(raw.L1, P1, ref borrow);
        SubtractWithBorrow(raw.L2, P2, ref borrow);
        SubtractWithBorrow(raw.L3, P3, ref borrow);
        return borrow == 1;
    }

    /// <summary>
    /// a^-1 by the binary extended Euclidean algorithm on the plain integers: several times faster than
    /// Fermat's a^(p-2), and every input here is public, so its data-dependent timing does not matter.
    /// Inverting the Montgomery value aR gives a^-1·R^-1; one Montgomery product with R^3 lifts it to a^-1·R.
    /// Zero maps to zero.
    /// </summary>
    public static Fp Inverse(in Fp a)
    {
        if (a.IsZero) return a;

        // Invariants: x1·a ≡ u, x2·a ≡ v (mod p), with u, v odd or being halved.
        ulong u0 = a.L0, u1 = a.L1, u2 = a.L2, u3 = a.L3;
        ulong v0 = P0, v1 = P1, v2 = P2, v3 = P3;
        ulong x0 = 1, x1 = 0, x2 = 0, x3 = 0; // coefficient of u
        ulong y0 = 0, y1 = 0, y2 = 0, y3 = 0; // coefficient of v

        while (!IsOne(u0, u1, u2, u3) && !IsOne(v0, v1, v2, v3))
        {
            while ((u0 & 1) == 0) StripTwos(ref u0, ref u1, ref u2, ref u3, ref x0, ref x1, ref x2, ref x3);
            while ((v0 & 1) == 0) StripTwos(ref v0, ref v1, ref v2, ref v3, ref y0, ref y1, ref y2, ref y3);

            // Subtract the smaller from the larger; both stay positive and the larger becomes even.
            ulong borrow = 0;
            ulong d0 = SubtractWithBorrow(u0, v0, ref borrow);
            ulong d1 = SubtractWithBorrow(u1, v1, ref borrow);
            ulong d2 = SubtractWithBorrow(u2, v2, ref borrow);
            ulong d3 = SubtractWithBorrow(u3, v3, ref borrow);
            if (borrow == 0)
            {
                u0 = d0; u1 = d1; u2 = d2; u3 = d3;
                Fp x = Subtract(new Fp(x0, x1, x2, x3), new Fp(y0, y1, y2, y3));
                x0 = x.L0; x1 = x.L1; x2 = x.L2; x3 = x.L3;
            }
            else
            {
                borrow = 0;
                v0 = SubtractWithBorrow(v0, u0, ref borrow);
                v1 = SubtractWithBorrow(v1, u1, ref borrow);
                v2 = SubtractWithBorrow(v2, u2, ref borrow);
                v3 = SubtractWithBorrow(v3, u3, ref borrow);
                Fp y = Subtract(new Fp(y0, y1, y2, y3), new Fp(x0, x1, x2, x3));
                y0 = y.L0; y1 = y.L1; y2 = y.L2; y3 = y.L3;
            }
        }

        Fp plainInverse = IsOne(u0, u1, u2, u3) ? new Fp(x0, x1, x2, x3) : new Fp(y0, y1, y2, y3);
        return Multiply(plainInverse, R3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsOne(ulong l0, ulong l1, ulong l2, ulong l3) => l0 == 1 && (l1 | l2 | l3) == 0;

    /// <summary>
    /// Divides the even value u by 2^k (k = its trailing zeros, at most 63 per call) and its coefficient x by
    /// 2^k mod p in one step, instead of k single-bit halvings: x + m·p with m = -x·p^-1 mod 2^k is divisible by
    /// 2^k, and the quotient is below 2p, so one conditional subtraction reduces it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StripTwos(
        ref ulong u0, ref ulong u1, ref ulong u2, ref ulong u3, ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3)
    {
        int k = BitOperations.TrailingZeroCount(u0 | (1UL << 63));
        int back = 64 - k;
        u0 = (u0 >> k) | (u1 << back);
        u1 = (u1 >> k) | (u2 << back);
        u2 = (u2 >> k) | (u3 << back);
        u3 >>= k;

        ulong m = (x0 * PInvNeg) & ((1UL << k) - 1);
        ulong carry = MulAdd(m, P0, x0, 0, out ulong s0);
        carry = MulAdd(m, P1, x1, carry, out ulong s1);
        carry = MulAdd(m, P2, x2, carry, out ulong s2);
        ulong s4 = MulAdd(m, P3, x3, carry, out ulong s3);
        Fp reduced = ReduceOnce(
            (s0 >> k) | (s1 << back),
            (s1 >> k) | (s2 << back),
            (s2 >> k) | (s3 << back),
            (s3 >> k) | (s4 << back));
        x0 = reduced.L0;
        x1 = reduced.L1;
        x2 = reduced.L2;
        x3 = reduced.L3;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        Write(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
