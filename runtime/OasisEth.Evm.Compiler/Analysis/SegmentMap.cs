namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>The segments of one code for one fork, and which pc enters which segment (-1: none starts there).</summary>
internal sealed class SegmentMap(Segment[] segments, int[] entryByPc)
{
    public Segment[] Segments { get; } = segments;

    /// <summary>Indexed by pc (0..code length): the segment an entry pc starts, or -1. Dynamic jumps and resumes
    /// after a child use it.</summary>
    public int[] EntryByPc { get; } = entryByPc;
}
