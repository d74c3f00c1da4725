using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

// Unsigned and signed ordering plus the small bit-size queries (EXP gas uses ByteLength).
public readonly partial struct UInt256
{
    /// <summary>Unsigned a &lt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool LessThan(in UInt256 a, in UInt256 b)
    {
        // The borrow out of a - b, computed without branches: EVM comparisons feed data-dependent jumps,
        // and a mispredicted limb-by-limb compare would cost more than the four subtractions.
        ulong borrow = 0;
        SubtractWithBorrow(a.u0, b.u0, ref borrow);
        SubtractWithBorrow(a.u1, b.u1, ref borrow);
        SubtractWithBorrow(a.u2, b.u2, ref borrow);
        SubtractWithBorrow(a.u3, b.u3, ref borrow);
        return borrow != 0;
    }

    /// <summary>Unsigned a &gt; b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GreaterThan(in UInt256 a, in UInt256 b) => LessThan(b, a);

    /// <summary>a &lt; b as two's complement signed values (EVM SLT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SignedLessThan(in UInt256 a, in UInt256 b)
    {
        // Flipping the sign bit maps signed order onto unsigned order.
        const ulong SignBit = 1UL << 63;
        ulong borrow = 0;
        SubtractWithBorrow(a.u0, b.u0, ref borrow);
        SubtractWithBorrow(a.u1, b.u1, ref borrow);
        SubtractWithBorrow(a.u2, b.u2, ref borrow);
        SubtractWithBorrow(a.u3 ^ SignBit, b.u3 ^ SignBit, ref borrow);
        return borrow != 0;
    }

    /// <summary>a &gt; b as two's complement signed values (EVM SGT).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool SignedGreaterThan(in UInt256 a, in UInt256 b) => SignedLessThan(b, a);

    /// <summary>Bit 255 is set: the value is negative read as two's complement.</summary>
    public bool IsNegative
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (long)u3 < 0;
    }

    public bool IsOne
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => ((u0 ^ 1) | u1 | u2 | u3) == 0;
    }

    /// <summary>Position of the highest set bit plus one; 0 for zero.</summary>
    public int BitLength
    {
        get
        {
            if (u3 != 0) return 256 - BitOperations.LeadingZeroCount(u3);
            if (u2 != 0) return 192 - BitOperations.LeadingZeroCount(u2);
            if (u1 != 0) return 128 - BitOperations.LeadingZeroCount(u1);
            return 64 - BitOperations.LeadingZeroCount(u0);
        }
    }

    /// <summary>(BitLength + 7) / 8: the number of significant bytes, as the EXP gas rule counts them.</summary>
    public int ByteLength
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (BitLength + 7) >> 3;
    }
}
