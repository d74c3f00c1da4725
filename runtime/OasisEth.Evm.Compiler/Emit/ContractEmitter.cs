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
/// Emits one code's <see cref="CompiledBody"/> for one fork. The method keeps <c>top</c> (a pointer into the frame's
/// pinned stack) and <c>gas</c> in locals; each reachable segment checks its stack window and static gas once (a
/// failed check hands the frame to the interpreter at the segment's start), then runs its instructions as helper
/// calls with no checks. Jumps to a constant destination branch straight to the target's label; other jumps, and
/// entries (frame start, resume after a child), go through one IL <c>switch</c> over segment indexes.
/// </summary>
internal sealed class ContractEmitter
{
    private static readonly Type TopType = typeof(UInt256).MakePointerType();

    private readonly ILGenerator _il;
    private readonly CodeInfo _code;
    private readonly SegmentMap _map;
    private readonly Label[] _segmentLabels;
    private readonly LocalBuilder _stack, _top, _gas, _index;
    private readonly Label _dispatch, _unknownEntry;

    private ContractEmitter(ILGenerator il, CodeInfo code, SegmentMap map)
    {
        _il = il;
        _code = code;
        _map = map;
        _stack = il.DeclareLocal(TopType);
        _top = il.DeclareLocal(TopType);
        _gas = il.DeclareLocal(typeof(long));
        _index = il.DeclareLocal(typeof(int));
        _segmentLabels = new Label[map.Segments.Length];
        for (int i = 0; i < _segmentLabels.Length; i++) _segmentLabels[i] = il.DefineLabel();
        _dispatch = il.DefineLabel();
        _unknownEntry = il.DefineLabel();
    }

    /// <summary>
    /// The largest method worth running. Past the JIT's minimum-optimisation bounds (60,000 bytes of IL, 2,000 basic
    /// blocks) a method is compiled without optimisation, and such code measured up to 200 times slower than the
    /// interpreter on the evmone cases (jump-dense and 14-24 KiB contracts), so code that large runs interpreted.
    /// </summary>
    public const int MaxIlBytes = 60_000;
    public const int MaxSegments = 1_500;

    public static CompiledContract Compile(CodeInfo code, ForkSpec spec)
    {
        SegmentMap map = SegmentAnalyzer.Analyze(code, spec);
        // No run-time code generation (a NativeAOT build, as the ParaTime's sandboxed executable is): the code runs
        // interpreted, as code too large to compile does.
        if (map.Segments.Length > MaxSegments || !RuntimeFeature.IsDynamicCodeSupported)
            return new CompiledContract(null, map.EntryByPc, map.Segments.Length, 0);
        var method = new DynamicMethod($"evm_{spec.Fork}_{code.Length}", typeof(ExitCode), [typeof(CompiledFrame)],
            typeof(CompiledFrame).Module, skipVisibility: true);
        ILGenerator il = method.GetILGenerator(64 + code.Length * 24);
        new ContractEmitter(il, code, map).EmitBody(spec);
        if (il.ILOffset > MaxIlBytes) return new CompiledContract(null, map.EntryByPc, map.Segments.Length, il.ILOffset);
        var body = method.CreateDelegate<CompiledBody>();
        return new CompiledContract(body, map.EntryByPc, map.Segments.Length, il.ILOffset);
    }

