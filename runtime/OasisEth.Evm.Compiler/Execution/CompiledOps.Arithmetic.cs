using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

// Arithmetic, comparison, bitwise and stack shuffling: no gas beyond the static part, no failure. They work on the
// items below top; the compiled code moves top by the opcode's net stack change afterwards.
internal static unsafe partial class CompiledOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Add(UInt256* top) => UInt256.Add(in top[-1], in top[-2], out top[-2]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Mul(UInt256* top) => UInt256.Multiply(in top[-1], in top[-2], out top[-2]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Sub(UInt256* top) => UInt256.Subtract(in top[-1], in top[-2], out top[-2]);

    public static void Div(UInt256* top)
    {
        // As the interpreter: code compiled without shift opcodes divides by powers of two.
        if (UInt256.IsPowerOfTwo(in top[-2])) UInt256.ShiftRight(in top[-1], top[-2].BitLength - 1, out top[-2]);
        else UInt256.Divide(in top[-1], in top[-2], out top[-2]);
    }

    public static void SDiv(UInt256* top) => UInt256.SignedDivide(in top[-1], in top[-2], out top[-2]);
    public static void Mod(UInt256* top) => UInt256.Mod(in top[-1], in top[-2], out top[-2]);
    public static void SMod(UInt256* top) => UInt256.SignedMod(in top[-1], in top[-2], out top[-2]);
    public static void AddMod(UInt256* top) => UInt256.AddMod(in top[-1], in top[-2], in top[-3], out top[-3]);
    public static void MulMod(UInt256* top) => UInt256.MulMod(in top[-1], in top[-2], in top[-3], out top[-3]);
    public static void SignExtend(UInt256* top) => UInt256.SignExtend(in top[-1], in top[-2], out top[-2]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Lt(UInt256* top) => top[-2] = UInt256.LessThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Gt(UInt256* top) => top[-2] = UInt256.GreaterThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Slt(UInt256* top) => top[-2] = UInt256.SignedLessThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Sgt(UInt256* top) => top[-2] = UInt256.SignedGreaterThan(in top[-1], in top[-2]) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Eq(UInt256* top) => top[-2] = top[-1].Equals(top[-2]) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void IsZeroOp(UInt256* top) => top[-1] = top[-1].IsZero ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void And(UInt256* top) => UInt256.And(in top[-1], in top[-2], out top[-2]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Or(UInt256* top) => UInt256.Or(in top[-1], in top[-2], out top[-2]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Xor(UInt256* top) => UInt256.Xor(in top[-1], in top[-2], out top[-2]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Not(UInt256* top) => UInt256.Not(in top[-1], out top[-1]);
    public static void Byte(UInt256* top) => UInt256.Byte(in top[-1], in top[-2], out top[-2]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Shl(UInt256* top) => UInt256.ShiftLeft(in top[-2], EvmInterpreter.ShiftAmount(in top[-1]), out top[-2]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Shr(UInt256* top) => UInt256.ShiftRight(in top[-2], EvmInterpreter.ShiftAmount(in top[-1]), out top[-2]);
    public static void Sar(UInt256* top) => UInt256.ShiftRightArithmetic(in top[-2], EvmInterpreter.ShiftAmount(in top[-1]), out top[-2]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Dup(UInt256* top, int n) => top[0] = top[-n];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Swap(UInt256* top, int n) => (top[-1], top[-1 - n]) = (top[-1 - n], top[-1]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void PushSmall(UInt256* top, long value) => top[0] = new UInt256((ulong)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PushWide(UInt256* top, long u0, long u1, long u2, long u3) => top[0] = new UInt256((ulong)u0, (ulong)u1, (ulong)u2, (ulong)u3);
}
