using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;

namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>
/// Splits code into <see cref="Segment"/>s for one fork: a new segment at every JUMPDEST, after every jump, halt,
/// call or creation, and after every instruction whose gas is dynamic or reads the gas left. Instructions the fork
/// does not define are segments of their own.
/// </summary>
internal static class SegmentAnalyzer
{
    public static SegmentMap Analyze(CodeInfo code, ForkSpec spec)
    {
        ReadOnlySpan<byte> bytes = code.Code;
        var segments = new List<Segment>();
        Segment current = new() { StartPc = 0 };
        int delta = 0;
        int pc = 0;
        while (pc < bytes.Length)
        {
            var op = (Opcode)bytes[pc];
            if (op == Opcode.JUMPDEST && pc != current.StartPc)
            {
                Close(current, pc, SegmentEnd.FallThrough);
                current = new Segment { StartPc = pc };
                delta = 0;
            }
            long cost = spec.StaticGas[(byte)op];
            if (cost >= ForkSpec.Undefined)
            {
                if (pc != current.StartPc) Close(current, pc, SegmentEnd.FallThrough);
                segments.Add(new Segment { StartPc = pc, EndPc = pc + 1, End = SegmentEnd.Undefined });
                current = new Segment { StartPc = pc + 1 };
                delta = 0;
                pc++;
                continue;
            }

            current.StaticGas += cost;
            current.MinHeight = Math.Max(current.MinHeight, OpcodeStack.Pops(op) - delta);
            current.MaxHeight = Math.Min(current.MaxHeight, OpcodeStack.MaxHeight(op) - delta);
            delta += OpcodeStack.Pushes(op) - OpcodeStack.Pops(op);
            int next = pc + 1 + OpcodeFacts.ImmediateSize(op);
            SegmentEnd? end = OpcodeFacts.EndsSegment(op);
            if (end is { } reason)
            {
                Close(current, next, reason);
                current = new Segment { StartPc = next };
                delta = 0;
            }
            pc = next;
        }
        if (pc != current.StartPc) Close(current, pc, SegmentEnd.FallThrough);
        // Falling off the end is a STOP (the code is padded with zeros): one last segment, so running on always has a
        // place to go and a call in the last instruction has a resume point.
        segments.Add(new Segment { StartPc = pc, EndPc = pc, End = SegmentEnd.Halt });
        return Finish(code, segments);

        void Close(Segment segment, int endPc, SegmentEnd reason)
        {
            segment.EndPc = endPc;
            segment.End = reason;
            segments.Add(segment);
        }
    }

    private static SegmentMap Finish(CodeInfo code, List<Segment> segments)
    {
        var entryByPc = new int[code.Length + 1];
        Array.Fill(entryByPc, -1);
        for (int i = 0; i < segments.Count; i++)
        {
            Segment s = segments[i];
            s.IsEntry = i == 0
                || code.IsValidJumpDest((ulong)s.StartPc)
                || segments[i - 1].End == SegmentEnd.Child;
            s.IsReachable = s.IsEntry || (segments[i - 1].IsReachable && segments[i - 1].RunsOn);
            if (s.IsEntry && s.StartPc <= code.Length) entryByPc[s.StartPc] = i;
        }
        return new SegmentMap(segments.ToArray(), entryByPc);
    }
}
