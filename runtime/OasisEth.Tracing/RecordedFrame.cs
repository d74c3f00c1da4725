using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>One call frame as <see cref="FrameRecorder"/> saw it: the interpreter's own figures, nothing rewritten
/// for a particular output format.</summary>
public sealed class RecordedFrame
{
    public TraceCallType Type { get; init; }
    public int Depth { get; init; }
    public Address From { get; init; }

    /// <summary>The callee, the created address (also when the creation failed), or a SELFDESTRUCT's beneficiary.</summary>
    public Address To { get; init; }
    public UInt256 Value { get; init; }

    /// <summary>The gas the frame was given (depth 0: the transaction's gas after intrinsic gas).</summary>
    public long Gas { get; init; }
    public long GasUsed { get; set; }
    public byte[] Input { get; init; } = [];

    /// <summary>RETURN/REVERT data; the deployed code of a successful creation.</summary>
    public byte[] Output { get; set; } = [];
    public ExitCode Exit { get; set; }

    /// <summary>Null on success, else geth's wording.</summary>
    public string? Error { get; set; }
    public List<RecordedFrame> Calls { get; } = [];

    public bool Failed => Error is not null;
    public bool Reverted => Exit == ExitCode.Revert;
}
