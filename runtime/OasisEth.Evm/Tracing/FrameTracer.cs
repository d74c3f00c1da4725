using System.Globalization;
using OasisEth.Evm.Gas;
using OasisEth.Evm.Instructions;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Evm.Tracing;

/// <summary>
/// Everything the frame loop and the EVM interpreter do for a tracer; only the traced loop (<c>Run&lt;TracingOn&gt;</c>)
/// and, once per call frame, the loop's frame start/finish paths behind a null check come here. One per
/// <see cref="VirtualMachine"/>, shared by the loop and its interpreter (a step's cost spans both: a CALL's step is
/// reported when the loop enters the child).
/// </summary>
/// <remarks>
/// EIP-3155 steps carry the instruction's full cost, dynamic part included, which is known only after the
/// instruction ran. So a step is captured before it runs and reported when the next one starts (or the frame
/// halts or calls out), with the cost taken from the gas difference. Logs and SELFDESTRUCT frames are noticed
/// the same way, one step later, so the interpreter's handlers carry no tracer code at all.
/// </remarks>
internal sealed class FrameTracer(List<CallFrame> frames)
{
    private ITxTracer? _tracer;
    private IFrameHost _host = null!;
    private ForkSpec _spec = null!;

    public void Begin(IFrameHost host, ForkSpec spec, ITxTracer? tracer)
    {
        _host = host; _spec = spec; _tracer = tracer;
    }

    public void End() => _tracer = null;

    private bool _stepPending;
    private int _stepPc, _stepDepth;
    private byte _stepOp;
    private long _stepGas, _stepStaticCost, _stepMemory, _stepRefund;

    /// <summary>The gas before the pending step (its cost is this minus the gas after it).</summary>
    public long StepGas => _stepGas;
    private UInt256[] _stepStack = new UInt256[EvmFrameState.MaxStack];
    private int _stepStackCount;

    /// <summary>The frame's gas once a CALL/CREATE has charged everything, the child's allowance included.</summary>
    public long GasLeftAfterCallCharge;

    // ---- per traced run (set up at the first frame of a message run with a tracer) ----
    private ITxTracer? _traceSetUpFor;
    private int _traceTop = -1; // depth of the run's first frame; -1 when no traced run is open
    private bool _traceSteps, _traceCalls, _traceLogs, _traceStorage, _traceMemory, _traceReturnData, _traceDetailEveryStep;
    private long[] _frameStartGas = [];
    private string? _haltError; // geth's wording for the last exceptional halt, for the frame's exit
    private long _stepGasBefore; // gas before the current instruction, kept even when steps are not reported

    // The transaction-wide refund counter is the sum over the active frames (a child's refund joins its
    // parent's only on success). Ancestors do not change while a frame runs, so their sum is cached per frame switch.
    private CallFrame? _refundFrame;
    private long _refundAncestors;

    // A LOG's record is checked for at the next step: its count of logs before it ran, or -1.
    private int _logsBefore = -1;
    private int _logDepth;

    // A SELFDESTRUCT is reported as a frame once its frame halted successfully.
    private bool _selfDestructPending;
    private Address _selfDestructFrom, _selfDestructTo;
    private UInt256 _selfDestructValue;
    private int _selfDestructDepth;

    private void SetUpTrace(int topDepth)
    {
        var options = _tracer!.Options;
        _traceSetUpFor = _tracer;
        _traceTop = topDepth;
        _traceMemory = (options & TraceOptions.Memory) != 0;
        _traceReturnData = (options & TraceOptions.ReturnData) != 0;
        _traceStorage = (options & TraceOptions.Storage) != 0;
        _traceDetailEveryStep = _traceMemory || _traceReturnData;
        _traceSteps = (options & TraceOptions.Steps) != 0 || _traceDetailEveryStep || _traceStorage;
        _traceCalls = (options & TraceOptions.Calls) != 0;
        _traceLogs = (options & TraceOptions.Logs) != 0;
        if (_frameStartGas.Length == 0) _frameStartGas = new long[VirtualMachine.MaxCallDepth + 2];
        _stepPending = false;
        _refundFrame = null;
        _logsBefore = -1;
        _selfDestructPending = false;
        _haltError = null;
    }

