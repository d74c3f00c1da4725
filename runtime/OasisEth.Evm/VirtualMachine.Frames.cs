using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Gas;
using OasisEth.Evm.Precompiles;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class VirtualMachine
{
    private const int ShallowDepth = 4;
    private const int ShallowFrameMemoryBytes = 16 * 1024 * 1024;
    private const int DeepFrameMemoryBytes = 64 * 1024;

    /// <summary>
    /// Starts a CALL-family message: the checks that fail without running code, the value transfer, and
    /// precompiles and code-less accounts, which finish at once. Returns the frame to run, or null with
    /// <paramref name="immediate"/> set.
    /// </summary>
    private EvmFrame? StartCall(ref Message m, out CallResult immediate)
    {
        if (_tracer is null) return StartCallCore(ref m, out immediate);
        TraceEnter(in m, m.CodeAddress);
        var frame = StartCallCore(ref m, out immediate);
        if (frame is null) TraceImmediateExit(in m, in immediate);
        return frame;
    }

    private EvmFrame? StartCallCore(ref Message m, out CallResult immediate)
    {
        if (m.Depth > MaxCallDepth)
        {
            immediate = new CallResult(ExitCode.CallDepthExceeded, m.Gas, 0, [], default);
            return null;
        }
        bool transfers = m.Kind is CallKind.Call or CallKind.CallCode;
        if (transfers && !m.Value.IsZero && UInt256.LessThan(_state.GetBalance(m.Caller), m.Value))
        {
            immediate = new CallResult(ExitCode.InsufficientBalance, m.Gas, 0, [], default);
            return null;
        }

        int snapshot = _state.TakeSnapshot();
        bool isPrecompile = PrecompileSet.TryGet(m.CodeAddress, _spec.Fork, out var precompile);
        if (m.Kind == CallKind.Call)
        {
            if (!_state.Exists(m.Recipient) && !isPrecompile && _spec.IsEip158 && m.Value.IsZero)
            {
                // Calling a non-existent account with no value: nothing happens, nothing is created or touched.
                immediate = new CallResult(ExitCode.Stop, m.Gas, 0, [], default);
                return null;
            }
            _state.SubtractBalance(m.Caller, m.Value);
            _state.AddBalance(m.Recipient, m.Value); // creates and touches the recipient, even for zero
        }
        else if (m.Kind == CallKind.StaticCall)
        {
            // A zero-value touch, as the reference clients do (matters only for empty accounts in tests).
            _state.AddBalance(m.Recipient, UInt256.Zero);
        }

        if (isPrecompile)
        {
            immediate = RunPrecompile(precompile!, ref m, snapshot);
            return null;
        }

        CodeInfo code = ResolveCode(m.CodeAddress);
        if (code.Length == 0)
        {
            immediate = new CallResult(ExitCode.Stop, m.Gas, 0, [], default);
            return null;
        }

        var frame = RentFrame(m.Depth);
        frame.Kind = m.Kind;
        frame.Code = code;
        frame.Address = m.Recipient;
        frame.Caller = m.Caller;
        frame.CodeAddress = m.CodeAddress;
        frame.Value = m.Value;
        frame.Input = m.Input;
        frame.IsStatic = m.IsStatic;
        frame.Gas = m.Gas;
        frame.Snapshot = snapshot;
        immediate = default;
        return frame;
    }

    private CallResult RunPrecompile(IPrecompile precompile, ref Message m, int snapshot)
    {
        long cost = precompile.RequiredGas(m.Input, _spec.Fork);
        if ((ulong)cost > (ulong)m.Gas)
        {
            RevertTo(snapshot);
            return new CallResult(ExitCode.OutOfGas, 0, 0, [], default);
        }
        var result = precompile.Run(m.Input, _spec.Fork);
        if (!result.Success)
        {
            RevertTo(snapshot);
            return new CallResult(ExitCode.PrecompileFailure, 0, 0, [], default);
        }
        return new CallResult(ExitCode.Return, m.Gas - cost, 0, result.Output, default);
    }

    /// <summary>
    /// Undoes a failed frame's changes. A touch of the RIPEMD precompile survives the revert, as it did on
    /// mainnet (block 2675119); the world state implements that quirk.
    /// </summary>
    private void RevertTo(int snapshot) => _state.Restore(snapshot);

    /// <summary>The code a call to <paramref name="address"/> runs; from Prague an EIP-7702 delegation designator is followed once.</summary>
    private CodeInfo ResolveCode(in Address address)
    {
        byte[] code = _state.GetCode(address);
        if (code.Length == 0) return CodeInfo.Empty;
        if (_spec.IsPrague && Delegation.TryGetTarget(code, out var target))
        {
            // A designator pointing at a precompile runs as empty code (EIP-7702).
            if (PrecompileSet.IsPrecompile(target, _spec.Fork)) return CodeInfo.Empty;
            byte[] targetCode = _state.GetCode(target);
            return targetCode.Length == 0 ? CodeInfo.Empty : CodeInfo.Get(_state.GetCodeHash(target), targetCode);
        }
        return CodeInfo.Get(_state.GetCodeHash(address), code);
    }

    /// <summary>Starts CREATE/CREATE2 (or a creation transaction): nonce bump, address, collision check, transfer.</summary>
    private EvmFrame? StartCreate(ref Message m, out CallResult immediate)
    {
        if (_tracer is null) return StartCreateCore(ref m, out immediate);
        // Traces name the new contract even when the creation fails before it exists, as geth's do.
        Address predicted = m.Kind == CallKind.Create2
            ? ContractAddress.FromCreate2(m.Caller, m.Salt, m.Input)
            : ContractAddress.FromCreate(m.Caller, _state.GetNonce(m.Caller));
        TraceEnter(in m, predicted);
        var frame = StartCreateCore(ref m, out immediate);
        if (frame is null) TraceImmediateExit(in m, in immediate);
        return frame;
    }

    private EvmFrame? StartCreateCore(ref Message m, out CallResult immediate)
    {
        if (m.Depth > MaxCallDepth)
        {
            immediate = new CallResult(ExitCode.CallDepthExceeded, m.Gas, 0, [], default);
            return null;
        }
        if (!m.Value.IsZero && UInt256.LessThan(_state.GetBalance(m.Caller), m.Value))
        {
            immediate = new CallResult(ExitCode.InsufficientBalance, m.Gas, 0, [], default);
            return null;
        }
        ulong nonce = _state.GetNonce(m.Caller);
        if (nonce == ulong.MaxValue)
        {
            immediate = new CallResult(ExitCode.NonceOverflow, m.Gas, 0, [], default);
            return null;
        }
        _state.SetNonce(m.Caller, nonce + 1);

        Address address = m.Kind == CallKind.Create2
            ? ContractAddress.FromCreate2(m.Caller, m.Salt, m.Input)
            : ContractAddress.FromCreate(m.Caller, nonce);
        m.Recipient = address;
        m.CodeAddress = address;
        // Warmed before the snapshot: the address stays warm even if the creation fails (EIP-2929).
        if (_spec.IsBerlin) _state.WarmUpAccount(address);

        if (_state.GetNonce(address) != 0 || !IsCodeHashEmpty(_state.GetCodeHash(address)) || _state.HasStorage(address))
        {
            immediate = new CallResult(ExitCode.CreateCollision, 0, 0, [], default);
            return null;
        }

        int snapshot = _state.TakeSnapshot();
        _state.CreateContractAccount(address);
        if (_spec.IsEip158) _state.SetNonce(address, 1);
        _state.SubtractBalance(m.Caller, m.Value);
        _state.AddBalance(address, m.Value);

        var frame = RentFrame(m.Depth);
        frame.Kind = m.Kind;
        frame.Code = m.Input.Length == 0 ? CodeInfo.Empty : new CodeInfo(m.Input);
        frame.Address = address;
        frame.Caller = m.Caller;
        frame.CodeAddress = address;
        frame.Value = m.Value;
        frame.Input = [];
        frame.IsStatic = false;
        frame.Gas = m.Gas;
        frame.Snapshot = snapshot;
        immediate = default;
        return frame;
    }

    private static bool IsCodeHashEmpty(in Hash256 hash) => hash.IsZero || hash == Hash256.EmptyCode;

    /// <summary>Applies a halted frame's end: revert on failure, code deposit for creations.</summary>
    private ChildOutcome FinishFrame(EvmFrame frame, ExitCode exit)
    {
        ChildOutcome outcome = FinishFrameCore(frame, exit);
        if (_tracer is not null) TraceFrameExit(frame, exit, in outcome);
        return outcome;
    }

    private ChildOutcome FinishFrameCore(EvmFrame frame, ExitCode exit)
    {
        // The output is already copied out. Shallow frames keep their buffers (memory-heavy contracts run at depth
        // 0-3); deeper pooled frames drop anything over 64 KiB so deep call chains cannot pin memory per depth.
        frame.Memory.Reset(frame.Depth < ShallowDepth ? ShallowFrameMemoryBytes : DeepFrameMemoryBytes);
        if (frame.Kind.IsCreate())
        {
            if (exit.IsSuccess())
            {
                byte[] code = frame.Output;
                ExitCode failure = ExitCode.Running;
                if (_spec.IsEip158 && code.Length > _spec.MaxCodeSize) failure = ExitCode.CodeSizeExceeded;
                else if (_spec.IsLondon && code.Length > 0 && code[0] == 0xEF) failure = ExitCode.InvalidCodePrefix;
                else
                {
                    long depositCost = code.Length * GasCost.CodeDeposit;
                    if (frame.Gas < depositCost)
                    {
                        if (_spec.IsHomestead) failure = ExitCode.OutOfGas;
                        else
                        {
                            // Frontier: out of gas for the deposit leaves an account without code, and keeps the gas.
                            return new ChildOutcome(ExitCode.Return, frame.Gas, frame.Refund, [], frame.Address);
                        }
                    }
                    else
                    {
                        frame.Gas -= depositCost;
                        _state.SetCode(frame.Address, code);
                        return new ChildOutcome(ExitCode.Return, frame.Gas, frame.Refund, [], frame.Address);
                    }
                }
                RevertTo(frame.Snapshot);
                return new ChildOutcome(failure, 0, 0, [], default);
            }
            RevertTo(frame.Snapshot);
            return exit == ExitCode.Revert
                ? new ChildOutcome(exit, frame.Gas, 0, frame.Output, default)
                : new ChildOutcome(exit, 0, 0, [], default);
        }

        if (exit.IsSuccess()) return new ChildOutcome(exit, frame.Gas, frame.Refund, frame.Output, default);
        RevertTo(frame.Snapshot);
        return exit == ExitCode.Revert
            ? new ChildOutcome(exit, frame.Gas, 0, frame.Output, default)
            : new ChildOutcome(exit, 0, 0, [], default);
    }

    /// <summary>Hands a child's outcome to the frame that called it: stack result, gas, refund, return data, memory.</summary>
    private static unsafe void ResumeParent(EvmFrame parent, CallKind childKind, in ChildOutcome outcome)
    {
        parent.Gas += outcome.GasLeft;
        if (outcome.Exit.IsSuccess()) parent.Refund += outcome.Refund;
        ref UInt256 top = ref parent.Stack[parent.StackCount++];
        if (childKind.IsCreate())
        {
            top = outcome.Exit.IsSuccess() ? outcome.CreatedAddress.ToWord() : UInt256.Zero;
            parent.ReturnData = outcome.Exit == ExitCode.Revert ? outcome.Output : [];
            return;
        }
        top = outcome.Exit.IsSuccess() ? UInt256.One : UInt256.Zero;
        parent.ReturnData = outcome.Output;
        if (outcome.Exit.IsSuccess() || outcome.Exit == ExitCode.Revert) CopyCallOutput(parent, outcome.Output);
    }

    private static void CopyCallOutput(EvmFrame frame, byte[] output)
    {
        long n = Math.Min(frame.ChildOutSize, output.Length);
        if (n > 0) output.AsSpan(0, (int)n).CopyTo(frame.Memory.Slice(frame.ChildOutOffset, n));
    }
}
