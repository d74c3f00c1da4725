using OasisEth.Primitives;

namespace OasisEth.Evm.Tracing;

/// <summary>
/// Receives what the interpreter reports while it runs a transaction. The three original members carry the
/// EIP-3155 step fields; everything else is a default no-op, so a tracer implements only what it needs and
/// declares it in <see cref="Options"/> (the interpreter skips the work for anything not asked for).
/// The interpreter runs a separately compiled traced loop when a tracer is given, so the untraced loop pays
/// nothing for any of this; per call frame the untraced path pays one null check.
/// </summary>
/// <remarks>
/// Order of events for one instruction: <see cref="OnStepDetail"/> (only if asked for, before the instruction
/// runs), <see cref="OnStep"/> (once its full cost is known), then <see cref="OnStepFault"/> if it failed.
/// A CALL/CREATE's <see cref="OnStep"/> comes before the child's <see cref="OnEnter"/>; a LOG's
/// <see cref="OnLog"/> comes after the LOG's <see cref="OnStep"/>.
/// </remarks>
public interface ITxTracer
{
    /// <param name="stack">Stack items, bottom first.</param>
    /// <param name="depth">1 for the transaction's own frame (EIP-3155 and geth's struct logs count from 1).</param>
    /// <param name="refund">The transaction's refund counter so far (all active frames).</param>
    void OnStep(int pc, byte opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund);

    /// <summary>The instruction just reported by <see cref="OnStep"/> failed (out of gas, bad jump, ...).</summary>
    void OnError(string error);

    /// <summary>End of the transaction: the output, the gas used (as the receipt has it), and the error if any.</summary>
    void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error);

    /// <summary>What this tracer wants reported. The default is the original contract: steps only.</summary>
    TraceOptions Options => TraceOptions.Steps;

    /// <summary>
    /// Before execution: the transaction's gas limit (geth's callTracer reports it as the top frame's gas). The
    /// interpreter does not know it (intrinsic gas is charged before it runs), so whoever starts the traced
    /// transaction calls this.
    /// </summary>
    void OnTransactionStart(ulong gasLimit) { }

    /// <summary>
    /// Before the instruction of the next <see cref="OnStep"/> runs: the contract, memory, return data and, for
    /// SLOAD/SSTORE, the slot touched. Called when <see cref="Options"/> has <see cref="TraceOptions.Memory"/> or
    /// <see cref="TraceOptions.ReturnData"/> (every step) or <see cref="TraceOptions.Storage"/> (SLOAD/SSTORE steps).
    /// The spans are the interpreter's own buffers: copy what you keep.
    /// </summary>
    void OnStepDetail(in StepDetail detail) { }

    /// <summary>
    /// The instruction just reported by <see cref="OnStep"/> halted its frame exceptionally. <paramref name="error"/>
    /// is geth's wording with its details ("stack underflow (0 &lt;=&gt; 2)", "invalid opcode: INVALID"). The default
    /// forwards the plain text to <see cref="OnError"/>, as before this member existed.
    /// </summary>
    void OnStepFault(ExitCode exit, string error) => OnError(exit.ErrorText() ?? error);

    /// <summary>A call frame starts: every CALL-family and CREATE-family message (the transaction's own at depth 0),
    /// including those that fail before running code, and a successful SELFDESTRUCT (as a frame with no gas).
    /// Asked for with <see cref="TraceOptions.Calls"/>.</summary>
    void OnEnter(in CallFrameEnter frame) { }

    /// <summary>The frame last entered at the same depth ends. Asked for with <see cref="TraceOptions.Calls"/>.</summary>
    void OnExit(in CallFrameExit frame) { }

    /// <summary>A LOG instruction emitted <paramref name="log"/> in the frame at <paramref name="depth"/> (0 = the
    /// transaction's frame); <paramref name="index"/> is its position among the transaction's logs at that moment
    /// (a reverted frame's logs are dropped, so a later log can take the same index, as in a receipt).
    /// Logs of frames that later revert are reported too: the tracer decides. Asked for with <see cref="TraceOptions.Logs"/>.</summary>
    void OnLog(LogEntry log, int index, int depth) { }
}
