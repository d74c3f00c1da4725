using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// EIP-3155 steps carry the instruction's full cost, dynamic part included, which is known only after the
/// instruction ran. So a step is captured before it runs and reported when the next one starts (or the frame
/// halts or calls out), with the cost taken from the gas difference. Only the traced loop calls this.
/// </summary>
public sealed partial class VirtualMachine
{
    private bool _stepPending;
    private int _stepPc, _stepDepth;
    private byte _stepOp;
    private long _stepGas, _stepStaticCost, _stepMemory, _stepRefund;
    private UInt256[] _stepStack = new UInt256[EvmFrame.MaxStack];
    private int _stepStackCount;

    /// <summary>The frame's gas once a CALL/CREATE has charged everything, the child's allowance included.</summary>
    private long _gasLeftAfterCallCharge;

    private void TraceStep(EvmFrame f, int pc, byte op, long gas, long staticCost, ReadOnlySpan<UInt256> stack)
    {
        FlushTraceStep(_stepGas - gas);
        _stepPending = true;
        _stepPc = pc;
        _stepOp = op;
        _stepGas = gas;
        _stepStaticCost = staticCost == Specs.ForkSpec.Undefined ? 0 : staticCost;
        _stepMemory = f.Memory.Size;
        _stepRefund = f.Refund;
        _stepDepth = f.Depth + 1;
        stack.CopyTo(_stepStack);
        _stepStackCount = stack.Length;
    }

    private void FlushTraceStep(long cost)
    {
        if (!_stepPending) return;
        _stepPending = false;
        _tracer!.OnStep(_stepPc, _stepOp, _stepGas, cost, _stepMemory, _stepStack.AsSpan(0, _stepStackCount), _stepDepth, _stepRefund);
    }

    private void FinishTrace(ExitCode exit, long gasAtHalt)
    {
        bool failed = !exit.IsSuccess() && exit != ExitCode.Revert;
        FlushTraceStep(failed ? _stepStaticCost : _stepGas - gasAtHalt);
        if (failed) _tracer!.OnError(exit.ErrorText()!);
    }
}
