using System.Runtime.CompilerServices;
using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Compiler.Execution;
using OasisEth.Evm.Specs;

namespace OasisEth.Evm.Compiler;

/// <summary>
/// The compiled tier behind the frame loop: an <see cref="IExecutionEngine"/> that runs EVM bytecode through methods
/// compiled to IL (<see cref="CompiledCodeCache"/>), over an interpreter of its own that shares each frame's state
/// (stack, memory, pc). The frame moves to that interpreter whenever the compiled code cannot go on exactly (a
/// segment's stack or gas check fails: the interpreter then fails at the exact instruction) and back at the next
/// entry point (after a child returns). Calls and creations are the interpreter's own instructions, so the loop sees
/// the same requests. With a tracer the engine declines every frame, and the loop's traced interpreter runs.
/// </summary>
public sealed class CompiledExecutionEngine : IExecutionEngine
{
    private readonly EvmInterpreter _interpreter = EvmInterpreter.CreateUntraced();
    private readonly List<CompiledFrame> _frames = [];
    private readonly CompiledCodeCache _cache;
    private readonly EvmTier _tier;
    private ForkSpec _spec = null!;
    private EngineContext _context;
    private bool _tracing;

    /// <summary>The compiled code <see cref="CanRun"/> found, for the frame the loop enters next (held here: the cache
    /// may drop it meanwhile to stay within its memory bound).</summary>
    private CompiledContract? _selected;

    /// <param name="tier"><see cref="EvmTier.Compiled"/> compiles every code before its first frame;
    /// <see cref="EvmTier.Auto"/> compiles hot code in the background; <see cref="EvmTier.Interpreter"/> declines all.</param>
    /// <param name="cache">Shared between engines (threads) to compile each code once; a private one by default.</param>
    public CompiledExecutionEngine(EvmTier tier, CompiledCodeCache? cache = null)
    {
        _tier = tier;
        _cache = cache ?? new CompiledCodeCache();
    }

    public CompiledCodeCache Cache => _cache;

    /// <summary>Runs that entered compiled code, and runs (or rests of runs) the interpreter took over: how much of the
    /// work the compiled code did (tests use it to show a differential run really ran compiled code).</summary>
    public long CompiledRuns { get; private set; }
    public long InterpretedRuns { get; private set; }

    public bool CanRun(CodeInfo code)
    {
        if (_tracing || code.Length == 0) return false;
        _selected = _tier switch
        {
            EvmTier.Compiled => _cache.GetOrCompile(code, _spec),
            EvmTier.Auto => _cache.GetOrWarm(code, _spec),
            _ => null,
        };
        if (_selected is { IsRunnable: false }) _selected = null; // too large to compile well: interpreted
        return _selected is not null;
    }

    public void Begin(in EngineContext context)
    {
        _context = context;
        _spec = context.Spec;
        _tracing = context.Tracer is not null;
        _interpreter.Begin(in context);
    }

    public unsafe void Enter(CallFrame frame)
    {
        _interpreter.Enter(frame);
        while (_frames.Count <= frame.Depth) _frames.Add(new CompiledFrame());
        CompiledFrame c = _frames[frame.Depth];
        EvmFrameState state = _interpreter.StateOf(frame.Depth);
        c.Frame = frame;
        c.State = state;
        c.Memory = state.Memory;
        c.Stack = (Primitives.UInt256*)Unsafe.AsPointer(ref state.Stack[0]); // pinned (EvmFrameState)
        c.Code = frame.Code;
        // CanRun compiled (or found) it just before the loop entered the frame.
        c.Contract = _selected ?? throw new InvalidOperationException("frame entered without compiled code");
        _selected = null;
        c.Interpreter = _interpreter;
        c.Host = _context.Host;
        c.Spec = _spec;
        c.Block = _context.Host.Block;
        c.Tx = _context.Host.Tx;
        c.Interrupt = _context.Interrupt;
    }

    public ExitCode Run(CallFrame frame)
    {
        CompiledFrame c = _frames[frame.Depth];
        int entry = c.Contract.EntryAt(c.State.Pc);
        if (entry >= 0)
        {
            c.Entry = entry;
            CompiledRuns++;
            ExitCode exit = c.Contract.Run(c);
            if (exit != ExitCode.Running) return exit;
        }
        InterpretedRuns++;
        return _interpreter.Run(frame);
    }

    public void Resume(CallFrame frame, in ChildOutcome outcome) => _interpreter.Resume(frame, in outcome);

    public void Leave(CallFrame frame) => _interpreter.Leave(frame);
}
