using OasisEth.Evm;
using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Transactions.Tests.Fees.FeeTestAccounts;

namespace OasisEth.Transactions.Tests.Fees;

/// <summary>
/// A transaction to an address an <see cref="ISystemCallHook"/> handles: charged and settled like any other, the hook
/// instead of the interpreter in between, no value moved, no gas beyond the intrinsic; a refusal undoes the hook's
/// writes, fails the result with the hook's revert data and still charges the gas and uses the nonce.
/// </summary>
public sealed class SystemCallHookTests
{
    private static readonly Address System = Address.FromLowUlong(0x5157);
    private static readonly Address Beneficiary = Address.FromLowUlong(0xbeef);

    /// <summary>Credits 1000 wei to <see cref="Beneficiary"/> and writes a slot; refuses when the calldata is 0x00.</summary>
    private sealed class PayingHook : ISystemCallHook
    {
        public int Calls;

        public bool Handles(in Address recipient) => recipient == System;

        public SystemCallResult Call(IWorldState state, BlockContext block, Transaction tx)
        {
            Calls++;
            state.SetStorage(System, UInt256.One, new UInt256(7));
            state.AddBalance(Beneficiary, new UInt256(1000));
            if (tx.Data is [0]) return SystemCallResult.Refused([0xde, 0xad]);
            return SystemCallResult.Succeeded(new UInt256(1000));
        }
    }

    private static Transaction To(Address to, byte[] data, ulong value = 0) => new()
    {
        Type = TxType.DynamicFee, MaxFeePerGas = new UInt256(10), MaxPriorityFeePerGas = new UInt256(2), GasLimit = 100_000,
        To = to, Data = data, Value = new UInt256(value), Sender = Sender,
    };

    private static (TransactionResult, InMemoryWorldState, PayingHook) Run(Transaction tx)
    {
        InMemoryWorldState state = FundedState();
        var hook = new PayingHook();
        var block = new BlockContext { Coinbase = Coinbase, Number = 1, GasLimit = 30_000_000, BaseFee = new UInt256(5) };
        return (new TransactionProcessor(Fork.Cancun, hook).Execute(state, block, tx), state, hook);
    }

    [Test]
    public void SuccessfulSystemCallKeepsItsWritesAndChargesOnlyIntrinsicGas()
    {
        var (result, state, hook) = Run(To(System, [1, 2, 3], value: 50));
        Assert.That(hook.Calls, Is.EqualTo(1));
        Assert.That(result.Success, Is.True);
        Assert.That(result.Issued, Is.EqualTo(new UInt256(1000)));
        ulong intrinsic = 21_000 + 3 * 16;
        Assert.That(result.GasUsed, Is.EqualTo(intrinsic));
        Assert.That(state.GetBalance(Beneficiary), Is.EqualTo(new UInt256(1000)));
        // No value moved: the sender paid gas at 7 (base 5 + tip 2) only.
        Assert.That(state.GetBalance(Sender), Is.EqualTo(Funds - new UInt256(intrinsic * 7)));
        Assert.That(state.GetBalance(System), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetBalance(Coinbase), Is.EqualTo(new UInt256(intrinsic * 2)));
        Assert.That(state.GetNonce(Sender), Is.EqualTo(1UL));
    }

    [Test]
    public void RefusedSystemCallUndoesItsWritesButChargesGasAndUsesTheNonce()
    {
        var (result, state, _) = Run(To(System, [0]));
        Assert.That(result.IsInvalid, Is.False);
        Assert.That(result.Success, Is.False);
        Assert.That(result.Output, Is.EqualTo(new byte[] { 0xde, 0xad }));
        Assert.That(result.Error, Is.EqualTo("execution reverted"));
        Assert.That(result.Issued, Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetBalance(Beneficiary), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetStorage(System, UInt256.One), Is.EqualTo(UInt256.Zero));
        Assert.That(state.GetBalance(Sender), Is.EqualTo(Funds - new UInt256(result.GasUsed * 7)));
        Assert.That(state.GetNonce(Sender), Is.EqualTo(1UL));
    }

    [Test]
    public void OtherRecipientsRunTheInterpreter()
    {
        var (result, state, hook) = Run(To(Address.FromLowUlong(0x1234), [], value: 50));
        Assert.That(hook.Calls, Is.Zero);
        Assert.That(result.Success, Is.True);
        Assert.That(state.GetBalance(Address.FromLowUlong(0x1234)), Is.EqualTo(new UInt256(50)));
    }
}
