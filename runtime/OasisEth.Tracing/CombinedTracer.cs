using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Transactions;

namespace OasisEth.Tracing;

/// <summary>Several tracers over one execution (Parity's <c>trace</c> and <c>stateDiff</c> from one run): every hook
/// goes to each, and the options are the union, so a tracer may see hooks it did not ask for (ours ignore them).</summary>
public sealed class CombinedTracer(params ITxTracer[] tracers) : IStateTracer
{
    private readonly TraceOptions _options = Union(tracers);

    private static TraceOptions Union(ITxTracer[] tracers)
    {
        TraceOptions options = TraceOptions.None;
        foreach (ITxTracer t in tracers) options |= t.Options;
        return options;
    }

    public TraceOptions Options => _options;

    public void OnTransactionStart(ulong gasLimit) { foreach (var t in tracers) t.OnTransactionStart(gasLimit); }

    public void OnTransactionState(IWorldState state, BlockContext block, Transaction tx)
    {
        foreach (var t in tracers) (t as IStateTracer)?.OnTransactionState(state, block, tx);
    }

    public void OnTransactionCommitted(IWorldState state)
    {
        foreach (var t in tracers) (t as IStateTracer)?.OnTransactionCommitted(state);
    }

    public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund)
    {
        foreach (var t in tracers) t.OnStep(pc, opcode, gas, gasCost, memorySize, stack, depth, refund);
    }

    public void OnStepDetail(in StepDetail detail) { foreach (var t in tracers) t.OnStepDetail(detail); }

    public void OnStepFault(ExitCode exit, string error) { foreach (var t in tracers) t.OnStepFault(exit, error); }

    public void OnError(string error) { foreach (var t in tracers) t.OnError(error); }

    public void OnEnter(in CallFrameEnter frame) { foreach (var t in tracers) t.OnEnter(frame); }

    public void OnExit(in CallFrameExit frame) { foreach (var t in tracers) t.OnExit(frame); }

    public void OnLog(LogEntry log, int index, int depth) { foreach (var t in tracers) t.OnLog(log, index, depth); }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error)
    {
        foreach (var t in tracers) t.OnTransactionEnd(output, gasUsed, error);
    }
}
