using OasisEth.Evm.Compiler.Analysis;

namespace OasisEth.Evm.Compiler.Emit;

/// <summary>
/// Which segments are checked where. A segment that runs straight on into the next one without a jump (the next is a
/// JUMPDEST in the same chunk, or a continuation piece of the same straight run) checks and charges that one too, so
/// control falls through to it past its checks; only a jump into it, or entering it from another chunk, runs its own
/// checks, which cover what follows it the same way. JUMPDEST-dense code (a run of JUMPDESTs, each a segment) then costs
/// one check per run, as the interpreter's linked block checks do.
/// </summary>
internal sealed class CheckPlan
{
    /// <summary>Segment k's code is followed, unchecked, by segment k + 1's (charged and checked with k).</summary>
    public readonly bool[] RunsOnUnchecked;
    /// <summary>Static gas charged when segment k is entered checked and not yet spent at its start: its own and that
    /// of the segments it runs on into unchecked.</summary>
    public readonly long[] Prepaid;
    /// <summary>The stack window checked at segment k's start, over k and what it runs on into unchecked.</summary>
    public readonly int[] MinHeight, MaxHeight;

    public CheckPlan(Segment[] segments, int[] chunkOf)
    {
        int n = segments.Length;
        RunsOnUnchecked = new bool[n];
        Prepaid = new long[n];
        MinHeight = new int[n];
        MaxHeight = new int[n];
        for (int k = n - 1; k >= 0; k--)
        {
            Segment s = segments[k];
            bool on = k + 1 < n && IsNormal(segments[k + 1])
                && (s.End == SegmentEnd.Split || (s.End == SegmentEnd.FallThrough && chunkOf[k + 1] == chunkOf[k]));
            RunsOnUnchecked[k] = on;
            Prepaid[k] = s.StaticGas + (on ? Prepaid[k + 1] : 0);
            MinHeight[k] = s.MinHeight;
            MaxHeight[k] = s.MaxHeight;
            if (on)
            {
                MinHeight[k] = Math.Max(MinHeight[k], MinHeight[k + 1] - s.Delta);
                MaxHeight[k] = Math.Min(MaxHeight[k], MaxHeight[k + 1] - s.Delta);
            }
        }
    }

    /// <summary>No stack height passes segment k's check: it always hands over to the interpreter.</summary>
    public bool AlwaysFails(int k) => MinHeight[k] > MaxHeight[k];

    private static bool IsNormal(Segment s) => s.End != SegmentEnd.Undefined && !s.AlwaysFailsStack;
}
