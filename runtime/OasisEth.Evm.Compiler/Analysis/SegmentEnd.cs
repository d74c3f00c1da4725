namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>Why a segment ends where it does, which decides what follows it.</summary>
internal enum SegmentEnd : byte
{
    /// <summary>The next instruction is a JUMPDEST (a new jump target) or the end of the code: runs on into the next segment.</summary>
    FallThrough,
    /// <summary>Not made by the analysis any more (instructions with dynamic gas get the interpreter's gas handed to
    /// them mid-segment); kept as a run-on end for segments split for other reasons.</summary>
    DynamicGas,
    /// <summary>A long straight run goes on in the next segment, a continuation checked with this one.</summary>
    Split,
    /// <summary>JUMPI: runs on into the next segment when the condition is zero.</summary>
    ConditionalJump,
    /// <summary>JUMP: never runs on.</summary>
    Jump,
    /// <summary>STOP, RETURN, REVERT, SELFDESTRUCT.</summary>
    Halt,
    /// <summary>CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2: the frame pauses; the next segment is a resume point.</summary>
    Child,
    /// <summary>An opcode the fork does not define: a segment of its own that the interpreter runs (it knows the exact failure).</summary>
    Undefined,
}
