using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Gas;
using OasisEth.Evm.Precompiles;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class VirtualMachine
{
    /// <summary>
    /// Starts a CALL-family message: the checks that fail without running code, the value transfer, and
    /// precompiles and code-less accounts, which finish at once. Returns the frame to run, or null with
    /// <paramref name="immediate"/> set.
    /// </summary>
    private CallFrame? StartCall(ref Message m, out CallResult immediate)
    {
        if (_tracer is null) return StartCallCore(ref m, out immediate);
        _trace.Enter(in m, m.CodeAddress);
        var frame = StartCallCore(ref m, out immediate);
        if (frame is null) _trace.ImmediateExit(in m, in immediate);
        return frame;
    }

    private CallFrame? StartCallCore(ref Message m, out CallResult immediate)
    {
        if (m.Depth > MaxCallDepth)
        {
            immediate = new CallResult(ExitCode.CallDepthExceeded, m.Gas, 0, [], default);
            return null;
        }
        bool transfers = m.Kind is CallKind.Call or CallKind.CallCode;
        if (transfers && !m.Value.IsZero && UInt256.LessThan(_host.GetBalance(m.Caller), m.Value))
        {
            immediate = new CallResult(ExitCode.InsufficientBalance, m.Gas, 0, [], default);
            return null;
        }

        int snapshot = _host.TakeSnapshot();
        bool isPrecompile = PrecompileSet.TryGet(m.CodeAddress, _spec.Fork, out var precompile);
        if (m.Kind == CallKind.Call)
        {
            if (!_host.AccountExists(m.Recipient) && !isPrecompile && _spec.IsEip158 && m.Value.IsZero)
            {
                // Calling a non-existent account with no value: nothing happens, nothing is created or touched.
                immediate = new CallResult(ExitCode.Stop, m.Gas, 0, [], default);
                return null;
            }
            _host.SubtractBalance(m.Caller, m.Value);
            _host.AddBalance(m.Recipient, m.Value); // creates and touches the recipient, even for zero
        }
        else if (m.Kind == CallKind.StaticCall)
        {
            // A zero-value touch, as the reference clients do (matters only for empty accounts in tests).
            _host.AddBalance(m.Recipient, UInt256.Zero);
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

        var frame = RentFrame(m.Depth, code);
        frame.Kind = m.Kind;
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
    private void RevertTo(int snapshot) => _host.Restore(snapshot);

    /// <summary>The code a call to <paramref name="address"/> runs; from Prague an EIP-7702 delegation designator is followed once.</summary>
    private CodeInfo ResolveCode(in Address address)
    {
        byte[] code = _host.GetCode(address);
        if (code.Length == 0) return CodeInfo.Empty;
        if (_spec.IsPrague && Delegation.TryGetTarget(code, out var target))
        {
            // A designator pointing at a precompile runs as empty code (EIP-7702).
            if (PrecompileSet.IsPrecompile(target, _spec.Fork)) return CodeInfo.Empty;
            byte[] targetCode = _host.GetCode(target);
            return targetCode.Length == 0 ? CodeInfo.Empty : CodeInfo.Get(_host.GetCodeHash(target), targetCode);
        }
        return CodeInfo.Get(_host.GetCodeHash(address), code);
    }

    /// <summary>Starts CREATE/CREATE2 (or a creation transaction): nonce bump, address, collision check, transfer.</summary>
    private CallFrame? StartCreate(ref Message m, out CallResult immediate)
    {
        if (_tracer is null) return StartCreateCore(ref m, out immediate);
        // Traces name the new contract even when the creation fails before it exists, as geth's do.
        Address predicted = m.Kind == CallKind.Create2
            ? ContractAddress.FromCreate2(m.Caller, m.Salt, m.Input)
            : ContractAddress.FromCreate(m.Caller, _host.GetNonce(m.Caller));
        _trace.Enter(in m, predicted);
        var frame = StartCreateCore(ref m, out immediate);
        if (frame is null) _trace.ImmediateExit(in m, in immediate);
        return frame;
    }

    private CallFrame? StartCreateCore(ref Message m, out CallResult immediate)
    {
        if (m.Depth > MaxCallDepth)
        {
            immediate = new CallResult(ExitCode.CallDepthExceeded, m.Gas, 0, [], default);
            return null;
        }
        if (!m.Value.IsZero && UInt256.LessThan(_host.GetBalance(m.Caller), m.Value))
        {
            immediate = new CallResult(ExitCode.InsufficientBalance, m.Gas, 0, [], default);
            return null;
        }
        ulong nonce = _host.GetNonce(m.Caller);
        if (nonce == ulong.MaxValue)
        {
            immediate = new CallResult(ExitCode.NonceOverflow, m.Gas, 0, [], default);
            return null;
        }
        _host.SetNonce(m.Caller, nonce + 1);

        Address address = m.Kind == CallKind.Create2
            ? ContractAddress.FromCreate2(m.Caller, m.Salt, m.Input)
            : ContractAddress.FromCreate(m.Caller, nonce);
        m.Recipient = address;
        m.CodeAddress = address;
        // Warmed before the snapshot: the address stays warm even if the creation fails (EIP-2929).
        if (_spec.IsBerlin) _host.AccessAccount(address);

        if (_host.GetNonce(address) != 0 || !IsCodeHashEmpty(_host.GetCodeHash(address)) || _host.HasStorage(address))
        {
            immediate = new CallResult(ExitCode.CreateCollision, 0, 0, [], default);
            return null;
        }

        int snapshot = _host.TakeSnapshot();
        _host.CreateContractAccount(address);
        if (_spec.IsEip158) _host.SetNonce(address, 1);
        _host.SubtractBalance(m.Caller, m.Value);
        _host.AddBalance(address, m.Value);

        var frame = RentFrame(m.Depth, m.Input.Length == 0 ? CodeInfo.Empty : new CodeInfo(m.Input));
        frame.Kind = m.Kind;
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
    private ChildOutcome FinishFrame(CallFrame frame, ExitCode exit)
    {
        ChildOutcome outcome = FinishFrameCore(frame, exit);
        if (_tracer is not null) _trace.FrameExit(frame, exit, in outcome);
        return outcome;
    }

    /// <summary>True if an engine's deposit rule refuses the code a creation returned (an Ewasm module that is not a
    /// valid contract); with no other engine, nothing is asked.</summary>
    private bool DepositRefused(byte[] code)
    {
        foreach (var engine in _otherEngines)
            if (engine is ICodeDepositRule rule && rule.Refuses(code)) return true;
        return false;
    }

    private ChildOutcome FinishFrameCore(CallFrame frame, ExitCode exit)
    {
        frame.Engine.Leave(frame); // the output is already copied out of the engine's memory
        if (frame.Kind.IsCreate())
        {
            if (exit.IsSuccess())
            {
                byte[] code = frame.Output;
                ExitCode failure = ExitCode.Running;
                if (DepositRefused(code)) failure = ExitCode.InvalidWasmContract;
                else if (_spec.IsEip158 && code.Length > _spec.MaxCodeSize) failure = ExitCode.CodeSizeExceeded;
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
                        _host.SetCode(frame.Address, code);
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

    /// <summary>
    /// Hands a child's outcome to the frame that requested it: the call state here (gas, refund, return data), the
    /// rest (stack result, output copied into memory) by the parent's engine.
    /// </summary>
    private static void ResumeParent(CallFrame parent, in ChildOutcome outcome)
    {
        parent.Gas += outcome.GasLeft;
        if (outcome.Exit.IsSuccess()) parent.Refund += outcome.Refund;
        // A creation's return data is its revert reason only; a call's is whatever the callee returned.
        parent.ReturnData = !parent.Request.Kind.IsCreate() || outcome.Exit == ExitCode.Revert ? outcome.Output : [];
        parent.Engine.Resume(parent, in outcome);
    }
}
