using OasisEth.Evm.Compiler.Analysis;
using OasisEth.Evm.Instructions;

namespace OasisEth.Evm.Compiler.Tests;

/// <summary>The compiler's pops/pushes table must give the interpreter's stack windows, or a segment check would accept
/// a height the interpreter refuses (or the other way round).</summary>
public class OpcodeStackTests
{
    [Test]
    public unsafe void Every_opcode_has_the_interpreters_stack_window()
    {
        for (int op = 0; op < 256; op++)
        {
            int min = StackTraits.MinBytes[op] / 32;
            int max = (StackTraits.MinBytes[op] + StackTraits.SpanBytes[op]) / 32;
            Assert.That(OpcodeStack.Pops((Opcode)op), Is.EqualTo(min), $"opcode 0x{op:x2} minimum height");
            Assert.That(OpcodeStack.MaxHeight((Opcode)op), Is.EqualTo(max), $"opcode 0x{op:x2} maximum height");
        }
    }
}
