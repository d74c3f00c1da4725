using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

/// <summary>
/// The static methods compiled code calls. Each mirrors one case of the interpreter's loop (the same helpers, the
/// same order of charging and failing), so the compiled tier differs from the interpreter only in what it leaves out:
/// dispatch, per-instruction stack checks and per-instruction static gas. Instructions that charge gas take the gas
/// left and return what remains; a negative result is a failure, <c>-(long)exitCode</c>.
/// This file: entering and leaving compiled code.
/// </summary>
internal static unsafe partial class CompiledOps
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Fail(ExitCode exit) => -(long)exit;

    public static UInt256* StackBase(CompiledFrame c) => c.Stack;

    public static UInt256* StackTop(CompiledFrame c) => c.Stack + c.State.StackCount;

    public static long GasOf(CompiledFrame c) => c.Frame.Gas;

    public static int EntryOf(CompiledFrame c) => c.Entry;

    /// <summary>The frame stops: the interpreter's halt bookkeeping (gas kept only by success and revert; output only
    /// by those too).</summary>
    public static ExitCode Halt(CompiledFrame c, ExitCode exit, int pc, UInt256* top, long gas)
    {
        c.State.Pc = pc;
        c.State.StackCount = (int)(top - c.Stack);
        CallFrame f = c.Frame;
        f.Gas = exit.IsSuccess() || exit == ExitCode.Revert ? gas : 0;
        if (exit != ExitCode.Revert && !exit.IsSuccess()) f.Output = [];
        return exit;
    }

    /// <summary>A failed gas-charging instruction (its result was <c>-(long)exitCode</c>).</summary>
    public static ExitCode HaltOnNegative(CompiledFrame c, long failure, int pc, UInt256* top) =>
        Halt(c, (ExitCode)(-failure), pc, top, 0);

    /// <summary>Hands the frame to the interpreter at <paramref name="pc"/> (a segment start whose checks failed, or an
    /// undefined opcode): returns <see cref="ExitCode.Running"/>, and the engine runs the interpreter from here.</summary>
    public static ExitCode Deopt(CompiledFrame c, int pc, UInt256* top, long gas)
    {
        c.State.Pc = pc;
        c.State.StackCount = (int)(top - c.Stack);
        c.Frame.Gas = gas;
        return ExitCode.Running;
    }

    /// <summary>An entry the method has no label for (never expected): the interpreter runs from the frame's pc.</summary>
    public static ExitCode UnknownEntry(CompiledFrame c) => ExitCode.Running;

    /// <summary>Checked on every taken jump, as the interpreter does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Interrupted(CompiledFrame c) => c.Interrupt.IsCancellationRequested;

    /// <summary>The segment a dynamic jump lands on, or -1 for a bad destination.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int JumpIndex(CompiledFrame c, in UInt256 dest)
    {
        if (!dest.FitsInUlong || !c.Code.IsValidJumpDest(dest.u0)) return -1;
        return c.Contract.EntryByPc[(int)dest.u0];
    }

    /// <summary>Control goes on at a segment another chunk (method) holds: the frame's state is stored and the engine's
    /// loop calls that chunk with <see cref="CompiledFrame.Entry"/> = <paramref name="segment"/>.</summary>
    public static ExitCode NextChunk(CompiledFrame c, int segment, UInt256* top, long gas)
    {
        c.Entry = segment;
        c.State.StackCount = (int)(top - c.Stack);
        c.Frame.Gas = gas;
        return CompiledContract.ChunkExit;
    }
}
