using System.Runtime.CompilerServices;

namespace OasisEth.Primitives;

// Wrapping (mod 2^256) operators for code off the hot path; the interpreter calls the static in/out methods.
// Division and modulo follow EVM DIV/MOD: dividing by zero gives 0 rather than throwing.
public readonly partial struct UInt256
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 operator +(in UInt256 a, in UInt256 b)
    {
        Add(a, b, out UInt256 r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 operator -(in UInt256 a, in UInt256 b)
    {
        Subtract(a, b, out UInt256 r);
        return r;
    }

    public static UInt256 operator *(in UInt256 a, in UInt256 b)
    {
        Multiply(a, b, out UInt256 r);
        return r;
    }

    public static UInt256 operator /(in UInt256 a, in UInt256 b)
    {
        Divide(a, b, out UInt256 r);
        return r;
    }

    public static UInt256 operator %(in UInt256 a, in UInt256 b)
    {
        Mod(a, b, out UInt256 r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 operator &(in UInt256 a, in UInt256 b)
    {
        And(a, b, out UInt256 r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 operator |(in UInt256 a, in UInt256 b)
    {
        Or(a, b, out UInt256 r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 operator ^(in UInt256 a, in UInt256 b)
    {
        Xor(a, b, out UInt256 r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static UInt256 operator ~(in UInt256 a)
    {
        Not(a, out UInt256 r);
        return r;
    }

    /// <summary>Left shift; shifts outside [0, 255] give 0.</summary>
    public static UInt256 operator <<(in UInt256 a, int shift)
    {
        ShiftLeft(a, shift, out UInt256 r);
        return r;
    }

    /// <summary>Logical right shift; shifts outside [0, 255] give 0.</summary>
    public static UInt256 operator >>(in UInt256 a, int shift)
    {
        ShiftRight(a, shift, out UInt256 r);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <(in UInt256 a, in UInt256 b) => LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >(in UInt256 a, in UInt256 b) => LessThan(b, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator <=(in UInt256 a, in UInt256 b) => !LessThan(b, a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool operator >=(in UInt256 a, in UInt256 b) => !LessThan(a, b);
}
