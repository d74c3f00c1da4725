using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;

namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>
/// Splits code into <see cref="Segment"/>s for one fork: a new segment at every JUMPDEST, and after every jump, halt,
/// call or creation. Instructions the fork does not define are segments of their own. A straight run longer than
/// <see cref="MaxPieceBytes"/> is cut into pieces (<see cref="SegmentEnd.Split"/>): the compiled code checks the run
/// once, at its first piece, and the pieces can lie in different methods.
/// </summary>
internal static class SegmentAnalyzer
{
    /// <summary>Bytes of code per piece of a long straight run (Huff contracts and unrolled loops run straight for
    /// kilobytes), so that one method need not hold the whole run: a piece is 3,000 to 20,000 bytes of IL, within one
    /// small chunk (<see cref="Emit.ContractEmitter.ChunkIlTarget"/>).</summary>
    public const int MaxPieceBytes = 256;

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
            if (pc - current.StartPc >= MaxPieceBytes && cost < ForkSpec.Undefined)
            {
                Close(current, pc, SegmentEnd.Split);
                current = new Segment { StartPc = pc, IsContinuation = true };
            }
            if (cost >= ForkSpec.Undefined)
            {
                if (pc != current.StartPc) Close(current, pc, SegmentEnd.FallThrough);
                segments.Add(new Segment { StartPc = pc, EndPc = pc + 1, End = SegmentEnd.Undefined });
                current = new Segment { StartPc = pc + 1 };
                delta = 0;
                pc++;
                continue;
            }

            if (current.StartPc == pc) delta = 0;
            current.StaticGas += cost;
            current.MinHeight = Math.Max(current.MinHeight, OpcodeStack.Pops(op) - delta);
            current.MaxHeight = Math.Min(current.MaxHeight, OpcodeStack.MaxHeight(op) - delta);
            delta += OpcodeStack.Pushes(op) - OpcodeStack.Pops(op);
            current.Delta = delta;
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
