using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Compiler.Execution;

/// <summary>
/// What a compiled contract's method sees of one frame: the loop's <see cref="CallFrame"/>, the interpreter's frame
/// state it shares (stack, memory, pc: a frame can move between the compiled code and the interpreter at any segment
/// start), the fallback interpreter whose opcode helpers it calls, and the execution's host and fork. Pooled per depth
/// by the <see cref="CompiledExecutionEngine"/>.
/// </summary>
internal sealed unsafe class CompiledFrame
{
    public CallFrame Frame = null!;
    public EvmFrameState State = null!;
    public EvmMemory Memory = null!;
    /// <summary>The state's pinned stack array.</summary>
    public UInt256* Stack;
    public CodeInfo Code = null!;
    public CompiledContract Contract = null!;
    /// <summary>The segment to start at (an index into the contract's entry table).</summary>
    public int Entry;

    public EvmInterpreter Interpreter = null!;
    public IHost Host = null!;
    public ForkSpec Spec = null!;
    public BlockContext Block = null!;
    public TxContext Tx = null!;
    public CancellationToken Interrupt;
}
