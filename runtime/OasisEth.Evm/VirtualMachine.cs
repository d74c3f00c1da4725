using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;

namespace OasisEth.Evm;

/// <summary>
/// Runs messages: the frame loop. It owns the call state of every frame (<see cref="CallFrame"/>) and asks an
/// execution engine to run each frame until the frame halts or requests a child; it then starts the child (depth,
/// transfer, snapshot, precompiles), runs it, finishes it (revert, code deposit) and resumes the parent with the
/// result. Depth 1024 therefore costs pooled heap frames, never .NET stack. The EVM interpreter is the default
/// engine; others (Ewasm) are passed in and chosen per frame by <see cref="IExecutionEngine.CanRun"/>.
/// One instance per thread; it keeps its frame pool between transactions.
/// </summary>
public sealed partial class VirtualMachine
{
    public const int MaxCallDepth = 1024;

    private readonly List<CallFrame> _framePool = [];
    private readonly EvmInterpreter _evm;
    private readonly IExecutionEngine[] _otherEngines;
    private readonly FrameTracer _trace;
    private IFrameHost _host = null!;
    private ForkSpec _spec = null!;
    private ITxTracer? _tracer;
    private CancellationToken _interrupt;

    /// <param name="engines">Engines for code the EVM does not run, asked in order (none yet: Ewasm comes here).</param>
    public VirtualMachine(params IExecutionEngine[] engines)
    {
        _trace = new FrameTracer(_framePool);
        _evm = new EvmInterpreter(_trace);
        _otherEngines = engines;
    }

    /// <summary>Runs a top-level message (the transaction's call or creation) to completion.</summary>
    /// <param name="interrupt">Stops the execution when signalled (<see cref="ExitCode.Interrupted"/>): checked on
    /// every taken jump and every frame start or resume, the places any long execution must pass. For RPC calls
    /// only; consensus execution passes none, so its outcome never depends on timing.</param>
    public CallResult Execute(IFrameHost host, ForkSpec spec, Message message, ITxTracer? tracer = null,
        CancellationToken interrupt = default)
    {
        _host = host; _spec = spec; _tracer = tracer; _interrupt = interrupt;
        var context = new ExecutionContext(host, spec, tracer, interrupt);
        _trace.Begin(host, spec, tracer);
        _evm.Begin(in context);
        foreach (var engine in _otherEngines) engine.Begin(in context);
        try
        {
            var first = message.Kind.IsCreate() ? StartCreate(ref message, out var immediate) : StartCall(ref message, out immediate);
            if (first is null) return immediate;

            CallFrame current = first;
            while (true)
            {
                ExitCode exit = _interrupt.IsCancellationRequested ? ExitCode.Interrupted : current.Engine.Run(current);
                if (exit == ExitCode.Interrupted) return Abandon(current, message.Depth);
                if (exit == ExitCode.ChildRequested)
                {
                    // The child starts here, not in the engine: a request that finishes at once (precompile, empty
                    // code, early failure) resumes the parent, and the loop runs the parent again.
                    ref Message request = ref current.Request;
                    CallFrame? child = request.Kind.IsCreate() ? StartCreate(ref request, out var result) : StartCall(ref request, out result);
                    if (child is not null)
                    {
                        current = child;
                        continue;
                    }
                    ResumeParent(current, new ChildOutcome(result.Exit, result.GasLeft, result.Refund, result.Output, result.CreatedAddress));
                    continue;
                }

                ChildOutcome outcome = FinishFrame(current, exit);
                if (current.Depth == message.Depth)
                    return new CallResult(outcome.Exit, outcome.GasLeft, outcome.Refund, outcome.Output, outcome.CreatedAddress);

                CallFrame parent = _framePool[current.Depth - 1];
                ResumeParent(parent, in outcome);
                current = parent;
            }
        }
        finally
        {
            _tracer = null;
            _interrupt = default;
            _trace.End();
        }
    }

    /// <summary>An interrupted execution: the frame and every frame waiting below it fail and are reverted (so the
    /// state and a tracer's frame nesting stay consistent), and the message ends with no gas left.</summary>
    private CallResult Abandon(CallFrame current, int topDepth)
    {
        CallFrame frame = current;
        while (true)
        {
            FinishFrame(frame, ExitCode.Interrupted);
            if (frame.Depth == topDepth) return new CallResult(ExitCode.Interrupted, 0, 0, [], default);
            frame = _framePool[frame.Depth - 1];
        }
    }

    /// <summary>A pooled frame for <paramref name="depth"/>, its call state reset, its engine chosen for <paramref name="code"/>
    /// and the engine's state prepared.</summary>
    private CallFrame RentFrame(int depth, CodeInfo code)
    {
        while (_framePool.Count <= depth) _framePool.Add(new CallFrame());
        var frame = _framePool[depth];
        frame.Reset();
        frame.Depth = depth;
        frame.Code = code;
        frame.Engine = SelectEngine(code);
        frame.Engine.Enter(frame);
        return frame;
    }

    private IExecutionEngine SelectEngine(CodeInfo code)
    {
        foreach (var engine in _otherEngines)
            if (engine.CanRun(code)) return engine;
        return _evm;
    }
}
