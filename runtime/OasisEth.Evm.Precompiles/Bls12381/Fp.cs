using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace OasisEth.Evm.Precompiles.Bls12381;

/// <summary>
/// An element of the BLS12-381 base field Fp (p is 381 bits), kept in Montgomery form (a·R mod p, R = 2^384) in six
/// little-endian 64-bit limbs. Every value is fully reduced (&lt; p), so equality is limb equality.
/// Multiplication is CIOS Montgomery without the final carry word: p's top limb is below 2^62, which keeps every
/// intermediate sum inside six limbs (the "no-carry" condition).
/// </summary>
[SkipLocalsInit] // the products keep many address-taken scratch words; zeroing them on entry costs more than the product
internal readonly partial struct Fp : IField<Fp>
{
    public readonly ulong L0, L1, L2, L3, L4, L5;

    // p, little-endian limbs.
    private const ulong P0 = 0xB9FEFFFFFFFFAAAB, P1 = 0x1EABFFFEB153FFFF, P2 = 0x6730D2A0F6B0F624;
    private const ulong P3 = 0x64774B84F38512BF, P4 = 0x4B1BA7B6434BACD7, P5 = 0x1A0111EA397FE69A;

    /// <summary>-p^-1 mod 2^64, the Montgomery reduction factor.</summary>
    private const ulong Inv = 0x89F3FFFCFFFCFFFD;

    public const int ByteLength = 48;

    public Fp(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4, ulong l5)
    {
        L0 = l0; L1 = l1; L2 = l2; L3 = l3; L4 = l4; L5 = l5;
    }

    public static Fp Zero => default;

    /// <summary>1 in Montgomery form (R mod p).</summary>
    public static Fp One => new(0x760900000002FFFD, 0xEBF4000BC40C0002, 0x5F48985753C758BA, 0x77CE585370525745, 0x5C071A97A256EC6D, 0x15F65EC3FA80E493);

    /// <summary>R^2 mod p: multiplying a plain integer by it enters Montgomery form.</summary>
    internal static Fp R2 => new(0xF4DF1F341C341746, 0x0A76E6A609D104F1, 0x8DE5476C4C95B6D5, 0x67EB88A9939D83C0, 0x9A793E85B519952D, 0x11988FE592CAE3AA);

    public bool IsZero => (L0 | L1 | L2 | L3 | L4 | L5) == 0;

    public bool IsOne => Equals(One);

    public bool Equals(in Fp b) =>
        ((L0 ^ b.L0) | (L1 ^ b.L1) | (L2 ^ b.L2) | (L3 ^ b.L3) | (L4 ^ b.L4) | (L5 ^ b.L5)) == 0;

    public static bool Equal(in Fp a, in Fp b) => a.Equals(b);

    /// <summary>A small integer as a field element.</summary>
    public static Fp FromUlong(ulong v) => Mul(new Fp(v, 0, 0, 0, 0, 0), R2);

    /// <summary>
    /// Reads a 48-byte big-endian integer; false when it is not below p (EIP-2537 and the compressed-point rules both
    /// reject non-canonical encodings rather than reducing them).
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> be48, out Fp value)
    {
        ulong l5 = BinaryPrimitives.ReadUInt64BigEndian(be48);
        ulong l4 = BinaryPrimitives.ReadUInt64BigEndian(be48[8..]);
        ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(be48[16..]);
        ulong l2 = BinaryPrimitives.ReadUInt64BigEndian(be48[24..]);
        ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(be48[32..]);
        ulong l0 = BinaryPrimitives.ReadUInt64BigEndian(be48[40..]);
        // Canonical iff (value - p) borrows.
        ulong borrow = 0;
        SubB(l0, P0, ref borrow); SubB(l1, P1, ref borrow); SubB(l2, P2, ref borrow);
        SubB(l3, P3, ref borrow); SubB(l4, P4, ref borrow); SubB(l5, P5, ref borrow);
        if (borrow == 0)
        {
            value = default;
            return false;
        }
        value = Mul(new Fp(l0, l1, l2, l3, l4, l5), R2);
        return true;
    }

    /// <summary>A constant given as big-endian hex (at most 96 digits); for start-up tables, not for input.</summary>
    public static Fp FromHex(string hex)
    {
        Span<byte> bytes = stackalloc byte[ByteLength];
        bytes.Clear();
        byte[] raw = Convert.FromHexString(hex.Length % 2 == 0 ? hex : "0" + hex);
        raw.CopyTo(bytes[(ByteLength - raw.Length)..]);
        if (!TryRead(bytes, out Fp value)) throw new ArgumentOutOfRangeException(nameof(hex), "constant is not below p");
        return value;
    }

    /// <summary>The canonical integer (out of Montgomery form), as six little-endian limbs.</summary>
    public Fp ToCanonical() => Mul(this, new Fp(1, 0, 0, 0, 0, 0));

    /// <summary>Writes the canonical integer as 48 big-endian bytes.</summary>
    public void Write(Span<byte> be48)
    {
        Fp c = ToCanonical();
        BinaryPrimitives.WriteUInt64BigEndian(be48, c.L5);
        BinaryPrimitives.WriteUInt64BigEndian(be48[8..], c.L4);
        BinaryPrimitives.WriteUInt64BigEndian(be48[16..], c.L3);
        BinaryPrimitives.WriteUInt64BigEndian(be48[24..], c.L2);
        BinaryPrimitives.WriteUInt64BigEndian(be48[32..], c.L1);
        BinaryPrimitives.WriteUInt64BigEndian(be48[40..], c.L0);
    }

    /// <summary>RFC 9380 sgn0 for Fp: the parity of the canonical integer.</summary>
    public bool Sgn0 => (ToCanonical().L0 & 1) != 0;

    /// <summary>
    /// True when the canonical integer exceeds (p-1)/2, the ZCash compressed-point "lexicographically largest" rule.
    /// </summary>
    public bool IsLexicographicallyLargest
    {
        get
        {
            // y > (p-1)/2  <=>  2y > p-1  <=>  2y >= p (2y cannot equal p, p is odd). Compare on canonical limbs.
            Fp c = ToCanonical();
            ulong carry = 0;
            ulong d0 = AddC(c.L0, c.L0, ref carry), d1 = AddC(c.L1, c.L1, ref carry), d2 = AddC(c.L2, c.L2, ref carry);
            ulong d3 = AddC(c.L3, c.L3, ref carry), d4 = AddC(c.L4, c.L4, ref carry), d5 = AddC(c.L5, c.L5, ref carry);
            ulong borrow = 0;
            SubB(d0, P0, ref borrow); SubB(d1, P1, ref borrow); SubB(d2, P2, ref borrow);
            SubB(d3, P3, ref borrow); SubB(d4, P4, ref borrow); SubB(d5, P5, ref borrow);
            return borrow == 0; // 2y fits 382 bits, so there is no carry out of the top limb
        }
    }

    public static Fp operator +(in Fp a, in Fp b) => Add(a, b);
    public static Fp operator -(in Fp a, in Fp b) => Sub(a, b);
    public static Fp operator *(in Fp a, in Fp b) => Mul(a, b);
    public static Fp operator -(in Fp a) => Negate(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Add(in Fp a, in Fp b)
    {
        ulong c = 0;
        ulong s0 = AddC(a.L0, b.L0, ref c), s1 = AddC(a.L1, b.L1, ref c), s2 = AddC(a.L2, b.L2, ref c);
        ulong s3 = AddC(a.L3, b.L3, ref c), s4 = AddC(a.L4, b.L4, ref c), s5 = AddC(a.L5, b.L5, ref c);
        return ReduceOnce(s0, s1, s2, s3, s4, s5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Double(in Fp a) => Add(a, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Sub(in Fp a, in Fp b)
    {
        ulong borrow = 0;
        ulong d0 = SubB(a.L0, b.L0, ref borrow), d1 = SubB(a.L1, b.L1, ref borrow), d2 = SubB(a.L2, b.L2, ref borrow);
        ulong d3 = SubB(a.L3, b.L3, ref borrow), d4 = SubB(a.L4, b.L4, ref borrow), d5 = SubB(a.L5, b.L5, ref borrow);
        // On borrow add p back; the mask keeps this branch-free (a data-dependent branch here mispredicts half the
        // time inside the pairing, which measured slower than these extra instructions).
        ulong mask = 0 - borrow, c = 0;
        d0 = AddC(d0, P0 & mask, ref c); d1 = AddC(d1, P1 & mask, ref c); d2 = AddC(d2, P2 & mask, ref c);
        d3 = AddC(d3, P3 & mask, ref c); d4 = AddC(d4, P4 & mask, ref c); d5 = AddC(d5, P5 & mask, ref c);
        return new Fp(d0, d1, d2, d3, d4, d5);
    }

    public static Fp Negate(in Fp a)
    {
        if (a.IsZero) return a;
        ulong borrow = 0;
        return new Fp(SubB(P0, a.L0, ref borrow), SubB(P1, a.L1, ref borrow), SubB(P2, a.L2, ref borrow),
            SubB(P3, a.L3, ref borrow), SubB(P4, a.L4, ref borrow), SubB(P5, a.L5, ref borrow));
    }

    /// <summary>Montgomery product a·b·R^-1 mod p.</summary>
    public static Fp Mul(in Fp a, in Fp b)
    {
        ulong t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, A, C, m, bi;
        bi = b.L0;
        A = MulAdd(a.L0, bi, t0, out t0);
        m = t0 * Inv;
        C = MulAdd(m, P0, t0, out _);
        A = MulAdd(a.L1, bi, t1, A, out t1);
        C = MulAdd(m, P1, t1, C, out t0);
        A = MulAdd(a.L2, bi, t2, A, out t2);
        C = MulAdd(m, P2, t2, C, out t1);
        A = MulAdd(a.L3, bi, t3, A, out t3);
        C = MulAdd(m, P3, t3, C, out t2);
        A = MulAdd(a.L4, bi, t4, A, out t4);
        C = MulAdd(m, P4, t4, C, out t3);
        A = MulAdd(a.L5, bi, t5, A, out t5);
        C = MulAdd(m, P5, t5, C, out t4);
        t5 = C + A;
        bi = b.L1;
        A = MulAdd(a.L0, bi, t0, out t0);
        m = t0 * Inv;
        C = MulAdd(m, P0, t0, out _);
        A = MulAdd(a.L1, bi, t1, A, out t1);
        C = MulAdd(m, P1, t1, C, out t0);
        A = MulAdd(a.L2, bi, t2, A, out t2);
        C = MulAdd(m, P2, t2, C, out t1);
        A = MulAdd(a.L3, bi, t3, A, out t3);
        C = MulAdd(m, P3, t3, C, out t2);
        A = MulAdd(a.L4, bi, t4, A, out t4);
        C = MulAdd(m, P4, t4, C, out t3);
        A = MulAdd(a.L5, bi, t5, A, out t5);
        C = MulAdd(m, P5, t5, C, out t4);
        t5 = C + A;
        bi = b.L2;
        A = MulAdd(a.L0, bi, t0, out t0);
        m = t0 * Inv;
        C = MulAdd(m, P0, t0, out _);
        A = MulAdd(a.L1, bi, t1, A, out t1);
        C = MulAdd(m, P1, t1, C, out t0);
        A = MulAdd(a.L2, bi, t2, A, out t2);
        C = MulAdd(m, P2, t2, C, out t1);
        A = MulAdd(a.L3, bi, t3, A, out t3);
        C = MulAdd(m, P3, t3, C, out t2);
        A = MulAdd(a.L4, bi, t4, A, out t4);
        C = MulAdd(m, P4, t4, C, out t3);
        A = MulAdd(a.L5, bi, t5, A, out t5);
        C = MulAdd(m, P5, t5, C, out t4);
        t5 = C + A;
        bi = b.L3;
        A = MulAdd(a.L0, bi, t0, out t0);
        m = t0 * Inv;
        C = MulAdd(m, P0, t0, out _);
        A = MulAdd(a.L1, bi, t1, A, out t1);
        C = MulAdd(m, P1, t1, C, out t0);
        A = MulAdd(a.L2, bi, t2, A, out t2);
        C = MulAdd(m, P2, t2, C, out t1);
        A = MulAdd(a.L3, bi, t3, A, out t3);
        C = MulAdd(m, P3, t3, C, out t2);
        A = MulAdd(a.L4, bi, t4, A, out t4);
        C = MulAdd(m, P4, t4, C, out t3);
        A = MulAdd(a.L5, bi, t5, A, out t5);
        C = MulAdd(m, P5, t5, C, out t4);
        t5 = C + A;
        bi = b.L4;
        A = MulAdd(a.L0, bi, t0, out t0);
        m = t0 * Inv;
        C = MulAdd(m, P0, t0, out _);
        A = MulAdd(a.L1, bi, t1, A, out t1);
        C = MulAdd(m, P1, t1, C, out t0);
        A = MulAdd(a.L2, bi, t2, A, out t2);
        C = MulAdd(m, P2, t2, C, out t1);
        A = MulAdd(a.L3, bi, t3, A, out t3);
        C = MulAdd(m, P3, t3, C, out t2);
        A = MulAdd(a.L4, bi, t4, A, out t4);
        C = MulAdd(m, P4, t4, C, out t3);
        A = MulAdd(a.L5, bi, t5, A, out t5);
        C = MulAdd(m, P5, t5, C, out t4);
        t5 = C + A;
        bi = b.L5;
        A = MulAdd(a.L0, bi, t0, out t0);
        m = t0 * Inv;
        C = MulAdd(m, P0, t0, out _);
        A = MulAdd(a.L1, bi, t1, A, out t1);
        C = MulAdd(m, P1, t1, C, out t0);
        A = MulAdd(a.L2, bi, t2, A, out t2);
        C = MulAdd(m, P2, t2, C, out t1);
        A = MulAdd(a.L3, bi, t3, A, out t3);
        C = MulAdd(m, P3, t3, C, out t2);
        A = MulAdd(a.L4, bi, t4, A, out t4);
        C = MulAdd(m, P4, t4, C, out t3);
        A = MulAdd(a.L5, bi, t5, A, out t5);
        C = MulAdd(m, P5, t5, C, out t4);
        t5 = C + A;
        return ReduceOnce(t0, t1, t2, t3, t4, t5);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp Square(in Fp a) => Mul(a, a);

    /// <summary>
    /// a^e for an exponent given as little-endian limbs (public exponents only: the loop reveals them). Sliding
    /// window of width 5 over the odd powers a, a^3, ..., a^31: for the 380-bit square-root exponent about 80
    /// multiplications instead of one per set bit (229).
    /// </summary>
    public static Fp Pow(in Fp a, ReadOnlySpan<ulong> exponent)
    {
        const int Width = 5;
        int top = exponent.Length * 64 - 1;
        while (top >= 0 && Bit(exponent, top) == 0) top--;
        if (top < 0) return One;

        Span<Fp> odd = stackalloc Fp[1 << (Width - 1)];
        odd[0] = a;
        Fp a2 = Square(a);
        for (int i = 1; i < odd.Length; i++) odd[i] = Mul(odd[i - 1], a2);

        Fp result = One;
        bool started = false;
        int bit = top;
        while (bit >= 0)
        {
            if (Bit(exponent, bit) == 0)
            {
                result = Square(result); // started is true here: the top bit is set
                bit--;
                continue;
            }
            int low = Math.Max(bit - Width + 1, 0);
            while (Bit(exponent, low) == 0) low++; // windows end on a set bit, so their value is odd
            int value = 0;
            for (int k = bit; k >= low; k--)
            {
                value = (value << 1) | Bit(exponent, k);
                if (started) result = Square(result);
            }
            result = started ? Mul(result, odd[value >> 1]) : odd[value >> 1];
            started = true;
            bit = low - 1;
        }
        return result;
    }

    /// <summary>a^e bit by bit: the plain definition the windowed <see cref="Pow"/> is tested against.</summary>
    internal static Fp PowByBits(in Fp a, ReadOnlySpan<ulong> exponent)
    {
        Fp result = One;
        for (int i = exponent.Length - 1; i >= 0; i--)
        {
            ulong e = exponent[i];
            for (int bit = 63; bit >= 0; bit--)
            {
                result = Square(result);
                if (((e >> bit) & 1) != 0) result = Mul(result, a);
            }
        }
        return result;
    }

    private static int Bit(ReadOnlySpan<ulong> e, int index) => (int)((e[index >> 6] >> (index & 63)) & 1);

    /// <summary>p - 2, for Fermat inversion.</summary>
    private static ReadOnlySpan<ulong> PMinus2 => [P0 - 2, P1, P2, P3, P4, P5];

    /// <summary>(p + 1) / 4: since p = 3 mod 4, a^((p+1)/4) is a square root of every square a.</summary>
    private static ReadOnlySpan<ulong> SqrtExponent =>
    [
        0xEE7FBFFFFFFFEAAB, 0x07AAFFFFAC54FFFF, 0xD9CC34A83DAC3D89, 0xD91DD2E13CE144AF, 0x92C6E9ED90D2EB35, 0x0680447A8E5FF9A6,
    ];

    /// <summary>a^-1 (0 for 0) by Fermat's little theorem: the plain definition the binary GCD is tested against.</summary>
    internal static Fp InverseByFermat(in Fp a) => Pow(a, PMinus2);

    /// <summary>
    /// A square root of a, or false when a is not a square. Either way root is a^((p+1)/4), which then squares to -a
    /// (the simplified SWU map relies on that).
    /// </summary>
    public static bool TrySqrt(in Fp a, out Fp root)
    {
        root = Pow(a, SqrtExponent);
        return Square(root).Equals(a);
    }

    /// <summary>Subtracts p once if the 6-limb value is at least p (inputs are below 2p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Fp ReduceOnce(ulong s0, ulong s1, ulong s2, ulong s3, ulong s4, ulong s5)
    {
        ulong borrow = 0;
        ulong d0 = SubB(s0, P0, ref borrow), d1 = SubB(s1, P1, ref borrow), d2 = SubB(s2, P2, ref borrow);
        ulong d3 = SubB(s3, P3, ref borrow), d4 = SubB(s4, P4, ref borrow), d5 = SubB(s5, P5, ref borrow);
        // borrow = 1 means s < p: keep s.
        ulong keep = 0 - borrow;
        return new Fp((s0 & keep) | (d0 & ~keep), (s1 & keep) | (d1 & ~keep), (s2 & keep) | (d2 & ~keep),
            (s3 & keep) | (d3 & ~keep), (s4 & keep) | (d4 & ~keep), (s5 & keep) | (d5 & ~keep));
    }

    /// <summary>hi:lo = a·b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, out ulong lo)
    {
        ulong hi = Math.BigMul(a, b, out ulong l);
        lo = l + c;
        return hi + (lo < c ? 1UL : 0UL);
    }

    /// <summary>hi:lo = a·b + c + d (cannot overflow 128 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MulAdd(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        ulong hi = Math.BigMul(a, b, out ulong l);
        l += c;
        hi += l < c ? 1UL : 0UL;
        lo = l + d;
        return hi + (lo < d ? 1UL : 0UL);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong AddC(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c = s < a ? 1UL : 0UL;
        ulong r = s + carry;
        carry = c + (r < s ? 1UL : 0UL);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SubB(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong o = a < b ? 1UL : 0UL;
        ulong r = d - borrow;
        borrow = o + (d < borrow ? 1UL : 0UL);
        return r;
    }

    public override string ToString()
    {
        Span<byte> b = stackalloc byte[ByteLength];
        Write(b);
        return Convert.ToHexStringLower(b);
    }
}
