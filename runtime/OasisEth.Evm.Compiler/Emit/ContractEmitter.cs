using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Compiler.Analysis;
using OasisEth.Evm.Compiler.Execution;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Emit;

/// <summary>
/// Emits one code's methods for one fork, one per chunk of consecutive segments (<see cref="ChunkBounds"/>). A method
/// keeps <c>top</c> (a pointer into the frame's pinned stack) and <c>gas</c> in locals; each reachable segment checks
/// its stack window and static gas once (a failed check hands the frame to the interpreter at the segment's start),
/// then runs its instructions with no checks. Within a segment the stack items live in IL locals or stay where they
/// lie (<see cref="VirtualStack"/>): PUSH, DUP, SWAP and POP emit nothing, arithmetic calls <see cref="WordOps"/> on
/// the operands, and the frame's stack is written only before a helper that reads it and at the segment's end. Jumps to
/// a constant destination branch straight to the target's label (or leave for the chunk holding it); other jumps, and
/// entries, go through one IL <c>switch</c> over the chunk's segments.
/// </summary>
internal sealed class ContractEmitter
{
    private static readonly Type TopType = typeof(UInt256).MakePointerType();

    /// <summary>
    /// The largest method worth running. Past the JIT's minimum-optimisation bounds (60,000 bytes of IL, 2,000 basic
    /// blocks) a method is compiled without optimisation, and such code measured up to 200 times slower than the
    /// interpreter on the evmone cases, so a contract with a chunk that large (one huge segment) runs interpreted.
    /// </summary>
    public const int MaxIlBytes = 60_000;

    private readonly ILGenerator _il;
    private readonly CodeInfo _code;
    private readonly SegmentMap _map;
    private readonly int _first, _end;
    private readonly Label[] _segmentLabels, _uncheckedLabels;
    private readonly CheckPlan _plan;
    private readonly LocalBuilder _stack, _top, _gas, _index, _condition;
    private readonly Label _dispatch, _unknownEntry;
    private readonly VirtualStack _items;

    private ContractEmitter(ILGenerator il, CodeInfo code, SegmentMap map, CheckPlan plan, int first, int end)
    {
        _plan = plan;
        _il = il;
        _code = code;
        _map = map;
        _first = first;
        _end = end;
        _stack = il.DeclareLocal(TopType);
        _top = il.DeclareLocal(TopType);
        _gas = il.DeclareLocal(typeof(long));
        _index = il.DeclareLocal(typeof(int));
        _condition = il.DeclareLocal(typeof(bool));
        _segmentLabels = new Label[end - first];
        _uncheckedLabels = new Label[end - first];
        for (int i = 0; i < _segmentLabels.Length; i++)
        {
            _segmentLabels[i] = il.DefineLabel();
            _uncheckedLabels[i] = il.DefineLabel();
        }
        _dispatch = il.DefineLabel();
        _unknownEntry = il.DefineLabel();
        _items = new VirtualStack(il, _top);
    }

    /// <summary>
    /// IL per chunk past which the chunk is split in two and emitted again. Small methods run much faster: the JIT
    /// inlines the word operations into a method only within a budget that grows with the method, and past 2,000 basic
    /// blocks (about 28,000 bytes of IL in JUMPDEST-dense code) it does not optimise at all. Measured on 2026-12-07,
    /// compiled / interpreter: sha1_shifts 1.01 with 20,000 bytes, 0.57 with 8,000, 0.53 with 4,000; blake2b_shifts
    /// 0.60, 0.53, 0.57; a jump-dense method past 28,000 ran 237 times slower than the interpreter.
    /// </summary>
    public const int ChunkIlTarget = 6_000;

