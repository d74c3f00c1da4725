namespace OasisEth.Evm;

/// <summary>How a frame stopped (or why it paused: to run a child frame).</summary>
public enum ExitCode : byte
{
    Running,
    Stop,
    Return,
    Revert,
    // Exceptional halts: all the frame's gas is consumed and its state changes are undone.
    OutOfGas,
    InvalidInstruction,
    StackUnderflow,
    StackOverflow,
    BadJumpDestination,
    StaticStateChange,
    ReturnDataOutOfBounds,
    CreateCollision,
    CodeSizeExceeded,
    InvalidCodePrefix, // EIP-3541: deployed code may not start with 0xEF
    InitCodeSizeExceeded,
    PrecompileFailure,
    // Early failures of CALL/CREATE that return the gas (no frame ran).
    CallDepthExceeded,
    InsufficientBalance,
    NonceOverflow,
    // The frame paused to run a child frame.
    ChildRequested,
    // The caller's interrupt was signalled (an RPC call's timeout): the whole execution stops, every frame
    // fails as if exceptionally halted. Never on consensus paths, which pass no interrupt.
    Interrupted,
    // Ewasm frames: a trap (unreachable, memory out of bounds, division by zero, stack exhausted, a host
    // function's bad argument), and code that is not a valid contract (run, or returned by a creation).
    WasmTrap,
    InvalidWasmContract,
}

public static class ExitCodeExtensions
{
    public static bool IsSuccess(this ExitCode code) => code is ExitCode.Stop or ExitCode.Return;

    /// <summary>The error string clients and traces use (geth's wording where there is one).</summary>
    public static string? ErrorText(this ExitCode code) => code switch
    {
        ExitCode.Stop or ExitCode.Return or ExitCode.Running => null,
        ExitCode.Revert => "execution reverted",
        ExitCode.OutOfGas => "out of gas",
        ExitCode.InvalidInstruction => "invalid opcode",
        ExitCode.StackUnderflow => "stack underflow",
        ExitCode.StackOverflow => "stack limit reached 1024",
        ExitCode.BadJumpDestination => "invalid jump destination",
        ExitCode.StaticStateChange => "write protection",
        ExitCode.ReturnDataOutOfBounds => "return data out of bounds",
        ExitCode.CreateCollision => "contract address collision",
        ExitCode.CodeSizeExceeded => "max code size exceeded",
        ExitCode.InvalidCodePrefix => "invalid code: must not begin with 0xef",
        ExitCode.InitCodeSizeExceeded => "max initcode size exceeded",
        ExitCode.PrecompileFailure => "precompile failed",
        ExitCode.CallDepthExceeded => "max call depth exceeded",
        ExitCode.InsufficientBalance => "insufficient balance for transfer",
        ExitCode.NonceOverflow => "nonce uint64 overflow",
        ExitCode.Interrupted => "execution aborted",
        ExitCode.WasmTrap => "wasm trap",
        ExitCode.InvalidWasmContract => "invalid wasm contract",
        _ => code.ToString(),
    };
}
