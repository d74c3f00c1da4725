using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

/// <summary>
/// The stack-only instructions as operations on words passed by reference: the compiled code keeps a segment's stack
/// items in IL locals (or reads them where they lie on the frame's stack) and calls these with the operands, <c>a</c>
/// the item on top (popped first), and a fresh local for the result, which never aliases an operand. The simple ones
/// inline into the compiled method; each computes what the interpreter's case for the opcode computes.
/// </summary>
internal static class WordOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Add(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.Add(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Sub(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.Subtract(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void Mul(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.Multiply(in a, in b, out r);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Div(in UInt256 a, in UInt256 b, out UInt256 r)
    {
        // As the interpreter: code compiled without shift opcodes divides by powers of two.
        if (UInt256.IsPowerOfTwo(in b)) UInt256.ShiftRight(in a, b.BitLength - 1, out r);
        else UInt256.Divide(in a, in b, out r);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void SDiv(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.SignedDivide(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void Mod(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.Mod(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void SMod(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.SignedMod(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void AddMod(in UInt256 a, in UInt256 b, in UInt256 c, out UInt256 r) => UInt256.AddMod(in a, in b, in c, out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void MulMod(in UInt256 a, in UInt256 b, in UInt256 c, out UInt256 r) => UInt256.MulMod(in a, in b, in c, out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void SignExtend(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.SignExtend(in a, in b, out r);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Lt(in UInt256 a, in UInt256 b, out UInt256 r) => r = UInt256.LessThan(in a, in b) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Gt(in UInt256 a, in UInt256 b, out UInt256 r) => r = UInt256.GreaterThan(in a, in b) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Slt(in UInt256 a, in UInt256 b, out UInt256 r) => r = UInt256.SignedLessThan(in a, in b) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Sgt(in UInt256 a, in UInt256 b, out UInt256 r) => r = UInt256.SignedGreaterThan(in a, in b) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Eq(in UInt256 a, in UInt256 b, out UInt256 r) => r = a.Equals(b) ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void IsZero(in UInt256 a, out UInt256 r) => r = a.IsZero ? UInt256.One : UInt256.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void And(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.And(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Or(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.Or(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Xor(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.Xor(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Not(in UInt256 a, out UInt256 r) => UInt256.Not(in a, out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void Byte(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.Byte(in a, in b, out r);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Shl(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.ShiftLeft(in b, EvmInterpreter.ShiftAmount(in a), out r);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Shr(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.ShiftRight(in b, EvmInterpreter.ShiftAmount(in a), out r);
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] public static void Sar(in UInt256 a, in UInt256 b, out UInt256 r) => UInt256.ShiftRightArithmetic(in b, EvmInterpreter.ShiftAmount(in a), out r);

    /// <summary>GAS: the gas left as the interpreter counts it there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void FromGas(long gas, out UInt256 r) => r = new UInt256((ulong)gas);

    /// <summary>A JUMPI condition.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static bool IsZeroWord(in UInt256 a) => a.IsZero;
}
