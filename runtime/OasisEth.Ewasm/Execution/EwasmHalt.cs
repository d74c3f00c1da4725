using OasisEth.Evm;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// Thrown by a host function to end the frame at once (finish, revert, selfDestruct, or a failure the host found:
/// out of gas, a bad memory range, a static-mode write, an argument out of range). Wasmtime unwinds the wasm stack
/// and hands it back as the inner exception of its own.
/// </summary>
internal sealed class EwasmHalt(ExitCode exit, string reason) : Exception(reason)
{
    public ExitCode Exit { get; } = exit;

    public static EwasmHalt OutOfGas() => new(ExitCode.OutOfGas, "out of gas");

    public static EwasmHalt Memory(string what) => new(ExitCode.WasmTrap, $"out of bounds memory access ({what})");

    public static EwasmHalt Static(string function) => new(ExitCode.StaticStateChange, $"{function} in a static call");

    public static EwasmHalt OutOfRange(string what) => new(ExitCode.WasmTrap, $"argument out of range: {what}");
}