    public void Step(CallFrame f, EvmMemory memory, int pc, byte op, long gas, long staticCost, ReadOnlySpan<UInt256> stack)
    {
        if (_traceSteps)
        {
            FlushStep(_stepGas - gas);
            _stepPending = true;
            _stepPc = pc;
            _stepGas = gas;
            _stepStaticCost = staticCost == ForkSpec.Undefined ? 0 : staticCost;
            _stepMemory = memory.Size;
            _stepRefund = TransactionRefund(f);
            _stepDepth = f.Depth + 1;
            stack.CopyTo(_stepStack);
            if (_traceDetailEveryStep || (_traceStorage && (op == 0x54 || op == 0x55))) ReportStepDetail(f, memory, op, stack);
        }
        _stepOp = op;
        _stepStackCount = stack.Length;
        _stepGasBefore = gas;

        if (_logsBefore >= 0) ReportLogs();
        if (_traceLogs && (uint)(op - 0xa0) <= 4)
        {
            _logsBefore = _host.Logs.Count;
            _logDepth = f.Depth;
        }
        else if (_traceCalls && op == 0xff && stack.Length > 0)
        {
            // Read before the instruction moves it: geth reports the balance the contract had.
            _selfDestructPending = true;
            _selfDestructFrom = f.Address;
            _selfDestructTo = Address.FromWord(in stack[^1]);
            _selfDestructValue = _host.GetBalance(f.Address);
            _selfDestructDepth = f.Depth + 1;
        }
    }

    private void ReportStepDetail(CallFrame f, EvmMemory memory, byte op, ReadOnlySpan<UInt256> stack)
    {
        bool storage = _traceStorage && (op == 0x54 ? stack.Length >= 1 : op == 0x55 && stack.Length >= 2);
        UInt256 key = default, value = default;
        if (storage)
        {
            key = stack[^1];
            // SLOAD: the value it is about to read (a plain read, no warm marks); SSTORE: the value being written.
            value = op == 0x54 ? _host.PeekStorage(f.Address, in key) : stack[^2];
        }
        else if (!_traceDetailEveryStep) return;
        _tracer!.OnStepDetail(new StepDetail
        {
            Contract = f.Address,
            Memory = _traceMemory ? memory.Slice(0, memory.Size) : default,
            ReturnData = _traceReturnData ? f.ReturnData : default,
            HasStorage = storage,
            StorageKey = key,
            StorageValue = value,
        });
    }

    private long TransactionRefund(CallFrame f)
    {
        if (!ReferenceEquals(f, _refundFrame))
        {
            long sum = 0;
            for (int d = Math.Max(_traceTop, 0); d < f.Depth; d++) sum += frames[d].Refund;
            _refundAncestors = sum;
            _refundFrame = f;
        }
        return _refundAncestors + f.Refund;
    }

    public void FlushStep(long cost)
    {
        if (!_stepPending) return;
        _stepPending = false;
        _tracer!.OnStep(_stepPc, _stepOp, _stepGas, cost, _stepMemory, _stepStack.AsSpan(0, _stepStackCount), _stepDepth, _stepRefund);
    }

    public void Halt(ExitCode exit, long gasAtHalt)
    {
        bool failed = !exit.IsSuccess() && exit != ExitCode.Revert;
        _haltError = failed ? HaltErrorText(exit, _stepOp, _stepStackCount) : null;
        // EIP-2200's sentry: SSTORE with 2,300 gas or less left fails; geth words it apart from plain out of gas.
        if (exit == ExitCode.OutOfGas && _stepOp == 0x55 && _spec.IsIstanbul && _stepGasBefore - _spec.StaticGas[0x55] <= GasCost.SstoreSentryEip2200)
            _haltError = "out of gas: not enough gas for reentrancy sentry";
        if (_traceSteps)
        {
            FlushStep(failed ? _stepStaticCost : _stepGas - gasAtHalt);
            if (failed) _tracer!.OnStepFault(exit, _haltError!);
        }
        if (_logsBefore >= 0) ReportLogs();
        if (_selfDestructPending)
        {
            _selfDestructPending = false;
            if (exit == ExitCode.Stop && _traceCalls)
            {
                _tracer!.OnEnter(new CallFrameEnter
                {
                    Depth = _selfDestructDepth,
                    Type = TraceCallType.SelfDestruct,
                    From = _selfDestructFrom,
                    To = _selfDestructTo,
                    Value = _selfDestructValue,
                    Gas = 0,
                    Input = default,
                });
                _tracer.OnExit(new CallFrameExit { Depth = _selfDestructDepth, GasUsed = 0, Output = default, Exit = ExitCode.Stop });
            }
        }
    }

