using OasisEth.Evm.Gas;
using OasisEth.Primitives;

namespace OasisEth.Evm;

public sealed partial class EvmInterpreter
{
    /// <summary>
    /// CALL, CALLCODE, DELEGATECALL, STATICCALL. The frame's pc, gas and stack height are synced on entry.
    /// Returns <see cref="ExitCode.ChildRequested"/> with the message in <see cref="CallFrame.Request"/> (arguments
    /// popped, gas charged, pc advanced; the frame loop starts the child and <see cref="Resume"/> pushes the result),
    /// or the exceptional halt.
    /// </summary>
    internal ExitCode InstructionCall(CallFrame f, EvmFrameState state, Opcode op)
    {
        var kind = op switch { Opcode.CALL => CallKind.Call, Opcode.CALLCODE => CallKind.CallCode, Opcode.DELEGATECALL => CallKind.DelegateCall, _ => CallKind.StaticCall };
        bool hasValue = kind is CallKind.Call or CallKind.CallCode;
        var s = state.Stack;
        int h = state.StackCount;
        UInt256 requestedGas = s[h - 1];
        Address target = Address.FromWord(in s[h - 2]);
        UInt256 value = hasValue ? s[h - 3] : UInt256.Zero;
        int argsAt = hasValue ? h - 4 : h - 3;
        UInt256 inOffset = s[argsAt], inSize = s[argsAt - 1], outOffset = s[argsAt - 2], outSize = s[argsAt - 3];
        state.StackCount = argsAt - 3; // pops all arguments; the result is pushed below

        if (kind == CallKind.Call && f.IsStatic && !value.IsZero) return ExitCode.StaticStateChange;

        long gas = f.Gas;
        EvmMemory memory = state.Memory;
        // Memory for the input and the output regions, as one growth to the larger end.
        if ((gas = ChargeMemory(memory, in inOffset, in inSize, gas)) < 0) return ExitCode.OutOfGas;
        if ((gas = ChargeMemory(memory, in outOffset, in outSize, gas)) < 0) return ExitCode.OutOfGas;

        if (_spec.IsBerlin && _host.AccessAccount(target))
        {
            gas -= GasCost.ColdAccountAccess - GasCost.WarmStorageRead;
            if (gas < 0) return ExitCode.OutOfGas;
        }
        if (_spec.IsPrague && Delegation.TryGetTarget(_host.GetCode(target), out var delegate_))
        {
            gas -= _host.AccessAccount(delegate_) ? GasCost.ColdAccountAccess : GasCost.WarmStorageRead;
            if (gas < 0) return ExitCode.OutOfGas;
        }
        if (!value.IsZero)
        {
            gas -= GasCost.CallValue;
            if (kind == CallKind.Call)
            {
                bool newAccount = _spec.IsEip158 ? _host.IsDead(target) : !_host.AccountExists(target);
                if (newAccount) gas -= GasCost.NewAccount;
            }
            if (gas < 0) return ExitCode.OutOfGas;
        }
        else if (kind == CallKind.Call && !_spec.IsEip158 && !_host.AccountExists(target))
        {
            gas -= GasCost.NewAccount;
            if (gas < 0) return ExitCode.OutOfGas;
        }

        long callGas;
        if (_spec.IsEip150)
        {
            long cap = gas - gas / 64;
            callGas = requestedGas.FitsInUlong && requestedGas.u0 < (ulong)cap ? (long)requestedGas.u0 : cap;
        }
        else
        {
            if (!requestedGas.FitsInUlong || requestedGas.u0 > (ulong)gas) return ExitCode.OutOfGas;
            callGas = (long)requestedGas.u0;
        }
        gas -= callGas;
        if (!value.IsZero) callGas += GasCost.CallStipend;
        _trace.GasLeftAfterCallCharge = gas;
        f.Gas = gas;
        state.Pc++;

        f.Request = new Message
        {
            Kind = kind,
            Caller = kind == CallKind.DelegateCall ? f.Caller : f.Address,
            Recipient = kind is CallKind.Call or CallKind.StaticCall ? target : f.Address,
            CodeAddress = target,
            Value = kind == CallKind.DelegateCall ? f.Value : value,
            Input = inSize.IsZero ? [] : memory.Slice((long)inOffset.u0, (long)inSize.u0).ToArray(),
            Gas = callGas,
            IsStatic = f.IsStatic || kind == CallKind.StaticCall,
            Depth = f.Depth + 1,
        };
        state.ChildOutOffset = (long)outOffset.u0;
        state.ChildOutSize = outSize.IsZero ? 0 : (long)outSize.u0;
        return ExitCode.ChildRequested;
    }

    /// <summary>CREATE and CREATE2: init-code rules (EIP-3860), hashing cost, the 63/64 rule, then the child frame.</summary>
    internal ExitCode InstructionCreate(CallFrame f, EvmFrameState state, CallKind kind)
    {
        if (f.IsStatic) return ExitCode.StaticStateChange;
        var s = state.Stack;
        int h = state.StackCount;
        UInt256 value = s[h - 1], offset = s[h - 2], size = s[h - 3];
        UInt256 salt = kind == CallKind.Create2 ? s[h - 4] : UInt256.Zero;
        state.StackCount = kind == CallKind.Create2 ? h - 4 : h - 3;

        long gas = f.Gas;
        if (!size.IsZero && (!size.FitsInUlong || size.u0 > int.MaxValue)) return ExitCode.OutOfGas;
        long length = (long)size.u0;
        if (_spec.IsShanghai)
        {
            if (length > _spec.MaxInitCodeSize) return ExitCode.InitCodeSizeExceeded;
            gas -= GasCost.InitCodeWord * Words((ulong)length);
        }
        if (kind == CallKind.Create2) gas -= GasCost.KeccakWord * Words((ulong)length);
        if (gas < 0) return ExitCode.OutOfGas;
        if ((gas = ChargeMemory(state.Memory, in offset, in size, gas)) < 0) return ExitCode.OutOfGas;

        long callGas = _spec.IsEip150 ? gas - gas / 64 : gas;
        // Traces price CREATE without the gas it forwards (geth takes that inside the instruction, CALL's in its price).
        _trace.GasLeftAfterCallCharge = gas;
        gas -= callGas;
        f.Gas = gas;
        state.Pc++;

        f.Request = new Message
        {
            Kind = kind,
            Caller = f.Address,
            Value = value,
            Input = length == 0 ? [] : state.Memory.Slice((long)offset.u0, length).ToArray(),
            Gas = callGas,
            Depth = f.Depth + 1,
            Salt = salt,
        };
        return ExitCode.ChildRequested;
    }
}
