using System.Runtime.CompilerServices;
using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

// The most frequent instructions that need the frame (memory, storage, call data, EXP, KECCAK256) over operands passed
// by reference, so the compiled code need not write its stack items to the frame's stack first. Same helpers, same
// order of charging and failing as the interpreter's cases; the result goes to a fresh local (never an operand).
// Each is compiled by the JIT at full optimisation on first use (AggressiveOptimization): in a ReadyToRun build (the
// node's) they would otherwise run precompiled code that cannot inline the interpreter's and UInt256's helpers from
// their assemblies, as the interpreter's own loop (AggressiveOptimization too) does.
internal static unsafe partial class CompiledOps
{
    /// <summary>While memory need not grow, <see cref="EvmInterpreter.ChargeMemory(EvmMemory, in UInt256, ulong, long)"/>
    /// is a compare, and the load a byte swap. Not inlined on purpose: inlined at every MLOAD and MSTORE, the chunks
    /// grew past the JIT's inlining budget and ran slower (structarray_alloc 0.77 of the interpreter inlined, 0.42 not;
    /// memory_grow_mload 1.30 and 1.26).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MLoadWord(CompiledFrame c, long gas, in UInt256 offset, out UInt256 result)
    {
        EvmMemory memory = c.Memory;
        if ((gas = EvmInterpreter.ChargeMemory(memory, in offset, 32, gas)) < 0) { result = default; return Fail(ExitCode.OutOfGas); }
        result = UInt256.FromBigEndian(memory.Slice((long)offset.u0, 32));
        return gas;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MStoreWord(CompiledFrame c, long gas, in UInt256 offset, in UInt256 value)
    {
        EvmMemory memory = c.Memory;
        if ((gas = EvmInterpreter.ChargeMemory(memory, in offset, 32, gas)) < 0) return Fail(ExitCode.OutOfGas);
        value.WriteBigEndian(memory.Slice((long)offset.u0, 32));
        return gas;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long MStore8Word(CompiledFrame c, long gas, in UInt256 offset, in UInt256 value)
    {
        if ((gas = EvmInterpreter.ChargeMemory(c.Memory, in offset, 1, gas)) < 0) return Fail(ExitCode.OutOfGas);
        c.Memory.At((long)offset.u0) = (byte)value.u0;
        return gas;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long SLoadWord(CompiledFrame c, long gas, in UInt256 key, out UInt256 result)
    {
        StorageRead read = c.Host.LoadStorage(c.Frame.Address, in key);
        if (c.Spec.IsBerlin)
        {
            gas -= read.WasCold ? GasCost.ColdSload : GasCost.WarmStorageRead;
            if (gas < 0) { result = default; return Fail(ExitCode.OutOfGas); }
        }
        result = read.Value;
        return gas;
    }

    /// <summary>Reads the gas left (the EIP-2200 stipend rule): handed the interpreter's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long SStoreWord(CompiledFrame c, long gas, in UInt256 key, in UInt256 value)
    {
        if (c.Frame.IsStatic) return Fail(ExitCode.StaticStateChange);
        if ((gas = c.Interpreter.StorageStore(c.Frame, in key, in value, gas)) < 0) return Fail(ExitCode.OutOfGas);
        return gas;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long ExpWord(CompiledFrame c, long gas, in UInt256 a, in UInt256 exponent, out UInt256 result)
    {
        gas -= c.Spec.ExpByteCost * exponent.ByteLength;
        if (gas < 0) { result = default; return Fail(ExitCode.OutOfGas); }
        UInt256.Exp(in a, in exponent, out result);
        return gas;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Keccak256Word(CompiledFrame c, long gas, in UInt256 offset, in UInt256 length, out UInt256 result)
    {
        if ((gas = EvmInterpreter.ChargeCopy(c.Memory, in offset, in length, GasCost.KeccakWord, gas)) < 0) { result = default; return Fail(ExitCode.OutOfGas); }
        var data = length.IsZero ? ReadOnlySpan<byte>.Empty : c.Memory.Slice((long)offset.u0, (long)length.u0);
        result = Keccak.Compute(data).ToWord();
        return gas;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CallDataLoadWord(CompiledFrame c, in UInt256 offset, out UInt256 result) =>
        result = EvmInterpreter.LoadWordPadded(c.Frame.Input, in offset);
}
