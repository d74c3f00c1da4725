using OasisEth.Primitives;

namespace OasisEth.Evm.Tracing;

/// <summary>
/// Receives one call per executed instruction (EIP-3155 fields). The interpreter runs a separately
/// compiled traced loop when a tracer is given, so the untraced loop pays nothing for this.
/// </summary>
public interface ITxTracer
{
    /// <param name="stack">Stack items, bottom first.</param>
    void OnStep(int pc, byte opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund);

    /// <summary>The instruction just reported by <see cref="OnStep"/> failed (out of gas, bad jump, ...).</summary>
    void OnError(string error);

    /// <summary>End of the transaction: the output, the gas used, and the error if any.</summary>
    void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error);
}