    /// <summary>Reports the record a LOG added, if it did (a LOG that ran out of gas added none).</summary>
    private void ReportLogs()
    {
        var logs = _host.Logs;
        for (int i = _logsBefore; i < logs.Count; i++) _tracer!.OnLog(logs[i], i, _logDepth);
        _logsBefore = -1;
    }

    /// <summary>A message starts (called by StartCall/StartCreate when a tracer is attached).</summary>
    public void Enter(in Message m, in Address to)
    {
        if (_traceTop < 0 || !ReferenceEquals(_traceSetUpFor, _tracer)) SetUpTrace(m.Depth);
        // The calling instruction is complete once the child's allowance is charged: report it before the child.
        if (_stepPending) FlushStep(_stepGas - GasLeftAfterCallCharge);
        if ((uint)m.Depth < (uint)_frameStartGas.Length) _frameStartGas[m.Depth] = m.Gas;
        if (!_traceCalls) return;
        _tracer!.OnEnter(new CallFrameEnter
        {
            Depth = m.Depth,
            Type = m.Kind.ToTraceType(),
            // DELEGATECALL's message carries the parent's caller; the frame is entered by the parent contract itself.
            From = m.Kind == CallKind.DelegateCall ? m.Recipient : m.Caller,
            To = to,
            Value = m.Value,
            Gas = m.Gas,
            Input = m.Input,
        });
    }

    /// <summary>A message that finished without running code (precompile, code-less account, early failure).</summary>
    public void ImmediateExit(in Message m, in CallResult result)
    {
        if (_traceCalls)
        {
            _tracer!.OnExit(new CallFrameExit
            {
                Depth = m.Depth,
                GasUsed = m.Gas - result.GasLeft,
                Output = result.Output,
                Exit = result.Exit,
                Error = result.Exit.IsSuccess() ? null : result.Exit.ErrorText(),
            });
        }
        if (m.Depth == _traceTop) _traceTop = -1;
    }

    /// <summary>A frame that ran code finished; <paramref name="halt"/> is how its code stopped, <paramref name="outcome"/> what it hands back.</summary>
    public void FrameExit(CallFrame frame, ExitCode halt, in ChildOutcome outcome)
    {
        if (_traceCalls)
        {
            string? error = null;
            ReadOnlySpan<byte> output = outcome.Output;
            if (!outcome.Exit.IsSuccess())
            {
                if (halt.IsSuccess())
                {
                    // The code returned but the creation failed at the deposit (size, 0xEF prefix, gas).
                    error = outcome.Exit == ExitCode.OutOfGas ? "contract creation code storage out of gas" : outcome.Exit.ErrorText();
                }
                else error = halt == ExitCode.Revert ? halt.ErrorText() : _haltError ?? halt.ErrorText();
            }
            else if (frame.Kind.IsCreate()) output = frame.Output; // the deployed code
            _tracer!.OnExit(new CallFrameExit
            {
                Depth = frame.Depth,
                GasUsed = _frameStartGas[frame.Depth] - outcome.GasLeft,
                Output = output,
                Exit = outcome.Exit,
                Error = error,
            });
        }
        if (frame.Depth == _traceTop) _traceTop = -1;
    }

    /// <summary>
    /// Where the interpreter's text would lose geth's details: the stack errors name the height and the bound,
    /// an invalid opcode names the opcode.
    /// </summary>
    private static unsafe string HaltErrorText(ExitCode exit, byte op, int stackHeight) => exit switch
    {
        ExitCode.StackUnderflow => string.Create(CultureInfo.InvariantCulture, $"stack underflow ({stackHeight} <=> {StackTraits.MinBytes[op] / 32})"),
        ExitCode.StackOverflow => string.Create(CultureInfo.InvariantCulture, $"stack limit reached {stackHeight} ({(StackTraits.MinBytes[op] + StackTraits.SpanBytes[op]) / 32})"),
        ExitCode.InvalidInstruction => "invalid opcode: " + OpcodeMnemonics.Get(op),
        _ => exit.ErrorText()!,
    };
}
