namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>
/// A straight run of instructions that is checked once at its start: the stack height must lie in
/// [<see cref="MinHeight"/>, <see cref="MaxHeight"/>] and at least <see cref="StaticGas"/> must be left. When both
/// hold, no instruction in the run can underflow, overflow or run out of static gas, so the compiled code charges the
/// sum once and checks nothing per instruction. When either fails, the frame is handed to the interpreter at
/// <see cref="StartPc"/>, which fails exactly where and how it would have.
/// </summary>
internal sealed class Segment
{
    public int StartPc;
    /// <summary>The pc after the last instruction.</summary>
    public int EndPc;
    public long StaticGas;
    public int MinHeight;
    public int MaxHeight = EvmFrameState.MaxStack;
    public SegmentEnd End;
    /// <summary>The net change of the stack height over the segment.</summary>
    public int Delta;
    /// <summary>A later piece of a straight run (<see cref="SegmentEnd.Split"/>): checked with the run's first piece,
    /// never entered but from the piece before.</summary>
    public bool IsContinuation;
    /// <summary>Code can arrive here other than by running on: the frame's start, a JUMPDEST, a resume after a child.</summary>
    public bool IsEntry;
    /// <summary>Reachable at all (an entry, or run on into from a reachable segment); unreachable ones are not emitted.</summary>
    public bool IsReachable;

    public bool RunsOn => End is SegmentEnd.FallThrough or SegmentEnd.DynamicGas or SegmentEnd.ConditionalJump or SegmentEnd.Split;

    /// <summary>No stack height satisfies every instruction: the segment always fails (the interpreter says how).</summary>
    public bool AlwaysFailsStack => MinHeight > MaxHeight;
}
