using OasisEth.Evm.CodeAnalysis;
using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// One call frame. Frames are pooled per depth by the <see cref="VirtualMachine"/> and reused across
/// transactions, so the 32 KiB stack and the memory buffer are allocated once per depth reached.
/// </summary>
public sealed class EvmFrame
{
    public const int MaxStack = 1024;

    public CallKind Kind;
    public CodeInfo Code = CodeInfo.Empty;
    public Address Address;
    public Address Caller;
    public Address CodeAddress;
    public UInt256 Value;
    public byte[] Input = [];
    public bool IsStatic;
    public int Depth;

    public long Gas;
    public long Refund;
    public int Pc;

    /// <summary>Pinned so the interpreter can address it through a raw pointer without a fixed block.</summary>
    public readonly UInt256[] Stack = GC.AllocateArray<UInt256>(MaxStack, pinned: true);
    public int StackCount;
    public readonly EvmMemory Memory = new();
    public byte[] ReturnData = [];

    /// <summary>Journal checkpoint taken before this frame changed anything.</summary>
    public int Snapshot;

    /// <summary>Where the pending child's output goes in this frame's memory.</summary>
    public long ChildOutOffset, ChildOutSize;

    /// <summary>When the frame has halted: its output (RETURN/REVERT data).</summary>
    public byte[] Output = [];

    public void Reset()
    {
        Pc = 0;
        StackCount = 0;
        Refund = 0;
        Memory.Reset();
        ReturnData = [];
        Output = [];
    }
}
