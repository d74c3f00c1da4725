using System.Buffers;
using System.Runtime.InteropServices;
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
/// An entry is 8 bytes, one cache line holding eight, read field by field with no unpacking (<see cref="BlockCheck"/>).
/// A run that holds an opcode the fork does not define, whose window is empty, or whose gas does not fit 32 bits gets
/// <see cref="BlockCheck.AlwaysFails"/>: the interpreter then takes the exact path, which knows what to do.
/// </remarks>
public sealed class BlockChecks
{
    public BlockChecks(ReadOnlySpan<byte> code, ForkSpec spec)
    {
        Spec = spec;
        Table = GC.AllocateArray<BlockCheck>(code.Length + 1, pinned: true);
        Analyze(code, spec, Table);
    }

    public ForkSpec Spec { get; }

    /// <summary>Indexed by pc, code length + 1 entries (the last: falling off the end, a STOP). Pinned, so the
    /// interpreter reads it through a raw pointer. Entries inside PUSH data are never read.</summary>
    public BlockCheck[] Table { get; }

    private static void Analyze(ReadOnlySpan<byte> code, ForkSpec spec, BlockCheck[] table)
    {
        int[] starts = ArrayPool<int>.Shared.Rent(code.Length + 1);
        try
        {
            int count = 0;
            for (int pc = 0; pc < code.Length; pc += 1 + OpcodeFlow.ImmediateSize((Opcode)code[pc])) starts[count++] = pc;

            // The run after the last instruction: the STOP past the end, which needs nothing.
            long gas = 0;
            int low = 0, high = EvmFrameState.MaxStack;
            bool fails = false;
            table[code.Length] = Pack(gas, low, high, fails);
            for (int i = count - 1; i >= 0; i--)
            {
                int pc = starts[i];
                var op = (Opcode)code[pc];
                if (OpcodeFlow.EndsBlock(op))
                {
                    // What follows is another block, checked when it is entered.
                    gas = 0; low = 0; high = EvmFrameState.MaxStack; fails = false;
                }
                long cost = spec.StaticGas[(byte)op];
                if (cost >= ForkSpec.Undefined) fails = true;
                else gas = Math.Min(gas + cost, (long)uint.MaxValue + 1);
                int pops = StackTraits.Pops(op), pushes = StackTraits.Pushes(op);
                int delta = pushes - pops;
                // The rest of the run sees heights h + delta, which must lie in [low, high].
                low = Math.Max(pops, low - delta);
                high = Math.Min(EvmFrameState.MaxStack - Math.Max(0, delta), high - delta);
                table[pc] = Pack(gas, low, high, fails);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
        }
    }

    private static BlockCheck Pack(long gas, int low, int high, bool fails) =>
        fails || low > high || gas > uint.MaxValue
            ? BlockCheck.AlwaysFails
            : new BlockCheck((uint)gas, (ushort)(low * 32), (ushort)((high - low) * 32));
}

/// <summary>One entry of <see cref="BlockChecks.Table"/>: the run's static gas, and the stack heights it accepts as a
/// lowest height and a width, in bytes (items × 32) so the loop compares its top pointer's distance directly.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct BlockCheck(uint Gas, ushort LowBytes, ushort SpanBytes)
{
    /// <summary>A window no height fits (lowest height beyond the stack's limit, zero width).</summary>
    public static readonly BlockCheck AlwaysFails = new(0, ushort.MaxValue, 0);
}