    public static CompiledContract Compile(CodeInfo code, ForkSpec spec, ChunkBounds bounds)
    {
        SegmentMap map = SegmentAnalyzer.Analyze(code, spec);
        Segment[] segments = map.Segments;
        // While emitting, a chunk is named by its first segment; numbered in order at the end.
        int[] chunkOf = new int[segments.Length];
        var pending = new Stack<(int First, int End)>();
        List<(int First, int End)> planned = Partition(segments, bounds);
        for (int c = planned.Count - 1; c >= 0; c--)
        {
            pending.Push(planned[c]);
            for (int k = planned[c].First; k < planned[c].End; k++) chunkOf[k] = planned[c].First;
        }
        // No run-time code generation (a NativeAOT build, as the ParaTime's sandboxed executable is): the code runs
        // interpreted, as code too large to compile does. So does jump-dense code too large for one method (a JUMPDEST
        // or a jump every few bytes): its jumps mostly cross chunks, each a return to the engine's loop, and such code
        // measured 4 to 12 times slower than the interpreter, whose linked block checks make those jumps nearly free.
        // And so does code without a jump too large for one method: each instruction runs at most once per frame, and
        // its native code (20 to 50 times the bytecode) runs once through the instruction cache: the memory_grow cases,
        // 20 KiB of straight MLOADs or MSTOREs, ran 1.1 to 1.3 times the interpreter's time.
        if (!RuntimeFeature.IsDynamicCodeSupported || (planned.Count > 1 && (IsJumpDense(segments) || !HasJumps(segments))))
            return new CompiledContract(null, Renumber(planned, chunkOf), map.EntryByPc, segments.Length, 0, 0);
        var plan = new CheckPlan(segments, chunkOf);
        var done = new List<(int First, int End, CompiledBody Body, int Il)>();
        while (pending.TryPop(out var range))
        {
            var (first, end) = range;
            var method = new DynamicMethod($"evm_{spec.Fork}_{code.Length}_{first}", typeof(ExitCode), [typeof(CompiledFrame)],
                typeof(CompiledFrame).Module, skipVisibility: true);
            // Locals are zeroed on entry (InitLocals, the default). Skipping it saved a little per call and chunk
            // crossing, on the claim that every local is written before it is read; a compiled eth_call once answered
            // differently on a repeat (swap_math/spent, not reproduced since), and reading a local left over from an
            // earlier frame is one way to get that. Until the cause is known the tier gives up the saving.
            method.InitLocals = true;
            ILGenerator il = method.GetILGenerator(256 + (segments[end - 1].EndPc - segments[first].StartPc) * 16);
            int chunkIl = new ContractEmitter(il, code, map, plan, first, end).EmitBody(spec);
            if (chunkIl > ChunkIlTarget && end - first > 1)
            {
                int middle = SplitPoint(segments, plan, first, end, out bool changesCharges);
                for (int k = middle; k < end; k++) chunkOf[k] = middle;
                plan = new CheckPlan(segments, chunkOf);
                pending.Push((middle, end));
                pending.Push((first, middle));
                if (changesCharges && segments[first].IsContinuation)
                {
                    // The cut shortens what this chunk's first segment charges ahead, which the chunk before it (the
                    // piece before, run on into unchecked) charged too: emit that one again as well.
                    foreach (var d in done) pending.Push((d.First, d.End));
                    done.Clear();
                }
                continue;
            }
            if (chunkIl > MaxIlBytes)
                return new CompiledContract(null, chunkOf, map.EntryByPc, segments.Length, chunkIl, chunkIl);
            // Not compiled yet: the JIT compiles a chunk the first time it runs.
            done.Add((first, end, method.CreateDelegate<CompiledBody>(), chunkIl));
        }
        var bodies = new CompiledBody[done.Count];
        int ilBytes = 0, largest = 0;
        for (int c = 0; c < done.Count; c++)
        {
            bodies[c] = done[c].Body;
            ilBytes += done[c].Il;
            largest = Math.Max(largest, done[c].Il);
            for (int k = done[c].First; k < done[c].End; k++) chunkOf[k] = c;
        }
        return new CompiledContract(bodies, chunkOf, map.EntryByPc, segments.Length, ilBytes, largest);
    }

    /// <summary>Where to cut a chunk in two: near its middle, before a segment no other runs on into unchecked (or the
    /// next piece of a straight run, which stays unchecked across chunks), so no segment's charge changes; failing that
    /// (one long run of JUMPDESTs), the middle.</summary>
    private static int SplitPoint(Segment[] segments, CheckPlan plan, int first, int end, out bool changesCharges)
    {
        int middle = first + (end - first) / 2;
        for (int d = 0; d < (end - first) / 2; d++)
        {
            foreach (int k in (ReadOnlySpan<int>)[middle + d, middle - d])
            {
                if (k <= first || k >= end) continue;
                if (!plan.RunsOnUnchecked[k - 1] || segments[k - 1].End == SegmentEnd.Split)
                {
                    changesCharges = false;
                    return k;
                }
            }
        }
        changesCharges = true;
        return middle;
    }

    private static bool HasJumps(Segment[] segments)
    {
        foreach (Segment s in segments)
            if (s.IsReachable && s.End is SegmentEnd.Jump or SegmentEnd.ConditionalJump) return true;
        return false;
    }

    /// <summary>Reachable segments average under <see cref="MinBytesPerSegment"/> bytes of code.</summary>
    private static bool IsJumpDense(Segment[] segments)
    {
        long bytes = 0, reachable = 0;
        foreach (Segment s in segments)
        {
            if (!s.IsReachable) continue;
            bytes += s.EndPc - s.StartPc;
            reachable++;
        }
        return bytes < MinBytesPerSegment * reachable;
    }

