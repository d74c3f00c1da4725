using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

// Instructions that end the frame's run: halts, and calls and creations handed to the frame loop.
internal static unsafe partial class CompiledOps
{
    public static ExitCode Stop(CompiledFrame c, int pc, UInt256* top, long gas)
    {
        c.Frame.Output = [];
        return Halt(c, ExitCode.Stop, pc, top, gas);
    }

    public static ExitCode Return(CompiledFrame c, int pc, UInt256* top, long gas) => ReturnOrRevert(c, ExitCode.Return, pc, top, gas);

    public static ExitCode Revert(CompiledFrame c, int pc, UInt256* top, long gas) => ReturnOrRevert(c, ExitCode.Revert, pc, top, gas);

    private static ExitCode ReturnOrRevert(CompiledFrame c, ExitCode exit, int pc, UInt256* top, long gas)
    {
        if ((gas = EvmInterpreter.ChargeMemory(c.Memory, in top[-1], in top[-2], gas)) < 0) return Halt(c, ExitCode.OutOfGas, pc, top, 0);
        c.Frame.Output = top[-2].IsZero ? [] : c.Memory.Slice((long)top[-1].u0, (long)top[-2].u0).ToArray();
        return Halt(c, exit, pc, top - 2, gas);
    }

    public static ExitCode SelfDestruct(CompiledFrame c, int pc, UInt256* top, long gas)
    {
        if (c.Frame.IsStatic) return Halt(c, ExitCode.StaticStateChange, pc, top, gas);
        if ((gas = c.Interpreter.SelfDestruct(c.Frame, in top[-1], gas)) < 0) return Halt(c, ExitCode.OutOfGas, pc, top, 0);
        c.Frame.Output = [];
        return Halt(c, ExitCode.Stop, pc, top - 1, gas);
    }

    /// <summary>CALL family and CREATE family, through the interpreter's own instruction (it reads the frame state, which
    /// is synced here): <see cref="ExitCode.ChildRequested"/> with pc advanced to the resume segment, or the failure.</summary>
    public static ExitCode Child(CompiledFrame c, Opcode op, int pc, UInt256* top, long gas)
    {
        EvmFrameState state = c.State;
        CallFrame f = c.Frame;
        state.Pc = pc; f.Gas = gas; state.StackCount = (int)(top - c.Stack);
        ExitCode exit = op switch
        {
            Opcode.CREATE => c.Interpreter.InstructionCreate(f, state, CallKind.Create),
            Opcode.CREATE2 => c.Interpreter.InstructionCreate(f, state, CallKind.Create2),
            _ => c.Interpreter.InstructionCall(f, state, op),
        };
        if (exit == ExitCode.ChildRequested) return exit;
        return Halt(c, exit, state.Pc, c.Stack + state.StackCount, f.Gas);
    }
}
