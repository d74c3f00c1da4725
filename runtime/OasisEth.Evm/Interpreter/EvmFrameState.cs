using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// The EVM engine's state of one frame: stack, memory, pc, and where a pending child's output goes. Pooled per depth
/// by the <see cref="EvmInterpreter"/> and reused across transactions, so the 32 KiB stack and the memory buffer are
/// allocated once per depth reached. The call state (gas, caller, value, ...) is the frame loop's <see cref="CallFrame"/>.
/// </summary>
public sealed class EvmFrameState
{
    public const int MaxStack = 1024;

    /// <summary>Pinned so the interpreter can address it through a raw pointer without a fixed block.</summary>
    public readonly UInt256[] Stack = GC.AllocateArray<UInt256>(MaxStack, pinned: true);
    public int StackCount;
    public readonly EvmMemory Memory = new();
    public int Pc;

    /// <summary>Where the pending child's output goes in this frame's memory.</summary>
    public long ChildOutOffset, ChildOutSize;
}