    /// <summary>Compiled Solidity averages 10 to 40 bytes per segment, Huff several hundred; the jump-dense evmone cases
    /// 1 to 5.</summary>
    public const int MinBytesPerSegment = 6;

    private static int[] Renumber(List<(int First, int End)> chunks, int[] chunkOf)
    {
        for (int c = 0; c < chunks.Count; c++)
            for (int k = chunks[c].First; k < chunks[c].End; k++) chunkOf[k] = c;
        return chunkOf;
    }

    /// <summary>Consecutive segments per chunk: past the bounds a chunk closes before the next segment nothing runs on
    /// into (a jump target after a jump or halt, so the cut costs no crossing on a straight path) or the next piece of a
    /// long straight run, or at twice the bounds wherever it is. Chunks whose IL turns out too large are split again
    /// while emitting.</summary>
    private static List<(int First, int End)> Partition(Segment[] segments, ChunkBounds bounds)
    {
        var chunks = new List<(int, int)>();
        int first = 0;
        long bytes = 0;
        for (int i = 0; i < segments.Length; i++)
        {
            int count = i - first;
            bool full = bytes >= bounds.CodeBytes || count >= bounds.Segments;
            bool overfull = bytes >= 2L * bounds.CodeBytes || count >= 2 * bounds.Segments;
            if (count > 0 && ((full && (!segments[i - 1].RunsOn || segments[i - 1].End == SegmentEnd.Split)) || overfull))
            {
                chunks.Add((first, i));
                first = i;
                bytes = 0;
            }
            if (segments[i].IsReachable) bytes += segments[i].EndPc - segments[i].StartPc;
        }
        chunks.Add((first, segments.Length));
        return chunks;
    }

    private bool InChunk(int segment) => segment >= _first && segment < _end;

    private Label LabelOf(int segment) => _segmentLabels[segment - _first];

    /// <summary>
    /// For tests only: every UInt256 local of the methods emitted from now on holds a non-zero pattern on entry and at
    /// every segment's start (where no local is live), so compiled code that reads a local before writing it gives a
    /// result different from the interpreter's (the compiler tests and <c>codegen-check --poison</c> compare them).
    /// Zeroed locals would hide such a read, and a local reused from an earlier segment would make it depend on that.
    /// </summary>
    internal static bool PoisonLocals { get; set; }

    /// <summary>This chunk is poisoned (<see cref="PoisonLocals"/> when its emission began); the IL bytes that took,
    /// not counted against its size bounds.</summary>
    private bool _poisoned;
    private int _poisonBytes;

    private static readonly UInt256 Poison = new(0x5a5a_0bad_5a5a_0badUL, 0xdead_beef_dead_beefUL, 0x0123_4567_89ab_cdefUL, 0x8000_0000_0000_0001UL);

    /// <summary>Emits the chunk's method; returns its IL size without the test poisoning (which changes no chunk bound).</summary>
    private int EmitBody(ForkSpec spec)
    {
        var il = _il;
        // The poisoning is emitted last (the locals are declared while the body is emitted) and jumped to first.
        Label poison = il.DefineLabel(), body = il.DefineLabel();
        _poisoned = PoisonLocals;
        if (_poisoned)
        {
            il.Emit(OpCodes.Br, poison);
            il.MarkLabel(body);
        }
        EmitSegments(spec);
        int bytes = il.ILOffset - _poisonBytes;
        if (_poisoned)
        {
            il.MarkLabel(poison);
            _items.FillLocals(Poison);
            il.Emit(OpCodes.Br, body);
            bytes -= 5; // the first branch
        }
        return bytes;
    }

