using System.Buffers;
using System.Runtime.CompilerServices;
using OasisEth.Evm.Instructions;
using OasisEth.Evm.Specs;

namespace OasisEth.Evm.CodeAnalysis;

/// <summary>
/// The interpreter's checks of one code under one fork, made per block instead of per instruction. For every
/// instruction start <c>pc</c>, <see cref="Table"/> holds the static gas and the stack window of the straight run from
/// <c>pc</c> to the end of its block (the first instruction <see cref="OpcodeFlow.EndsBlock"/> names, JUMPDESTs passed
/// through). A frame entering a block at <c>pc</c> (its start, a jump's JUMPDEST, a resume) with at least that gas and a
/// stack height in the window can run the whole block with no per-instruction check: no instruction in it can
/// underflow, overflow or run out of static gas, and only its last one charges more or reads the gas left. When the
/// check fails the block is certain to fail, and the interpreter runs it instruction by instruction to fail exactly
/// where and how it would have.
/// </summary>
/// <remarks>
/// An entry is packed in one word so the check is one load: static gas in bits 0-31, the lowest height in bytes
/// (items × 32) in bits 32-47, the window's width in bytes in bits 48-63 (read as three fields of a struct, the check
/// measured 4-6% slower on memory-heavy loops). A run that holds an opcode the fork does not define, whose window is
/// empty, or whose gas does not fit 32 bits gets <see cref="AlwaysFails"/>: the interpreter then takes the exact path,
/// which knows what to do.
/// </remarks>
public sealed class BlockChecks
{
    /// <summary>A window no height fits (lowest height beyond the stack's limit, zero width).</summary>
    public const ulong AlwaysFails = 0xFFFFUL << 32;

    /// <summary>Put in the slot of a linked static JUMP (never a block's entry, as a PUSH precedes it): the block that
    /// reached the jump was checked and charged for its destination's run too. As a check it would always fail.</summary>
    public const ulong LinkedJump = 0xFFFEUL << 32;

    public BlockChecks(ReadOnlySpan<byte> code, ForkSpec spec)
    {
        Spec = spec;
        Table = GC.AllocateArray<ulong>(code.Length + 1, pinned: true);
        Analyze(code, spec, Table);
    }

    public ForkSpec Spec { get; }

