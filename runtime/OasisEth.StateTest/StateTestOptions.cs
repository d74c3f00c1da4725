using OasisEth.Evm.Compiler;
using OasisEth.Primitives;

namespace OasisEth.StateTest;

/// <summary>What to run and how.</summary>
public sealed class StateTestOptions
{
    /// <summary>Runs only post entries whose fork passes; null runs every fork (unknown fork keys become errors).</summary>
    public Func<Fork, bool>? ForkFilter { get; init; }
    /// <summary>Runs only cases whose id (<c>file::test::fork::index</c>) contains this substring (ordinal).</summary>
    public string? Filter { get; init; }
    /// <summary>When set, every case is traced (EIP-3155) to this writer, and files run one at a time.</summary>
    public TextWriter? TraceOutput { get; init; }
    /// <summary>Files run in parallel up to this many at once (each case on its own fresh state).</summary>
    public int MaxParallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>The state the cases run on; results must not depend on it.</summary>
    public StateBackend Backend { get; init; } = StateBackend.InMemory;
    /// <summary>Whether wasm code runs as Ewasm, and metered how.</summary>
    public EwasmSetting Ewasm { get; init; } = EwasmSetting.Auto;
    /// <summary>Which engine runs EVM bytecode (<c>--evm-tier</c>); results must not depend on it. Traced cases always
    /// run interpreted.</summary>
    public EvmTier Tier { get; init; } = EvmTier.Interpreter;
}

/// <summary>
/// <see cref="Auto"/>: a fixture with wasm modules in its pre-state or creation data (the Ewasm suite, filled by the
/// reference engine) runs with the Ewasm engine in the reference metering; every other fixture runs on the EVM
/// alone, exactly as Ethereum's suites expect.
/// </summary>
public enum EwasmSetting
{
    Auto,
    Off,
    Reference,
    Chain,
}
