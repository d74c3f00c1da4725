namespace OasisEth.Ewasm.Execution;

/// <summary>How an Ewasm frame pays for what it runs.</summary>
public enum MeteringMode
{
    /// <summary>
    /// The chain's own rule: every wasm instruction costs gas (one per Wasmtime fuel unit, see docs/ewasm.md), memory
    /// costs <see cref="EeiPricing.MemoryPageGas"/> per 64 KiB page, and host functions cost what the equivalent EVM
    /// opcode costs in the active fork (warm/cold included). An endless loop ends out of gas.
    /// </summary>
    Chain,

    /// <summary>
    /// What the Ewasm conformance fixtures were filled with (the reference engine, 2019, instruction metering off):
    /// only host-function charges (<see cref="EeiPricing.Reference"/>) and <c>useGas</c>. Instructions are free, so
    /// Wasmtime fuel is only a hidden, fixed safety cap: a loop that exhausts it fails as out of gas.
    /// </summary>
    Reference,
}
