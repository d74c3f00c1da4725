using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Evm;

/// <summary>
/// Runs messages: the frame loop. CALL and CREATE do not recurse; the instruction prepares a child frame
/// and returns <see cref="ExitCode.ChildRequested"/>; this loop runs the child, then resumes the parent
/// with the child's result. Depth 1024 therefore costs heap frames, never .NET stack.
/// One instance per thread; it keeps its frame pool between transactions.
/// </summary>
public sealed partial class VirtualMachine
{
    public const int MaxCallDepth = 1024;

    private readonly List<EvmFrame> _framePool = [];
    private IWorldState _state = null!;
    private BlockContext _block = null!;
    private TxContext _tx = null!;
    private ForkSpec _spec = null!;
    private ITxTracer? _tracer;
    private EvmFrame? _pendingChild;
    private CancellationToken _interrupt;

    /// <summary>Runs a top-level message (the transaction's call or creation) to completion.</summary>
    /// <param name="interrupt">Stops the execution when signalled (<see cref="ExitCode.Interrupted"/>): checked on
    /// every taken jump and every frame start or resume, the places any long execution must pass. For RPC calls
    /// only; consensus execution passes none, so its outcome never depends on timing.</param>
    public CallResult Execute(IWorldState state, BlockContext block, TxContext tx, ForkSpec spec, Message message, ITxTracer? tracer = null,
        CancellationToken interrupt = default)
    {
        _state = state; _block = block; _tx = tx; _spec = spec; _tracer = tracer; _interrupt = interrupt;
        try
        {
            var first = message.Kind.IsCreate() ? StartCreate(ref message, out var immediate) : StartCall(ref message, out immediate);
            if (first is null) return immediate;

            EvmFrame current = first;
            while (true)
            {
                ExitCode exit = _interrupt.IsCancellationRequested ? ExitCode.Interrupted
                    : tracer is null ? Run<TracingOff>(current) : Run<TracingOn>(current);
                if (exit == ExitCode.Interrupted) return Abandon(current, message.Depth);
                if (exit == ExitCode.ChildRequested)
                {
                    current = _pendingChild!;
                    _pendingChild = null;
                    continue;
                }

                ChildOutcome outcome = FinishFrame(current, exit);
                if (current.Depth == message.Depth)
                    return new CallResult(outcome.Exit, outcome.GasLeft, outcome.Refund, outcome.Output, outcome.CreatedAddress);

                EvmFrame parent = _framePool[current.Depth - 1];
                ResumeParent(parent, current.Kind, in outcome);
                current = parent;
            }
        }
        finally
        {
            _pendingChild = null;
            _tracer = null;
            _interrupt = default;
        }
    }

    /// <summary>An interrupted execution: the frame and every frame waiting below it fail and are reverted (so the
    /// state and a tracer's frame nesting stay consistent), and the message ends with no gas left.</summary>
    private CallResult Abandon(EvmFrame current, int topDepth)
    {
        EvmFrame frame = current;
        while (true)
        {
            FinishFrame(frame, ExitCode.Interrupted);
            if (frame.Depth == topDepth) return new CallResult(ExitCode.Interrupted, 0, 0, [], default);
            frame = _framePool[frame.Depth - 1];
        }
    }

    private EvmFrame RentFrame(int depth)
    {
        while (_framePool.Count <= depth) _framePool.Add(new EvmFrame());
        var frame = _framePool[depth];
        frame.Reset();
        frame.Depth = depth;
        return frame;
    }

    /// <summary>What a finished child hands back to its parent.</summary>
    private readonly record struct ChildOutcome(ExitCode Exit, long GasLeft, long Refund, byte[] Output, Address CreatedAddress);
}
