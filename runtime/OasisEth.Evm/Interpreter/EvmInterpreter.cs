using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// The EVM bytecode engine behind the frame loop: runs a frame's bytecode until it halts or requests a child call or
/// creation (<see cref="IExecutionEngine"/>). It keeps its per-frame state (<see cref="EvmFrameState"/>) in a pool
/// indexed by depth, next to the loop's <see cref="CallFrame"/>, and sees the world only through <see cref="IHost"/>.
/// </summary>
public sealed partial class EvmInterpreter : IExecutionEngine
{
    private const int ShallowDepth = 4;
    private const int ShallowFrameMemoryBytes = 16 * 1024 * 1024;
    private const int DeepFrameMemoryBytes = 64 * 1024;

    private readonly List<EvmFrameState> _states = [];
    private readonly FrameTracer _trace;
    private IHost _host = null!;
    private ForkSpec _spec = null!;
    private BlockContext _block = null!;
    private TxContext _tx = null!;
    private ITxTracer? _tracer;
    // The RPC interrupt as a flag the token's callback sets (another thread) and the loop reads on every taken jump.
    // Asking the token itself was a call the JIT would not inline into the loop, and a call there makes the loop
    // spill its registers around every jump.
    private volatile bool _interrupted;
    private CancellationTokenRegistration _interruptWatch;

    internal EvmInterpreter(FrameTracer trace) => _trace = trace;

    /// <summary>An interpreter of its own for another engine to fall back on (the compiled tier); never traced.</summary>
    internal static EvmInterpreter CreateUntraced() => new(new FrameTracer([]));

    /// <summary>The engine state of the frame at <paramref name="depth"/> (entered by <see cref="Enter"/>).</summary>
    internal EvmFrameState StateOf(int depth) => _states[depth];

    /// <summary>The default engine: any code no other engine claimed is EVM bytecode.</summary>
    public bool CanRun(CodeInfo code) => true;

    public void Begin(in EngineContext context)
    {
        _host = context.Host;
        _spec = context.Spec;
        _block = context.Host.Block;
        _tx = context.Host.Tx;
        _tracer = context.Tracer;
        // The previous execution's registration first: once disposed, its callback can no longer set the flag.
        _interruptWatch.Dispose();
        _interrupted = false;
        _interruptWatch = context.Interrupt.CanBeCanceled
            ? context.Interrupt.UnsafeRegister(static state => ((EvmInterpreter)state!)._interrupted = true, this)
            : default;
    }

    public void Enter(CallFrame frame)
    {
        while (_states.Count <= frame.Depth) _states.Add(new EvmFrameState());
        var state = _states[frame.Depth];
        state.Pc = 0;
        state.StackCount = 0;
        state.Memory.Reset();
    }

    public ExitCode Run(CallFrame frame) =>
        _tracer is null ? Run<TracingOff, PerBlockChecks>(frame) : Run<TracingOn, PerInstructionChecks>(frame);

    /// <summary>Pushes the child's result (1/0 for calls, the new address or 0 for creations) and copies a call's output
    /// into the region the CALL named.</summary>
    public void Resume(CallFrame frame, in ChildOutcome outcome)
    {
        var state = _states[frame.Depth];
        ref UInt256 top = ref state.Stack[state.StackCount++];
        if (frame.Request.Kind.IsCreate())
        {
            top = outcome.Exit.IsSuccess() ? outcome.CreatedAddress.ToWord() : UInt256.Zero;
            return;
        }
        top = outcome.Exit.IsSuccess() ? UInt256.One : UInt256.Zero;
        if (outcome.Exit.IsSuccess() || outcome.Exit == ExitCode.Revert)
        {
            long n = Math.Min(state.ChildOutSize, outcome.Output.Length);
            if (n > 0) outcome.Output.AsSpan(0, (int)n).CopyTo(state.Memory.Slice(state.ChildOutOffset, n));
        }
    }

    /// <summary>Shallow frames keep their buffers (memory-heavy contracts run at depth 0-3); deeper pooled frames drop
    /// anything over 64 KiB so deep call chains cannot pin memory per depth.</summary>
    public void Leave(CallFrame frame) =>
        _states[frame.Depth].Memory.Reset(frame.Depth < ShallowDepth ? ShallowFrameMemoryBytes : DeepFrameMemoryBytes);
}