    private void EmitSegments(ForkSpec spec)
    {
        var il = _il;
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.StackBase)); il.Emit(OpCodes.Stloc, _stack);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.StackTop)); il.Emit(OpCodes.Stloc, _top);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.GasOf)); il.Emit(OpCodes.Stloc, _gas);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.EntryOf)); il.Emit(OpCodes.Stloc, _index);

        // Every reachable segment can be entered: at an entry pc, by a jump, or run on into from the previous chunk.
        il.MarkLabel(_dispatch);
        var table = new Label[_end - _first];
        // A continuation piece is entered only from the piece before it (in another chunk): past its checks, which that
        // piece made.
        for (int i = _first; i < _end; i++)
            table[i - _first] = !_map.Segments[i].IsReachable ? _unknownEntry
                : _map.Segments[i].IsContinuation && _plan.RunsOnUnchecked[i - 1] ? _uncheckedLabels[i - _first] : LabelOf(i);
        il.Emit(OpCodes.Ldloc, _index);
        il.Emit(OpCodes.Ldc_I4, _first);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Switch, table);
        // Out of range: a dynamic jump into another chunk.
        il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _index); il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas);
        Call(nameof(CompiledOps.NextChunk)); il.Emit(OpCodes.Ret);
        il.MarkLabel(_unknownEntry);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.UnknownEntry)); il.Emit(OpCodes.Ret);

        var deopts = new List<(Label Label, int Pc)>();
        for (int i = _first; i < _end; i++)
        {
            Segment segment = _map.Segments[i];
            if (!segment.IsReachable) continue;
            il.MarkLabel(LabelOf(i));
            if (segment.End == SegmentEnd.Undefined || segment.AlwaysFailsStack || _plan.AlwaysFails(i))
            {
                // Checked entry: nothing charged yet. Unchecked (never expected: a segment before does not run on into
                // one that always fails): what was charged ahead for it is given back.
                EmitDeopt(segment.StartPc, 0);
                il.MarkLabel(_uncheckedLabels[i - _first]);
                EmitDeopt(segment.StartPc, _plan.Prepaid[i]);
                continue;
            }
            Label deopt = il.DefineLabel();
            deopts.Add((deopt, segment.StartPc));
            EmitChecks(i, deopt);
            il.MarkLabel(_uncheckedLabels[i - _first]);
            _items.Begin(segment.MinHeight);
            if (_poisoned)
            {
                // No local is live at a segment's start: poisoned here too, a local read before the segment writes it
                // (it would hold an earlier segment's word, zeroed locals or not) changes the result.
                int before = il.ILOffset;
                _items.FillLocals(Poison);
                _poisonBytes += il.ILOffset - before;
            }
            if (EmitInstructions(i, segment, spec) && segment.RunsOn)
            {
                _items.Flush();
                // Runs on into the next segment: its label here (past its checks when this one made them), or the
                // chunk holding it.
                if (!InChunk(i + 1)) EmitNextChunk(i + 1);
                else if (_plan.RunsOnUnchecked[i]) il.Emit(OpCodes.Br, _uncheckedLabels[i + 1 - _first]);
            }
        }
        foreach (var (label, pc) in deopts)
        {
            il.MarkLabel(label);
            EmitDeopt(pc, 0);
        }
    }

    /// <summary>The stack height in [min, max] as one unsigned comparison of byte distances, then the static gas.</summary>
    private void EmitChecks(int k, Label deopt)
    {
        var il = _il;
        int minHeight = _plan.MinHeight[k], maxHeight = _plan.MaxHeight[k];
        long staticGas = _plan.Prepaid[k];
        if (minHeight > 0 || maxHeight < EvmFrameState.MaxStack)
        {
            il.Emit(OpCodes.Ldloc, _top);
            il.Emit(OpCodes.Ldloc, _stack);
            il.Emit(OpCodes.Sub);
            if (minHeight > 0)
            {
                il.Emit(OpCodes.Ldc_I4, minHeight * 32);
                il.Emit(OpCodes.Conv_I);
                il.Emit(OpCodes.Sub);
            }
            il.Emit(OpCodes.Ldc_I4, (maxHeight - minHeight) * 32);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Bgt_Un, deopt);
        }
        if (staticGas > 0)
        {
            il.Emit(OpCodes.Ldloc, _gas);
            il.Emit(OpCodes.Ldc_I8, staticGas);
            il.Emit(OpCodes.Blt, deopt);
            il.Emit(OpCodes.Ldloc, _gas);
            il.Emit(OpCodes.Ldc_I8, staticGas);
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Stloc, _gas);
        }
    }

    /// <summary>The segment's instructions; false when control cannot reach its end (it jumped, halted or left).</summary>
    private bool EmitInstructions(int k, Segment segment, ForkSpec spec)
    {
        ReadOnlySpan<byte> padded = _code.Padded;
        int pc = segment.StartPc;
        if (segment.EndPc == segment.StartPc) // the STOP past the end of the code
        {
            EmitHalting(OpcodeHelpers.Method(nameof(CompiledOps.Stop)), pc);
            return false;
        }
        // Static gas charged ahead and not yet spent by the instructions still to run (this segment's and those of the
        // segments it runs on into unchecked): what a mid-segment hand-over gives back.
        long unspent = _plan.Prepaid[k];
        while (pc < segment.EndPc)
        {
            var op = (Opcode)padded[CodeInfo.LeadingPadding + pc];
            long unspentBefore = unspent;
            unspent -= spec.StaticGas[(byte)op];
            if (op is >= Opcode.PUSH0 and <= Opcode.PUSH32)
            {
                int n = op - Opcode.PUSH0;
                _items.PushConstant(ReadImmediate(padded, pc, n));
                pc += 1 + n;
                continue;
            }
            if (!EmitInstruction(op, pc, unspentBefore, unspent)) return false;
            pc++;
        }
        return true;
    }

    /// <summary>One instruction; false when control does not go on past it in this segment. <paramref name="unspentAfter"/>
    /// is the segment's static gas charged up front for the instructions after this one: the interpreter has not charged
    /// it yet when it runs this one, so an instruction that reads or charges the gas left sees it added back.</summary>
    private bool EmitInstruction(Opcode op, int pc, long unspentFromHere, long unspentAfter)
    {
        var il = _il;
        switch (op)
        {
            case Opcode.JUMPDEST: return true;
            case Opcode.POP: _items.Drop(); return true;
            case >= Opcode.DUP1 and <= Opcode.DUP16: _items.Dup(op - Opcode.DUP1 + 1); return true;
            case >= Opcode.SWAP1 and <= Opcode.SWAP16: _items.Swap(op - Opcode.SWAP1 + 1); return true;
            case Opcode.PC: _items.PushConstant(new UInt256((ulong)pc)); return true;
            case Opcode.GAS:
            {
                int result = _items.Acquire();
                il.Emit(OpCodes.Ldloc, _gas); EmitAddGas(unspentAfter); _items.LoadLocalAddress(result);
                il.Emit(OpCodes.Call, typeof(WordOps).GetMethod(nameof(WordOps.FromGas))!);
                _items.PushLocal(result);
                return true;
            }
            case >= Opcode.LOG0 and <= Opcode.LOG4:
                _items.Flush();
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas); EmitAddGas(unspentAfter);
                il.Emit(OpCodes.Ldc_I4, (int)(op - Opcode.LOG0));
                Call(nameof(CompiledOps.Log));
                EmitChargeResult(pc, OpcodeStack.Pushes(op) - OpcodeStack.Pops(op), unspentAfter);
                return true;
            case Opcode.JUMP: EmitJump(pc); return false;
            case Opcode.JUMPI: return EmitConditionalJump(pc);
            case Opcode.CALL or Opcode.CALLCODE or Opcode.DELEGATECALL or Opcode.STATICCALL or Opcode.CREATE or Opcode.CREATE2:
                _items.Flush();
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldc_I4, (int)op); il.Emit(OpCodes.Ldc_I4, pc);
                il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas);
                Call(nameof(CompiledOps.Child));
                il.Emit(OpCodes.Ret);
                return false;
        }

        int delta = OpcodeStack.Pushes(op) - OpcodeStack.Pops(op);
        switch (OpcodeHelpers.For(op))
        {
            case (HelperKind.Word, var method):
                EmitWord(op, method);
                return true;
            case (HelperKind.WordCharging, var method):
                EmitWordCharging(op, method, pc, unspentAfter);
                return true;
            case (HelperKind.WordContext, var method):
            {
                int result = _items.Acquire();
                VirtualStack.Item a = _items.Pop();
                il.Emit(OpCodes.Ldarg_0);
                _items.LoadAddress(ref a);
                _items.LoadLocalAddress(result);
                il.Emit(OpCodes.Call, method);
                _items.Release(a);
                _items.PushLocal(result);
                return true;
            }
            case (HelperKind.Context, var method):
                _items.Flush();
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Call, method);
                MoveTop(delta);
                return true;
            case (HelperKind.Charging, var method):
                _items.Flush();
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas); EmitAddGas(unspentAfter);
                il.Emit(OpCodes.Call, method);
                EmitChargeResult(pc, delta, unspentAfter);
                return true;
            case (HelperKind.Halting, var method):
                EmitHalting(method, pc);
                return false;
            default:
                // No helper: the interpreter runs this instruction and what follows, with the static gas of the rest
                // of the segment given back, exactly as if it had run from here.
                _items.Flush();
                EmitDeopt(pc, unspentFromHere);
                return false;
        }
    }

    /// <summary>A stack-only instruction: folded when its operands are constants, else one <see cref="WordOps"/> call
    /// from the operands' places into a fresh local.</summary>
    private void EmitWord(Opcode op, MethodInfo method)
    {
        int arity = OpcodeStack.Pops(op);
        if (TryFold(op, arity)) return;
        if (TryConstantShift(op)) return;
        int result = _items.Acquire();
        VirtualStack.Item a = _items.Pop();
        VirtualStack.Item b = arity > 1 ? _items.Pop() : default;
        VirtualStack.Item c = arity > 2 ? _items.Pop() : default;
        _items.LoadAddress(ref a);
        if (arity > 1) _items.LoadAddress(ref b);
        if (arity > 2) _items.LoadAddress(ref c);
        _items.LoadLocalAddress(result);
        _il.Emit(OpCodes.Call, method);
        _items.Release(a);
        if (arity > 1) _items.Release(b);
        if (arity > 2) _items.Release(c);
        _items.PushLocal(result);
    }

    /// <summary>
    /// A charging instruction over its operands where they lie (no flush): the helper gets the interpreter's gas (ours
    /// plus <paramref name="unspentAfter"/>) and returns what is left or a failure, the interpreter's at the same
    /// instruction (an exceptional halt: the frame's stack no longer matters). If what is left no longer covers the
    /// static gas charged ahead, the interpreter runs the rest from the next instruction with the exact gas.
    /// </summary>
    private void EmitWordCharging(Opcode op, MethodInfo method, int pc, long unspentAfter)
    {
        var il = _il;
        int arity = OpcodeStack.Pops(op);
        bool pushes = OpcodeStack.Pushes(op) > 0;
        int result = pushes ? _items.Acquire() : -1;
        VirtualStack.Item a = _items.Pop();
        VirtualStack.Item b = arity > 1 ? _items.Pop() : default;
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, _gas); EmitAddGas(unspentAfter);
        _items.LoadAddress(ref a);
        if (arity > 1) _items.LoadAddress(ref b);
        if (pushes) _items.LoadLocalAddress(result);
        il.Emit(OpCodes.Call, method);
        il.Emit(OpCodes.Stloc, _gas);
        _items.Release(a);
        if (arity > 1) _items.Release(b);
        if (pushes) _items.PushLocal(result);
        EmitHaltIfFailed(pc);
        EmitDeoptUnlessCovered(pc, unspentAfter, spill: true);
    }

    /// <summary>A negative gas left by a charging helper is the interpreter's failure at <paramref name="pc"/>: halt
    /// with it (the frame's stack no longer matters).</summary>
    private void EmitHaltIfFailed(int pc)
    {
        var il = _il;
        Label ok = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, _gas);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Conv_I8);
        il.Emit(OpCodes.Bge, ok);
        il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _gas); il.Emit(OpCodes.Ldc_I4, pc); il.Emit(OpCodes.Ldloc, _top);
        Call(nameof(CompiledOps.HaltOnNegative));
        il.Emit(OpCodes.Ret);
        il.MarkLabel(ok);
    }

    /// <summary>Takes back the static gas charged ahead for the rest of the segment (<paramref name="unspentAfter"/>);
    /// when what is left does not cover it, the interpreter runs on from the next instruction with the exact gas
    /// (<paramref name="spill"/>: the segment's stack items are written to the frame first).</summary>
    private void EmitDeoptUnlessCovered(int pc, long unspentAfter, bool spill)
    {
        if (unspentAfter == 0) return;
        var il = _il;
        il.Emit(OpCodes.Ldloc, _gas);
        il.Emit(OpCodes.Ldc_I8, unspentAfter);
        il.Emit(OpCodes.Sub);
        il.Emit(OpCodes.Stloc, _gas);
        Label covered = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, _gas);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Conv_I8);
        il.Emit(OpCodes.Bge, covered);
        if (spill) _items.Spill();
        EmitDeopt(pc + 1, unspentAfter);
        il.MarkLabel(covered);
    }

    private static readonly MethodInfo ShiftLeftMethod = typeof(UInt256).GetMethod(nameof(UInt256.ShiftLeft))!;
    private static readonly MethodInfo ShiftRightMethod = typeof(UInt256).GetMethod(nameof(UInt256.ShiftRight))!;
    private static readonly MethodInfo ShiftRightArithmeticMethod = typeof(UInt256).GetMethod(nameof(UInt256.ShiftRightArithmetic))!;

    /// <summary>
    /// Shifts by a constant amount call UInt256's shift with the amount as an immediate; so do DIV by a constant power
    /// of two (a shift right, as <see cref="WordOps.Div"/> does at run time) and MUL by one (a shift left: the same
    /// product modulo 2^256). Compiled Solidity shifts by constants, or multiplies and divides by powers of two where it
    /// predates the shift opcodes.
    /// </summary>
    private bool TryConstantShift(Opcode op)
    {
        if (op is not (Opcode.SHL or Opcode.SHR or Opcode.SAR or Opcode.DIV or Opcode.MUL)) return false;
        VirtualStack.Item a = _items.Peek(1), b = _items.Peek(2);
        MethodInfo method;
        int shift;
        bool valueOnTop = false; // which operand is shifted: the second (b), or for MUL by a constant second, the top (a)
        switch (op)
        {
            case Opcode.SHL or Opcode.SHR or Opcode.SAR when a.IsConstant:
                shift = EvmInterpreter.ShiftAmount(a.Constant);
                method = op == Opcode.SHL ? ShiftLeftMethod : op == Opcode.SHR ? ShiftRightMethod : ShiftRightArithmeticMethod;
                break;
            case Opcode.DIV when b.IsConstant && UInt256.IsPowerOfTwo(b.Constant):
                shift = b.Constant.BitLength - 1;
                method = ShiftRightMethod;
                valueOnTop = true;
                break;
            case Opcode.MUL when b.IsConstant && UInt256.IsPowerOfTwo(b.Constant):
                shift = b.Constant.BitLength - 1;
                method = ShiftLeftMethod;
                valueOnTop = true;
                break;
            case Opcode.MUL when a.IsConstant && UInt256.IsPowerOfTwo(a.Constant):
                shift = a.Constant.BitLength - 1;
                method = ShiftLeftMethod;
                break;
            default:
                return false;
        }
        int result = _items.Acquire();
        VirtualStack.Item first = _items.Pop(), second = _items.Pop();
        VirtualStack.Item value = valueOnTop ? first : second;
        _items.LoadAddress(ref value);
        _il.Emit(OpCodes.Ldc_I4, shift);
        _items.LoadLocalAddress(result);
        _il.Emit(OpCodes.Call, method);
        _items.Release(valueOnTop ? value : first);
        _items.Release(valueOnTop ? second : value);
        _items.PushLocal(result);
        return true;
    }

    private bool TryFold(Opcode op, int arity)
    {
        for (int k = 1; k <= arity; k++)
            if (!_items.Peek(k).IsConstant) return false;
        UInt256 a = _items.Peek(1).Constant;
        UInt256 b = arity > 1 ? _items.Peek(2).Constant : default;
        UInt256 c = arity > 2 ? _items.Peek(3).Constant : default;
        if (!ConstantFolding.TryFold(op, in a, in b, in c, out UInt256 r)) return false;
        for (int k = 0; k < arity; k++) _items.Drop();
        _items.PushConstant(in r);
        return true;
    }

    /// <summary>
    /// A charging helper, handed the interpreter's gas (ours plus <paramref name="unspentAfter"/>), left the gas it leaves
    /// (or a failure: the interpreter's, at the same instruction) on the IL stack; the frame's stack is flushed. If what
    /// is left no longer covers the static gas charged ahead, the interpreter would fail later in the segment, perhaps
    /// for another reason first: it runs the rest from the next instruction with the exact gas.
    /// </summary>
    private void EmitChargeResult(int pc, int delta, long unspentAfter)
    {
        var il = _il;
        il.Emit(OpCodes.Stloc, _gas);
        EmitHaltIfFailed(pc);
        MoveTop(delta);
        EmitDeoptUnlessCovered(pc, unspentAfter, spill: false);
    }

    private void EmitAddGas(long amount)
    {
        if (amount == 0) return;
        _il.Emit(OpCodes.Ldc_I8, amount);
        _il.Emit(OpCodes.Add);
    }

    private void EmitHalting(MethodInfo method, int pc)
    {
        _items.Flush();
        _il.Emit(OpCodes.Ldarg_0); _il.Emit(OpCodes.Ldc_I4, pc); _il.Emit(OpCodes.Ldloc, _top); _il.Emit(OpCodes.Ldloc, _gas);
        _il.Emit(OpCodes.Call, method);
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>JUMP: to a constant destination, straight to its label (or a halt when it is no JUMPDEST); else the
    /// destination's segment through the entry table and the chunk's switch.</summary>
    private void EmitJump(int pc)
    {
        VirtualStack.Item destination = _items.Pop();
        if (destination.IsConstant)
        {
            _items.Flush();
            EmitTakenConstantJump(destination.Constant, pc);
            return;
        }
        // Read before the flush, which may overwrite the slot it lies in.
        EmitJumpIndex(ref destination);
        _items.Release(destination);
        _items.Flush();
        EmitTakenDynamicJump(pc);
    }

    /// <summary>JUMPI; false when the condition is a nonzero constant (control never runs on).</summary>
    private bool EmitConditionalJump(int pc)
    {
        var il = _il;
        VirtualStack.Item destination = _items.Pop();
        VirtualStack.Item condition = _items.Pop();
        if (condition.IsConstant)
        {
            if (condition.Constant.IsZero)
            {
                _items.Release(destination);
                _items.Flush();
                return true;
            }
            _items.Push(destination);
            EmitJump(pc);
            return false;
        }
        _items.LoadAddress(ref condition);
        il.Emit(OpCodes.Call, typeof(WordOps).GetMethod(nameof(WordOps.IsZeroWord))!);
        il.Emit(OpCodes.Stloc, _condition);
        _items.Release(condition);
        _items.Detach(ref destination);
        _items.Flush();
        Label notTaken = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, _condition);
        il.Emit(OpCodes.Brtrue, notTaken);
        if (destination.IsConstant)
        {
            EmitTakenConstantJump(destination.Constant, pc);
        }
        else
        {
            EmitJumpIndex(ref destination);
            EmitTakenDynamicJump(pc);
        }
        _items.Release(destination);
        il.MarkLabel(notTaken);
        return true; // runs on into the next segment
    }

    private void EmitJumpIndex(ref VirtualStack.Item destination)
    {
        _il.Emit(OpCodes.Ldarg_0);
        _items.LoadAddress(ref destination);
        Call(nameof(CompiledOps.JumpIndex));
        _il.Emit(OpCodes.Stloc, _index);
    }

    /// <summary>A constant destination, known now: a bad one halts as the JUMP would; a taken jump checks the interrupt
    /// (as the interpreter does on every taken jump) and branches to the target (in this chunk or another).</summary>
    private void EmitTakenConstantJump(in UInt256 destination, int jumpPc)
    {
        if (!destination.FitsInUlong || !_code.IsValidJumpDest(destination.u0))
        {
            EmitHalt(ExitCode.BadJumpDestination, jumpPc);
            return;
        }
        EmitInterruptCheck(jumpPc);
        int target = _map.EntryByPc[(int)destination.u0];
        if (InChunk(target)) _il.Emit(OpCodes.Br, LabelOf(target));
        else EmitNextChunk(target);
    }

    /// <summary>The destination's segment is in <c>_index</c> (-1: a bad destination); the frame's stack is flushed.</summary>
    private void EmitTakenDynamicJump(int pc)
    {
        var il = _il;
        Label valid = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, _index);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Bge, valid);
        EmitHalt(ExitCode.BadJumpDestination, pc);
        il.MarkLabel(valid);
        EmitInterruptCheck(pc);
        il.Emit(OpCodes.Br, _dispatch);
    }

    private void EmitNextChunk(int segment)
    {
        _il.Emit(OpCodes.Ldarg_0); _il.Emit(OpCodes.Ldc_I4, segment); _il.Emit(OpCodes.Ldloc, _top); _il.Emit(OpCodes.Ldloc, _gas);
        Call(nameof(CompiledOps.NextChunk));
        _il.Emit(OpCodes.Ret);
    }

    private void EmitInterruptCheck(int pc)
    {
        Label go = _il.DefineLabel();
        _il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.Interrupted));
        _il.Emit(OpCodes.Brfalse, go);
        EmitHalt(ExitCode.Interrupted, pc);
        _il.MarkLabel(go);
    }

    private void EmitHalt(ExitCode exit, int pc)
    {
        _il.Emit(OpCodes.Ldarg_0); _il.Emit(OpCodes.Ldc_I4, (int)exit); _il.Emit(OpCodes.Ldc_I4, pc);
        _il.Emit(OpCodes.Ldloc, _top); _il.Emit(OpCodes.Ldloc, _gas);
        Call(nameof(CompiledOps.Halt));
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>Hands the frame to the interpreter at <paramref name="pc"/> with <paramref name="giveBack"/> gas returned
    /// (the frame's stack is flushed).</summary>
    private void EmitDeopt(int pc, long giveBack)
    {
        _il.Emit(OpCodes.Ldarg_0); _il.Emit(OpCodes.Ldc_I4, pc); _il.Emit(OpCodes.Ldloc, _top);
        _il.Emit(OpCodes.Ldloc, _gas);
        if (giveBack != 0)
        {
            _il.Emit(OpCodes.Ldc_I8, giveBack);
            _il.Emit(OpCodes.Add);
        }
        Call(nameof(CompiledOps.Deopt));
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>PUSHn's immediate, zero past the end of the code (the padding holds zeros).</summary>
    private static UInt256 ReadImmediate(ReadOnlySpan<byte> padded, int pc, int n)
    {
        if (n == 0) return UInt256.Zero;
        Span<byte> word = stackalloc byte[32];
        word.Clear();
        padded.Slice(CodeInfo.LeadingPadding + pc + 1, n).CopyTo(word[(32 - n)..]);
        return UInt256.FromBigEndian(word);
    }

    /// <summary>A helper moved the frame's stack top (after a flush): <c>top</c> follows, and so do the items.</summary>
    private void MoveTop(int items)
    {
        _items.Moved(items);
        if (items == 0) return;
        _il.Emit(OpCodes.Ldloc, _top);
        _il.Emit(OpCodes.Ldc_I4, items * 32);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Add);
        _il.Emit(OpCodes.Stloc, _top);
    }

    private void Call(string helper) => _il.Emit(OpCodes.Call, OpcodeHelpers.Method(helper));
}
