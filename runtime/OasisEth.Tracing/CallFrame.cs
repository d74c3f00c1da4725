using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Tracing;

/// <summary>One node of a callTracer result.</summary>
public sealed class CallFrame
{
    public TraceCallType Type { get; init; }
    public Address From { get; init; }
    /// <summary>Null for a failed creation (geth drops the address of a contract that was never made).</summary>
    public Address? To { get; set; }
    public UInt256 Value { get; init; }
    public ulong Gas { get; set; }
    public ulong GasUsed { get; set; }
    public byte[] Input { get; init; } = [];
    /// <summary>Null or empty: omitted.</summary>
    public byte[]? Output { get; set; }
    public string? Error { get; set; }
    public string? RevertReason { get; set; }
    public List<CallFrame>? Calls { get; set; }
    public List<CallLog>? Logs { get; set; }

    /// <summary>geth leaves value out for STATICCALL only; a DELEGATECALL shows the value it inherits (geth 1.14 on).</summary>
    public bool HasValue => Type != TraceCallType.StaticCall;

    public bool Failed => Error is not null;
}

/// <summary>A log a frame emitted (callTracer with <c>withLog</c>).</summary>
/// <param name="Index">The log's index in the block (the tracer's first-log index plus its index in the transaction).</param>
/// <param name="Position">How many sub-calls of the same frame came before it: where it sits among them.</param>
public sealed record CallLog(Address Address, Hash256[] Topics, byte[] Data, int Index, int Position);
