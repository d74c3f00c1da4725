using OasisEth.Evm.CodeAnalysis;
using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// The call state of one frame, whatever kind of code it runs: who called whom with what value and gas, the depth,
/// the static flag, the journal snapshot to revert to, the return data of its last child and its own output. The
/// frame loop owns it; the engine running the code keeps its own per-frame state (the EVM's stack, memory and pc in
/// <see cref="EvmFrameState"/>) next to it. Pooled per depth by the <see cref="VirtualMachine"/> and reused across
/// transactions.
/// </summary>
public sealed class CallFrame
{
    public CallKind Kind;
    /// <summary>The code to run (for creations, the init code) and the engine the loop chose for it.</summary>
    public CodeInfo Code = CodeInfo.Empty;
    public IExecutionEngine Engine = null!;
    public Address Address;
    public Address Caller;
    public Address CodeAddress;
    public UInt256 Value;
    public byte[] Input = [];
    public bool IsStatic;
    public int Depth;

    /// <summary>Gas left. Engines keep it in a local while they run and store it back whenever they return.</summary>
    public long Gas;
    /// <summary>This frame's refund counter; joins the parent's only if the frame succeeds.</summary>
    public long Refund;

    /// <summary>The output of the last child call or creation (RETURNDATASIZE/RETURNDATACOPY).</summary>
    public byte[] ReturnData = [];

    /// <summary>Journal checkpoint taken before this frame changed anything.</summary>
    public int Snapshot;

    /// <summary>When the frame has halted: its output (RETURN/REVERT data; for creations, the code to deposit).</summary>
    public byte[] Output = [];

    /// <summary>
    /// Set by the engine before it returns <see cref="ExitCode.ChildRequested"/>: the call or creation to run, gas
    /// already taken from <see cref="Gas"/>. The loop starts it; the result comes back through
    /// <see cref="IExecutionEngine.Resume"/>.
    /// </summary>
    public Message Request;

    internal void Reset()
    {
        Refund = 0;
        ReturnData = [];
        Output = [];
        Request = default;
    }
}
