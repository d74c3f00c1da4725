namespace OasisEth.Evm.Compiler.Emit;

/// <summary>How compiled code calls an opcode's helper in <see cref="Execution.CompiledOps"/>, by its signature.</summary>
internal enum HelperKind : byte
{
    /// <summary><c>void (in UInt256 a, [in UInt256 b, [in UInt256 c,]] out UInt256 result)</c> in <see cref="Execution.WordOps"/>:
    /// pure stack arithmetic over the operands where they are (locals, constants, stack slots).</summary>
    Word,
    /// <summary><c>long (CompiledFrame, long gas, in UInt256 operand..., [out UInt256 result])</c>: may charge and fail,
    /// over operands where they are (no write of the frame's stack first).</summary>
    WordCharging,
    /// <summary><c>void (CompiledFrame, in UInt256 operand, out UInt256 result)</c>: reads the frame.</summary>
    WordContext,
    /// <summary><c>void (CompiledFrame, UInt256* top)</c>: reads the frame or its context.</summary>
    Context,
    /// <summary><c>long (CompiledFrame, UInt256* top, long gas)</c>: may charge and fail (negative: <c>-(long)exitCode</c>).</summary>
    Charging,
    /// <summary><c>ExitCode (CompiledFrame, int pc, UInt256* top, long gas)</c>: ends the frame.</summary>
    Halting,
}
