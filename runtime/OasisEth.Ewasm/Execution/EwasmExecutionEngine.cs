using OasisEth.Evm;
using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Specs;
using Wasmtime;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// Ewasm as the frame loop's second engine (<see cref="IExecutionEngine"/>): it claims code that starts with
/// <c>\0asm</c>, runs each frame's <c>main</c> on Wasmtime, and hands calls and creations to the loop like the EVM
/// does, so value, reverts, return data, static rules and the 1,024 depth limit are shared and nesting costs no
/// .NET stack (each suspended wasm frame waits on its own fiber). One instance per <see cref="VirtualMachine"/>.
/// </summary>
public sealed class EwasmExecutionEngine : IExecutionEngine, ICodeDepositRule
{
    private readonly List<EwasmFrame> _frames = [];
    private readonly MeteringMode _mode;
    private IHost _host = null!;
    private EeiPricing _pricing = EeiPricing.Reference;

    public EwasmExecutionEngine(MeteringMode mode, ContractCache? contracts = null, EwasmEngine? wasm = null)
    {
        _mode = mode;
        _givenWasm = wasm;
        _contracts = contracts;
    }

    // Made at the first wasm frame, not here: every chain with Ewasm on builds this engine, and Wasmtime's engine
    // and linker (and its native library, ~5 MiB resident) were loaded at the dev node's start for chains that
    // never run a wasm contract.
    private readonly EwasmEngine? _givenWasm;
    private EwasmEngine? _wasm;
    private ContractCache? _contracts;
    private Linker? _linker;

    internal EwasmEngine Wasm => _wasm ??= _givenWasm ?? EwasmEngine.Instance;

    internal ContractCache Contracts => _contracts ??= SharedContracts(Wasm);

    internal Linker Linker => _linker ??= SharedLinker(Wasm);

    internal IHost Host => _host;

    internal EeiPricing Pricing => _pricing;

    internal MeteringMode Mode => _mode;

    private static readonly Lock SharedLock = new();
    private static ContractCache? s_contracts;
    private static Linker? s_linker;

    private static ContractCache SharedContracts(EwasmEngine wasm)
    {
        lock (SharedLock) return wasm == EwasmEngine.Instance ? s_contracts ??= new ContractCache(wasm) : new ContractCache(wasm);
    }

    private static Linker SharedLinker(EwasmEngine wasm)
    {
        lock (SharedLock) return wasm == EwasmEngine.Instance ? s_linker ??= EeiLinker.Create(wasm.Engine) : EeiLinker.Create(wasm.Engine);
    }

    public bool CanRun(CodeInfo code) => Validation.ContractValidator.IsWasm(code.Code);

    public void Begin(in EngineContext context)
    {
        // A previous execution that ended by an exception may have left fibers waiting: free them.
        foreach (EwasmFrame frame in _frames) frame.Leave();
        _host = context.Host;
        _pricing = _mode == MeteringMode.Reference ? EeiPricing.Reference : EeiPricing.ForFork(context.Spec);
    }

    public void Enter(CallFrame frame)
    {
        while (_frames.Count <= frame.Depth) _frames.Add(new EwasmFrame(this));
        _frames[frame.Depth].Enter(frame);
    }

    public ExitCode Run(CallFrame frame) => _frames[frame.Depth].Run();

    public void Resume(CallFrame frame, in ChildOutcome outcome) => _frames[frame.Depth].DeliverChild(in outcome);

    public void Leave(CallFrame frame) => _frames[frame.Depth].Leave();

    /// <summary>
    /// The deposit rule for a creation's returned code: code starting with the magic must be a valid contract
    /// (version 1, the contract-interface rules, compilable), else the creation fails; anything else is stored as it
    /// is (the reference engine stored two bytes of EVM code returned by a wasm constructor).
    /// </summary>
    public bool Refuses(ReadOnlySpan<byte> code) =>
        Validation.ContractValidator.IsWasm(code) && Contracts.Get(code).Error is not null;
}