    private void EmitBody(ForkSpec spec)
    {
        var il = _il;
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.StackBase)); il.Emit(OpCodes.Stloc, _stack);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.StackTop)); il.Emit(OpCodes.Stloc, _top);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.GasOf)); il.Emit(OpCodes.Stloc, _gas);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.EntryOf)); il.Emit(OpCodes.Stloc, _index);

        il.MarkLabel(_dispatch);
        var table = new Label[_map.Segments.Length];
        for (int i = 0; i < table.Length; i++) table[i] = _map.Segments[i].IsEntry ? _segmentLabels[i] : _unknownEntry;
        il.Emit(OpCodes.Ldloc, _index);
        il.Emit(OpCodes.Switch, table);
        il.MarkLabel(_unknownEntry);
        il.Emit(OpCodes.Ldarg_0); Call(nameof(CompiledOps.UnknownEntry)); il.Emit(OpCodes.Ret);

        var deopts = new List<(Label Label, int Pc)>();
        for (int i = 0; i < _map.Segments.Length; i++)
        {
            Segment segment = _map.Segments[i];
            if (!segment.IsReachable) continue;
            il.MarkLabel(_segmentLabels[i]);
            if (segment.End == SegmentEnd.Undefined || segment.AlwaysFailsStack)
            {
                EmitDeopt(segment.StartPc, 0);
                continue;
            }
            Label deopt = il.DefineLabel();
            deopts.Add((deopt, segment.StartPc));
            EmitChecks(segment, deopt);
            EmitInstructions(segment, spec);
        }
        foreach (var (label, pc) in deopts)
        {
            il.MarkLabel(label);
            EmitDeopt(pc, 0);
        }
    }

    /// <summary>The stack height in [min, max] as one unsigned comparison of byte distances, then the static gas.</summary>
    private void EmitChecks(Segment segment, Label deopt)
    {
        var il = _il;
        if (segment.MinHeight > 0 || segment.MaxHeight < EvmFrameState.MaxStack)
        {
            il.Emit(OpCodes.Ldloc, _top);
            il.Emit(OpCodes.Ldloc, _stack);
            il.Emit(OpCodes.Sub);
            if (segment.MinHeight > 0)
            {
                il.Emit(OpCodes.Ldc_I4, segment.MinHeight * 32);
                il.Emit(OpCodes.Conv_I);
                il.Emit(OpCodes.Sub);
            }
            il.Emit(OpCodes.Ldc_I4, (segment.MaxHeight - segment.MinHeight) * 32);
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Bgt_Un, deopt);
        }
        if (segment.StaticGas > 0)
        {
            il.Emit(OpCodes.Ldloc, _gas);
            il.Emit(OpCodes.Ldc_I8, segment.StaticGas);
            il.Emit(OpCodes.Blt, deopt);
            il.Emit(OpCodes.Ldloc, _gas);
            il.Emit(OpCodes.Ldc_I8, segment.StaticGas);
            il.Emit(OpCodes.Sub);
            il.Emit(OpCodes.Stloc, _gas);
        }
    }

    private void EmitInstructions(Segment segment, ForkSpec spec)
    {
        ReadOnlySpan<byte> padded = _code.Padded;
        int pc = segment.StartPc;
        if (segment.EndPc == segment.StartPc) // the STOP past the end of the code
        {
            EmitHalting(OpcodeHelpers.Method(nameof(CompiledOps.Stop)), pc);
            return;
        }
        // Static gas not yet spent by the instructions still to run: what a mid-segment hand-over gives back.
        long unspent = segment.StaticGas;
        while (pc < segment.EndPc)
        {
            var op = (Opcode)padded[CodeInfo.LeadingPadding + pc];
            long unspentBefore = unspent;
            unspent -= spec.StaticGas[(byte)op];
            if (op is >= Opcode.PUSH0 and <= Opcode.PUSH32)
            {
                int n = op - Opcode.PUSH0;
                UInt256 value = ReadImmediate(padded, pc, n);
                int next = pc + 1 + n;
                if (next < segment.EndPc && (Opcode)padded[CodeInfo.LeadingPadding + next] is Opcode.JUMP or Opcode.JUMPI)
                {
                    EmitConstantJump(value, (Opcode)padded[CodeInfo.LeadingPadding + next], next);
                    return; // a jump ends its segment
                }
                EmitPush(in value);
                pc = next;
                continue;
            }
            EmitInstruction(op, pc, unspentBefore);
            pc++;
        }
    }

    private void EmitInstruction(Opcode op, int pc, long unspentFromHere)
    {
        var il = _il;
        switch (op)
        {
            case Opcode.JUMPDEST: return;
            case Opcode.POP: MoveTop(-1); return;
            case >= Opcode.DUP1 and <= Opcode.DUP16:
                il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldc_I4, op - Opcode.DUP1 + 1); Call(nameof(CompiledOps.Dup));
                MoveTop(1);
                return;
            case >= Opcode.SWAP1 and <= Opcode.SWAP16:
                il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldc_I4, op - Opcode.SWAP1 + 1); Call(nameof(CompiledOps.Swap));
                return;
            case Opcode.PC:
                EmitPush(new UInt256((ulong)pc));
                return;
            case Opcode.GAS:
                il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas); Call(nameof(CompiledOps.Gas)); il.Emit(OpCodes.Stloc, _gas);
                MoveTop(1);
                return;
            case >= Opcode.LOG0 and <= Opcode.LOG4:
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas); il.Emit(OpCodes.Ldc_I4, (int)(op - Opcode.LOG0));
                Call(nameof(CompiledOps.Log));
                EmitChargeResult(pc, OpcodeStack.Pushes(op) - OpcodeStack.Pops(op));
                return;
            case Opcode.JUMP: EmitDynamicJump(pc, conditional: false); return;
            case Opcode.JUMPI: EmitDynamicJump(pc, conditional: true); return;
            case Opcode.CALL or Opcode.CALLCODE or Opcode.DELEGATECALL or Opcode.STATICCALL or Opcode.CREATE or Opcode.CREATE2:
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldc_I4, (int)op); il.Emit(OpCodes.Ldc_I4, pc);
                il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas);
                Call(nameof(CompiledOps.Child));
                il.Emit(OpCodes.Ret);
                return;
        }

        int delta = OpcodeStack.Pushes(op) - OpcodeStack.Pops(op);
        switch (OpcodeHelpers.For(op))
        {
            case (HelperKind.Stack, var method):
                il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Call, method);
                MoveTop(delta);
                return;
            case (HelperKind.Context, var method):
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Call, method);
                MoveTop(delta);
                return;
            case (HelperKind.Charging, var method):
                il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _top); il.Emit(OpCodes.Ldloc, _gas); il.Emit(OpCodes.Call, method);
                EmitChargeResult(pc, delta);
                return;
            case (HelperKind.Halting, var method):
                EmitHalting(method, pc);
                return;
            default:
                // No helper: the interpreter runs this instruction and what follows, with the static gas of the rest
                // of the segment given back, exactly as if it had run from here.
                EmitDeopt(pc, unspentFromHere);
                return;
        }
    }

    /// <summary>A charging helper left the gas (or a failure) on the IL stack.</summary>
    private void EmitChargeResult(int pc, int delta)
    {
        var il = _il;
        il.Emit(OpCodes.Stloc, _gas);
        Label ok = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, _gas);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Conv_I8);
        il.Emit(OpCodes.Bge, ok);
        il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _gas); il.Emit(OpCodes.Ldc_I4, pc); il.Emit(OpCodes.Ldloc, _top);
        Call(nameof(CompiledOps.HaltOnNegative));
        il.Emit(OpCodes.Ret);
        il.MarkLabel(ok);
        MoveTop(delta);
    }

    private void EmitHalting(MethodInfo method, int pc)
    {
        _il.Emit(OpCodes.Ldarg_0); _il.Emit(OpCodes.Ldc_I4, pc); _il.Emit(OpCodes.Ldloc, _top); _il.Emit(OpCodes.Ldloc, _gas);
        _il.Emit(OpCodes.Call, method);
        _il.Emit(OpCodes.Ret);
    }

    /// <summary>PUSH then JUMP/JUMPI: the destination is known now. A bad one halts as the JUMP would; a taken jump checks
    /// the interrupt (as the interpreter does on every taken jump) and branches to the target's label.</summary>
    private void EmitConstantJump(in UInt256 destination, Opcode jump, int jumpPc)
    {
        var il = _il;
        bool valid = destination.FitsInUlong && _code.IsValidJumpDest(destination.u0);
        if (jump == Opcode.JUMPI)
        {
            Label notTaken = il.DefineLabel();
            il.Emit(OpCodes.Ldloc, _top); EmitOffset(-1); Call(nameof(CompiledOps.IsZero));
            il.Emit(OpCodes.Brtrue, notTaken);
            EmitTakenConstantJump(valid, destination, jumpPc, popAfter: 1);
            il.MarkLabel(notTaken);
            MoveTop(-1);
            return; // runs on into the next segment
        }
        EmitTakenConstantJump(valid, destination, jumpPc, popAfter: 0);
    }

    private void EmitTakenConstantJump(bool valid, in UInt256 destination, int jumpPc, int popAfter)
    {
        if (!valid)
        {
            EmitHalt(ExitCode.BadJumpDestination, jumpPc);
            return;
        }
        EmitInterruptCheck(jumpPc);
        MoveTop(-popAfter);
        _il.Emit(OpCodes.Br, _segmentLabels[_map.EntryByPc[(int)destination.u0]]);
    }

    /// <summary>JUMP/JUMPI to a destination on the stack: validity through the entry table, then the shared switch.</summary>
    private void EmitDynamicJump(int pc, bool conditional)
    {
        var il = _il;
        Label notTaken = il.DefineLabel();
        if (conditional)
        {
            il.Emit(OpCodes.Ldloc, _top); EmitOffset(-2); Call(nameof(CompiledOps.IsZero));
            il.Emit(OpCodes.Brtrue, notTaken);
        }
        il.Emit(OpCodes.Ldarg_0); il.Emit(OpCodes.Ldloc, _top); EmitOffset(-1); Call(nameof(CompiledOps.JumpIndex));
        il.Emit(OpCodes.Stloc, _index);
        Label valid = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, _index);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Bge, valid);
        EmitHalt(ExitCode.BadJumpDestination, pc);
        il.MarkLabel(valid);
        EmitInterruptCheck(pc);
        MoveTop(conditional ? -2 : -1);
        il.Emit(OpCodes.Br, _dispatch);
        if (conditional)
        {
            il.MarkLabel(notTaken);
            MoveTop(-2);
        }
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

    /// <summary>Hands the frame to the interpreter at <paramref name="pc"/> with <paramref name="giveBack"/> gas returned.</summary>
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

    private void EmitPush(in UInt256 value)
    {
        var il = _il;
        il.Emit(OpCodes.Ldloc, _top);
        if (value.u1 == 0 && value.u2 == 0 && value.u3 == 0)
        {
            il.Emit(OpCodes.Ldc_I8, (long)value.u0);
            Call(nameof(CompiledOps.PushSmall));
        }
        else
        {
            il.Emit(OpCodes.Ldc_I8, (long)value.u0);
            il.Emit(OpCodes.Ldc_I8, (long)value.u1);
            il.Emit(OpCodes.Ldc_I8, (long)value.u2);
            il.Emit(OpCodes.Ldc_I8, (long)value.u3);
            Call(nameof(CompiledOps.PushWide));
        }
        MoveTop(1);
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

    private void MoveTop(int items)
    {
        if (items == 0) return;
        _il.Emit(OpCodes.Ldloc, _top);
        EmitOffset(items);
        _il.Emit(OpCodes.Stloc, _top);
    }

    /// <summary>Adds <paramref name="items"/> stack slots to the pointer on the IL stack.</summary>
    private void EmitOffset(int items)
    {
        _il.Emit(OpCodes.Ldc_I4, items * 32);
        _il.Emit(OpCodes.Conv_I);
        _il.Emit(OpCodes.Add);
    }

    private void Call(string helper) => _il.Emit(OpCodes.Call, OpcodeHelpers.Method(helper));
}
