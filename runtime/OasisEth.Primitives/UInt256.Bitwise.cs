using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace OasisEth.Primitives;

// Bitwise logic, shifts and the EVM BYTE selector.
public readonly partial struct UInt256
{
    // AND/OR/XOR/NOT work on the struct as one 256-bit vector (the type is exactly 32 bytes, limbs in order);
    // the whole input is loaded before the result is stored, so aliasing is safe. Without 256-bit vectors the
    // JIT lowers Vector256 to two 128-bit halves, which is still no worse than four scalar ops.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void And(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = FromVector(AsVector(a) & AsVector(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Or(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = FromVector(AsVector(a) | AsVector(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Xor(in UInt256 a, in UInt256 b, out UInt256 res) =>
        res = FromVector(AsVector(a) ^ AsVector(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Not(in UInt256 a, out UInt256 res) => res = FromVector(~AsVector(a));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> AsVector(in UInt256 v) => Unsafe.As<UInt256, Vector256<ulong>>(ref Unsafe.AsRef(in v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static UInt256 FromVector(Vector256<ulong> v) => Unsafe.As<Vector256<ulong>, UInt256>(ref v);

    /// <summary>value &lt;&lt; shift mod 2^256; any shift outside [0, 255] (including negative) gives 0.</summary>
    public static void ShiftLeft(in UInt256 value, int shift, out UInt256 res)
    {
        if ((uint)shift >= 256)
        {
            res = default;
            return;
        }
        ulong a0 = value.u0, a1 = value.u1, a2 = value.u2, a3 = value.u3;
        ulong r0, r1, r2, r3;
        switch (shift >> 6)
        {
            case 0: r0 = a0; r1 = a1; r2 = a2; r3 = a3; break;
            case 1: r0 = 0; r1 = a0; r2 = a1; r3 = a2; break;
            case 2: r0 = 0; r1 = 0; r2 = a0; r3 = a1; break;
            default: r0 = 0; r1 = 0; r2 = 0; r3 = a0; break;
        }
        int bits = shift & 63;
        if (bits != 0)
        {
            // C# masks shift counts to 6 bits, so the 64 - bits carry shift is only valid for bits != 0.
            int back = 64 - bits;
            r3 = (r3 << bits) | (r2 >> back);
            r2 = (r2 << bits) | (r1 >> back);
            r1 = (r1 << bits) | (r0 >> back);
            r0 <<= bits;
        }
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>Logical value &gt;&gt; shift; any shift outside [0, 255] (including negative) gives 0.</summary>
    public static void ShiftRight(in UInt256 value, int shift, out UInt256 res)
    {
        if ((uint)shift >= 256)
        {
            res = default;
            return;
        }
        ulong a0 = value.u0, a1 = value.u1, a2 = value.u2, a3 = value.u3;
        ulong r0, r1, r2, r3;
        switch (shift >> 6)
        {
            case 0: r0 = a0; r1 = a1; r2 = a2; r3 = a3; break;
            case 1: r0 = a1; r1 = a2; r2 = a3; r3 = 0; break;
            case 2: r0 = a2; r1 = a3; r2 = 0; r3 = 0; break;
            default: r0 = a3; r1 = 0; r2 = 0; r3 = 0; break;
        }
        int bits = shift & 63;
        if (bits != 0)
        {
            int back = 64 - bits;
            r0 = (r0 >> bits) | (r1 << back);
            r1 = (r1 >> bits) | (r2 << back);
            r2 = (r2 >> bits) | (r3 << back);
            r3 >>= bits;
        }
        res = new UInt256(r0, r1, r2, r3);
    }

    /// <summary>EVM BYTE(i, x): byte i of x counting from the most significant (i = 0); 0 when i &gt;= 32.</summary>
    public static void Byte(in UInt256 index, in UInt256 value, out UInt256 res)
    {
        if (!index.FitsInUlong || index.u0 >= 32)
        {
            res = default;
            return;
        }
        // Byte i from the top is byte 31 - i from the bottom: limb (31 - i) / 8, bit offset ((31 - i) % 8) * 8.
        int fromBottom = 31 - (int)index.u0;
        ulong limb = (fromBottom >> 3) switch
        {
            0 => value.u0,
            1 => value.u1,
            2 => value.u2,
            _ => value.u3,
        };
        res = new UInt256((limb >> ((fromBottom & 7) << 3)) & 0xFF);
    }
}