    /// <summary>Indexed by pc, code length + 1 entries (the last: falling off the end, a STOP). Pinned, so the
    /// interpreter reads it through a raw pointer. Entries inside PUSH data are never read.</summary>
    public ulong[] Table { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Gas(ulong entry) => (long)(uint)entry;

    /// <summary>True if a block entered with <paramref name="gas"/> and a stack of <paramref name="heightBytes"/> cannot
    /// run unchecked (it will fail somewhere inside).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Fails(ulong entry, nint heightBytes, long gas) =>
        gas < (long)(uint)entry | (ulong)(heightBytes - (nint)((entry >> 32) & 0xFFFF)) > (entry >> 48);

    private static void Analyze(ReadOnlySpan<byte> code, ForkSpec spec, ulong[] table)
    {
        // Instruction starts, and the segments they form: runs of instructions ending with one that ends a block (or
        // with the code). A segment ending in PUSH1/PUSH2 + JUMP to a valid JUMPDEST goes on, unconditionally, into the
        // destination's run: its checks then cover that run too (linked), so the jump needs no check of its own. The
        // destinations are done first (depth first, with an explicit stack: code may chain thousands of jumps); a
        // jump back into a segment still being done (a loop) stays unlinked.
        var pool = ArrayPool<int>.Shared;
        int[] starts = pool.Rent(code.Length + 1), segmentFirst = pool.Rent(code.Length + 1), destination = pool.Rent(code.Length + 1);
        int[] pending = pool.Rent(code.Length + 1); // the depth-first stack: each segment is on it at most once
        byte[] state = ArrayPool<byte>.Shared.Rent(code.Length + 1);
        try
        {
            int count = 0, segments = 0;
            for (int pc = 0; pc < code.Length; pc += 1 + OpcodeFlow.ImmediateSize((Opcode)code[pc]))
            {
                if (count == 0 || OpcodeFlow.EndsBlock((Opcode)code[starts[count - 1]])) segmentFirst[segments++] = count;
                starts[count++] = pc;
            }
            segmentFirst[segments] = count;
            // The run after the last instruction: the STOP past the end, which needs nothing.
            table[code.Length] = Pack(new Run(0, 0, EvmFrameState.MaxStack, false));
            for (int k = 0; k < segments; k++)
            {
                destination[k] = StaticJumpDestination(code, starts, count, segmentFirst[k], segmentFirst[k + 1] - 1);
                state[k] = 0;
            }

            for (int root = 0; root < segments; root++)
            {
                if (state[root] != 0) continue;
                int depth = 0;
                pending[depth++] = root;
                while (depth > 0)
                {
                    int k = pending[depth - 1];
                    int target = destination[k] < 0 ? -1 : SegmentOf(starts, count, segmentFirst, segments, destination[k]);
                    if (state[k] == 0)
                    {
                        state[k] = 1;
                        if (target >= 0 && state[target] == 0) { pending[depth++] = target; continue; }
                    }
                    depth--;
                    int last = starts[segmentFirst[k + 1] - 1];
                    bool linked = false;
                    if (target >= 0 && state[target] == 2 && table[destination[k]] != AlwaysFails)
                    {
                        Walk(code, spec, table, starts, segmentFirst[k], segmentFirst[k + 1], Unpack(table[destination[k]]));
                        linked = table[starts[segmentFirst[k]]] != AlwaysFails;
                    }
                    if (linked) table[last] = LinkedJump;
                    else Walk(code, spec, table, starts, segmentFirst[k], segmentFirst[k + 1], new Run(0, 0, EvmFrameState.MaxStack, false));
                    state[k] = 2;
                }
            }
        }
        finally
        {
            pool.Return(starts); pool.Return(segmentFirst); pool.Return(destination); pool.Return(pending);
            ArrayPool<byte>.Shared.Return(state);
        }
    }

    /// <summary>The static gas and stack window of a run, and whether it always fails (an opcode the fork lacks).</summary>
    private readonly record struct Run(long Gas, int Low, int High, bool Fails);

    /// <summary>The entries of one segment's instructions, from its last back to its first, given what follows it.</summary>
    private static void Walk(ReadOnlySpan<byte> code, ForkSpec spec, ulong[] table, int[] starts, int first, int end, Run after)
    {
        var (gas, low, high, fails) = after;
        for (int i = end - 1; i >= first; i--)
        {
            int pc = starts[i];
            var op = (Opcode)code[pc];
            long cost = spec.StaticGas[(byte)op];
            if (cost >= ForkSpec.Undefined) fails = true;
            else gas = Math.Min(gas + cost, (long)uint.MaxValue + 1);
            int pops = StackTraits.Pops(op), pushes = StackTraits.Pushes(op);
            int delta = pushes - pops;
            // The rest of the run sees heights h + delta, which must lie in [low, high].
            low = Math.Max(pops, low - delta);
            high = Math.Min(EvmFrameState.MaxStack - Math.Max(0, delta), high - delta);
            table[pc] = Pack(new Run(gas, low, high, fails));
        }
    }

    /// <summary>The JUMPDEST a segment's closing PUSH1/PUSH2 + JUMP goes to (the pair the interpreter runs as one
    /// instruction), or -1.</summary>
    private static int StaticJumpDestination(ReadOnlySpan<byte> code, int[] starts, int count, int first, int last)
    {
        if (last <= first || (Opcode)code[starts[last]] != Opcode.JUMP) return -1;
        int push = starts[last - 1];
        int destination = (Opcode)code[push] switch
        {
            Opcode.PUSH1 => code[push + 1],
            Opcode.PUSH2 => code[push + 1] << 8 | code[push + 2],
            _ => -1,
        };
        if (destination < 0 || destination >= code.Length || (Opcode)code[destination] != Opcode.JUMPDEST) return -1;
        return Array.BinarySearch(starts, 0, count, destination) >= 0 ? destination : -1; // an instruction, not PUSH data
    }

    private static int SegmentOf(int[] starts, int count, int[] segmentFirst, int segments, int pc)
    {
        int instruction = Array.BinarySearch(starts, 0, count, pc);
        int k = Array.BinarySearch(segmentFirst, 0, segments, instruction);
        return k >= 0 ? k : ~k - 1;
    }

    private static Run Unpack(ulong entry)
    {
        int low = (int)((entry >> 32) & 0xFFFF) / 32;
        return new Run(Gas(entry), low, low + (int)(entry >> 48) / 32, false);
    }

    private static ulong Pack(Run run) =>
        run.Fails || run.Low > run.High || run.Gas > uint.MaxValue
            ? AlwaysFails
            : (ulong)run.Gas | (ulong)(run.Low * 32) << 32 | (ulong)((run.High - run.Low) * 32) << 48;
}
