using OasisEth.Evm.Instructions;

namespace OasisEth.Evm.Compiler.Analysis;

/// <summary>
/// Items each opcode pops and pushes, from the interpreter's own table (<see cref="StackTraits"/>), so a segment check
/// accepts exactly the heights the interpreter accepts; the compiler needs the net change too, to track the height
/// through a segment.
/// </summary>
internal static class OpcodeStack
{
    public static int Pops(Opcode op) => StackTraits.Pops(op);

    public static int Pushes(Opcode op) => StackTraits.Pushes(op);

    /// <summary>The highest stack height at which <paramref name="op"/> runs without overflowing.</summary>
    public static int MaxHeight(Opcode op) => EvmFrameState.MaxStack - Math.Max(0, Pushes(op) - Pops(op));
}
