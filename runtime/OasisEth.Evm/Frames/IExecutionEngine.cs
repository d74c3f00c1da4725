using OasisEth.Evm.CodeAnalysis;
using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// One kind of code behind the frame loop. The loop owns the call state (<see cref="CallFrame"/>) and everything
/// that happens between frames: depth, value transfer, journal snapshots, precompiles, code deposit, return data.
/// The engine owns what happens inside a frame: it runs the frame's code until the code halts or asks for a child
/// call or creation, and takes the child's result back when the loop resumes it. The EVM interpreter
/// (<see cref="EvmInterpreter"/>) is the first engine; a second (Ewasm) implements this interface and is passed
/// to the <see cref="VirtualMachine"/>, with no change to the loop.
/// </summary>
/// <remarks>
/// Engines see the world only through <see cref="IHost"/>. An engine never runs a child itself: it stores the
/// request in <see cref="CallFrame.Request"/> and returns <see cref="ExitCode.ChildRequested"/>, so a chain of 1024
/// nested calls costs 1024 pooled frames and no .NET stack.
/// </remarks>
public interface IExecutionEngine
{
    /// <summary>True if this engine runs <paramref name="code"/> (e.g. a wasm module by its magic bytes). The loop asks
    /// the additional engines in order and falls back to the EVM.</summary>
    bool CanRun(CodeInfo code);

    /// <summary>Starts an execution (one transaction's top-level message): the host and fork hold until it ends.</summary>
    void Begin(in ExecutionContext context);

    /// <summary>A new frame at <see cref="CallFrame.Depth"/> is about to run: prepare fresh engine state for it.</summary>
    void Enter(CallFrame frame);

    /// <summary>
    /// Runs the frame's code from where it stopped until it halts (Stop, Return, Revert or an exceptional halt, with
    /// <see cref="CallFrame.Gas"/> and <see cref="CallFrame.Output"/> set) or requests a child
    /// (<see cref="ExitCode.ChildRequested"/>), or until the context's interrupt stops it (<see cref="ExitCode.Interrupted"/>).
    /// </summary>
    ExitCode Run(CallFrame frame);

    /// <summary>
    /// The child the frame requested finished. The loop has already given back the child's unused gas, added its refund
    /// (on success) and set <see cref="CallFrame.ReturnData"/>; the engine delivers the result to its code (the EVM
    /// pushes the success flag or the new address and copies the output into memory).
    /// </summary>
    void Resume(CallFrame frame, in ChildOutcome outcome);

    /// <summary>The frame halted and the loop has taken its result: release or trim the engine state.</summary>
    void Leave(CallFrame frame);
}

/// <summary>What a finished child hands back to its parent.</summary>
public readonly record struct ChildOutcome(ExitCode Exit, long GasLeft, long Refund, byte[] Output, Address CreatedAddress);
