using Wasmtime;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// The process's Wasmtime engine, configured so a module behaves the same on every node: no threads, SIMD,
/// reference types, bulk memory, multi-value, multi-memory, tail calls, GC or exceptions (the validator refuses
/// them too), NaN canonicalisation as a second guard behind the no-float rule, fuel consumption on (the chain's
/// instruction metering and the safety cap of the reference mode), a bounded wasm stack, and memories that are
/// bounds-checked rather than reserved 4 GiB at a time (a deep call stack holds one instance per wasm frame).
/// </summary>
public sealed class EwasmEngine : IDisposable
{
    /// <summary>Wasm's own stack limit: deep recursion inside a contract traps (and the frame fails) at this depth of native stack.</summary>
    public const int WasmStackBytes = 1024 * 1024;

    private static readonly Lazy<EwasmEngine> Shared = new(() => new EwasmEngine());

    public EwasmEngine()
    {
        using var config = new Config()
            .WithWasmThreads(false)
            .WithSIMD(false)
            .WithRelaxedSIMD(false, true)
            .WithReferenceTypes(false)
            .WithBulkMemory(false)
            .WithMultiValue(false)
            .WithMultiMemory(false)
            .WithMemory64(false)
            .WithTailCalls(false)
            .WithGc(false)
            .WithFunctionReferences(false)
            .WithExceptions(false)
            .WithWideArithmetic(false)
            .WithCraneliftNaNCanonicalization(true)
            .WithFuelConsumption(true)
            .WithMaximumStackSize(WasmStackBytes)
            .WithStaticMemoryMaximumSize(0)
            .WithMemoryGuardSize(64 * 1024)
            .WithMemoryReservationForGrowth(0)
            .WithParallelCompilation(false)
            .WithOptimizationLevel(OptimizationLevel.Speed);
        Engine = new Engine(config);
    }

    /// <summary>One engine per process: compiled modules belong to an engine.</summary>
    public static EwasmEngine Instance => Shared.Value;

    public Engine Engine { get; }

    public void Dispose() => Engine.Dispose();
}
