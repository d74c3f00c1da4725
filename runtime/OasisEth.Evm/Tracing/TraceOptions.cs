namespace OasisEth.Evm.Tracing;

/// <summary>What a tracer wants from the interpreter (<see cref="ITxTracer.Options"/>). Each flag costs only when set.</summary>
[Flags]
public enum TraceOptions
{
    None = 0,
    /// <summary><see cref="ITxTracer.OnStep"/> and the fault calls, per instruction (the stack is copied per step).</summary>
    Steps = 1,
    /// <summary>Memory in <see cref="ITxTracer.OnStepDetail"/>, every step.</summary>
    Memory = 2,
    /// <summary>Return data of the last call in <see cref="ITxTracer.OnStepDetail"/>, every step.</summary>
    ReturnData = 4,
    /// <summary><see cref="ITxTracer.OnStepDetail"/> on SLOAD (slot and current value) and SSTORE (slot and new value).</summary>
    Storage = 8,
    /// <summary><see cref="ITxTracer.OnEnter"/> and <see cref="ITxTracer.OnExit"/>.</summary>
    Calls = 16,
    /// <summary><see cref="ITxTracer.OnLog"/>.</summary>
    Logs = 32,
}
