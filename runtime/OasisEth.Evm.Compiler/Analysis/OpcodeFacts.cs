using OasisEth.Evm.CodeAnalysis;

namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>What the segment analysis needs to know of an opcode beyond its stack effect and static gas. Segments end
/// where the interpreter's checked blocks end (<see cref="OpcodeFlow"/>), each for a reason that decides what follows.</summary>
internal static class OpcodeFacts
{
    public static int ImmediateSize(Opcode op) => OpcodeFlow.ImmediateSize(op);

    /// <summary>Whether (and why) the segment ends after <paramref name="op"/>.</summary>
    public static SegmentEnd? EndsSegment(Opcode op) => op switch
    {
        Opcode.JUMP => SegmentEnd.Jump,
        Opcode.JUMPI => SegmentEnd.ConditionalJump,
        Opcode.STOP or Opcode.RETURN or Opcode.REVERT or Opcode.SELFDESTRUCT => SegmentEnd.Halt,
        Opcode.CALL or Opcode.CALLCODE or Opcode.DELEGATECALL or Opcode.STATICCALL or Opcode.CREATE or Opcode.CREATE2 => SegmentEnd.Child,
        // Instructions with dynamic gas (memory, storage, EXP, logs, GAS) stay inside: the compiled code hands each the
        // gas the interpreter would have there (the segment's static gas not yet due given back, then taken again).
        _ => null,
    };
}
