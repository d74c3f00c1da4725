using System.Runtime.CompilerServices;
using OasisEth.Evm;
using OasisEth.Evm.Compiler;

namespace OasisEth.Executor;

/// <summary>
/// Which engine runs EVM bytecode for a chain's transaction processors (<c>--evm-tier</c>), and the compiled code they
/// share. Every tier gives the same results (the compiled tier hands anything it cannot run exactly to the
/// interpreter, and traced executions always run interpreted), so this is tuning, not consensus. One instance per
/// chain or runtime: its processors, on any thread, compile each code once.
/// </summary>
public sealed class EvmEngines
{
    public static readonly EvmEngines Interpreter = new(EvmTier.Interpreter);

    /// <param name="tier">What was asked for; where code cannot be generated at run time (a NativeAOT build, as the
    /// ParaTime's sandboxed executable is) the interpreter runs instead (<see cref="Tier"/> says which runs).</param>
    public EvmEngines(EvmTier tier)
    {
        Requested = tier;
        Tier = RuntimeFeature.IsDynamicCodeSupported ? tier : EvmTier.Interpreter;
        Cache = Tier == EvmTier.Interpreter ? null : new CompiledCodeCache();
    }

    public EvmTier Requested { get; }

    /// <summary>The tier that runs.</summary>
    public EvmTier Tier { get; }

    /// <summary>Compiled code by analysed code and fork; null for the interpreter tier.</summary>
    public CompiledCodeCache? Cache { get; }

    /// <summary>The engines beside the interpreter for one new transaction processor (engines hold per-frame state,
    /// so each processor gets its own).</summary>
    public IExecutionEngine[] ForProcessor() =>
        Cache is null ? [] : [new CompiledExecutionEngine(Tier, Cache)];
}
