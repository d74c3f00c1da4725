using OasisEth.Evm;
using OasisEth.Primitives;

namespace OasisEth.Ewasm.Execution;

/// <summary>
/// <c>call</c>, <c>callCode</c>, <c>callDelegate</c>, <c>callStatic</c> and <c>create</c>: the checks and charges
/// happen here, then the frame hands the child to the frame loop (<see cref="CallFrame.Request"/>) by suspending
/// its fiber, and takes the result when the loop resumes it. Returns 0 on success, 1 on failure, 2 on revert.
/// </summary>
internal sealed partial class EwasmFrame
{
    public int Call(CallKind kind, long gas, int addressOffset, int valueOffset, int dataOffset, int dataLength)
    {
        if (gas < 0) throw EwasmHalt.OutOfRange("negative gas");
        Address target = LoadAddress(addressOffset);
        UInt256 value = kind switch
        {
            CallKind.Call or CallKind.CallCode => LoadU128(valueOffset),
            CallKind.DelegateCall => Frame.Value,
            _ => UInt256.Zero,
        };
        if (kind == CallKind.Call && !value.IsZero && Frame.IsStatic) throw EwasmHalt.Static("call with value");
        byte[] input = dataLength == 0 ? [] : Memory(dataOffset, dataLength, "call data").ToArray();

        Charge(Pricing.IsReference ? Pricing.Call(false) : Pricing.Call(Host.AccessAccount(target)));
        if (Frame.Depth >= VirtualMachine.MaxCallDepth) return 1;
        bool transfers = kind is CallKind.Call or CallKind.CallCode && !value.IsZero;
        if (transfers)
        {
            Charge(Pricing.CallValue);
            if (Host.GetBalance(Frame.Address) < value) return 1;
            bool newAccount = Pricing.IsReference ? !Host.AccountExists(target) : Host.IsDead(target);
            if (kind == CallKind.Call && newAccount) Charge(Pricing.NewAccount);
        }
        long forwarded = Math.Min(gas, Frame.Gas - Frame.Gas / 64);
        Charge(forwarded);
        if (!value.IsZero) forwarded += Pricing.CallStipend;

        Frame.Request = new Message
        {
            Kind = kind,
            Caller = kind == CallKind.DelegateCall ? Frame.Caller : Frame.Address,
            Recipient = kind is CallKind.Call or CallKind.StaticCall ? target : Frame.Address,
            CodeAddress = target,
            Value = value,
            Input = input,
            Gas = forwarded,
            IsStatic = Frame.IsStatic || kind == CallKind.StaticCall,
            Depth = Frame.Depth + 1,
        };
        ChildOutcome outcome = _fiber!.Suspend(this);
        return outcome.Exit.IsSuccess() ? 0 : outcome.Exit == ExitCode.Revert ? 2 : 1;
    }

    public int Create(int valueOffset, int dataOffset, int length, int resultOffset)
    {
        Charge(Pricing.Create);
        if (Frame.IsStatic) throw EwasmHalt.Static("create");
        UInt256 value = LoadU128(valueOffset);
        if (Frame.Depth >= VirtualMachine.MaxCallDepth) return 1;
        if (Host.GetBalance(Frame.Address) < value) return 1;
        byte[] initCode = length == 0 ? [] : Memory(dataOffset, length, "create code").ToArray();
        long forwarded = Frame.Gas - Frame.Gas / 64;
        Charge(forwarded);

        Frame.Request = new Message
        {
            Kind = CallKind.Create,
            Caller = Frame.Address,
            Value = value,
            Input = initCode,
            Gas = forwarded,
            Depth = Frame.Depth + 1,
        };
        ChildOutcome outcome = _fiber!.Suspend(this);
        if (outcome.Exit.IsSuccess()) outcome.CreatedAddress.CopyTo(Memory(resultOffset, Address.Size, "create result"));
        return outcome.Exit.IsSuccess() ? 0 : outcome.Exit == ExitCode.Revert ? 2 : 1;
    }
}
