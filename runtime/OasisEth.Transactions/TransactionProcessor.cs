using OasisEth.Evm;
using OasisEth.Evm.Gas;
using OasisEth.Evm.Precompiles;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Transactions;

/// <summary>
/// Runs one transaction against a world state under Ethereum's rules for a fork, in named phases:
/// validate, pre-execution (up-front fee, nonce, access list, authorizations), execution, post-execution
/// (refund, fee payment). An invalid transaction leaves the state untouched. Prices come from <see cref="FeeRules"/>;
/// a transaction to an address an <see cref="ISystemCallHook"/> handles runs that hook in the execution phase instead of
/// the interpreter.
/// Not thread-safe: one processor (it owns a <see cref="VirtualMachine"/>) per thread.
/// </summary>
public sealed partial class TransactionProcessor
{
    private readonly VirtualMachine _vm;
    private readonly WorldStateHost _host = new();
    private readonly ForkSpec _spec;
    private readonly ISystemCallHook? _system;

    /// <param name="system">The chain's system contracts, if it has any (the ParaTime's OETH claims); Ethereum's
    /// state tests run without.</param>
    public TransactionProcessor(Fork fork, ISystemCallHook? system = null)
        : this(fork, system, [])
    {
    }

    /// <param name="system">As above.</param>
    /// <param name="engines">Execution engines beside the EVM interpreter (Ewasm), asked in order for each frame's code.</param>
    public TransactionProcessor(Fork fork, ISystemCallHook? system, params IExecutionEngine[] engines)
    {
        _vm = new VirtualMachine(engines);
        Fork = fork;
        _spec = ForkSpec.Of(fork);
        _system = system;
    }

    public Fork Fork { get; }

    /// <summary>EIP-3607 (senders may not have code), applied to every fork as clients do since 2021. Off only to
    /// replay fixtures filled before it existed (the 2019 Ewasm suite, whose sender holds a contract).</summary>
    public bool SenderMustBeEoa { get; init; } = true;

    /// <param name="interrupt">Stops the interpreter when signalled (RPC calls under a timeout); the result is then a
    /// failure with error "execution aborted" that nothing may commit. Consensus execution passes none.</param>
    public TransactionResult Execute(IWorldState state, BlockContext block, Transaction tx, ITxTracer? tracer = null,
        CancellationToken interrupt = default)
    {
        // Tracers that report the top frame's gas (callTracer) need the limit before intrinsic gas is taken.
        tracer?.OnTransactionStart(tx.GasLimit);
        state.BeginTransaction();
        (tracer as IStateTracer)?.OnTransactionState(state, block, tx);
        string? invalid = Validate(state, block, tx, out IntrinsicGas intrinsic, out UInt256 effectiveGasPrice);
        if (invalid is not null) return TransactionResult.Invalid(invalid);

        // ---- pre-execution ----
        UInt256 blobFee = BlobGasUsed(tx) * block.BlobBaseFee;
        UInt256 upfront = (UInt256)tx.GasLimit * effectiveGasPrice + blobFee;
        state.SubtractBalance(tx.Sender, upfront);

        if (_spec.IsBerlin) WarmUp(state, block, tx);

        long refund = 0;
        bool isCreate = tx.To is null;
        if (!isCreate)
        {
            state.IncrementNonce(tx.Sender);
            if (_spec.IsPrague && tx.Type == TxType.SetCode)
            {
                foreach (var auth in tx.AuthorizationList) refund += Authorizations.Apply(state, block.ChainId, auth);
                // The delegation target of the callee is warmed once the final delegations are known.
                if (Delegation.TryGetTarget(state.GetCode(tx.To!.Value), out var delegated)) state.WarmUpAccount(delegated);
            }
        }

        // ---- execution ----
        var message = new Message
        {
            Kind = isCreate ? CallKind.Create : CallKind.Call,
            Caller = tx.Sender,
            Recipient = tx.To ?? default,
            CodeAddress = tx.To ?? default,
            Value = tx.Value,
            Input = tx.Data,
            Gas = (long)tx.GasLimit - intrinsic.Gas,
            Depth = 0,
        };
        var txContext = new TxContext { Origin = tx.Sender, GasPrice = effectiveGasPrice, BlobHashes = tx.BlobVersionedHashes };
        UInt256 issued = UInt256.Zero;
        CallResult result = !isCreate && _system is not null && _system.Handles(tx.To!.Value)
            ? CallSystem(state, block, tx, message, tracer, out issued)
            : _vm.Execute(_host.Bind(state, block, txContext, Fork), _spec, message, tracer, interrupt);

        // ---- post-execution ----
        long gasUsed = (long)tx.GasLimit - result.GasLeft;
        if (result.Success) refund += result.Refund;
        refund = Math.Clamp(refund, 0, gasUsed / _spec.MaxRefundQuotient);
        gasUsed -= refund;
        if (_spec.IsPrague) gasUsed = Math.Max(gasUsed, intrinsic.FloorGas);

        state.AddBalance(tx.Sender, (UInt256)(ulong)((long)tx.GasLimit - gasUsed) * effectiveGasPrice);
        UInt256 tipPerGas = FeeRules.EffectiveTip(tx, BaseFeeOf(block));
        state.AddBalance(block.Coinbase, (UInt256)(ulong)gasUsed * tipPerGas);

        var logs = result.Success ? state.Logs.ToArray() : [];
        state.CommitTransaction(_spec.IsEip158);
        (tracer as IStateTracer)?.OnTransactionCommitted(state);
        tracer?.OnTransactionEnd(result.Output, gasUsed, result.Exit.ErrorText());

        return new TransactionResult
        {
            Success = result.Success,
            GasUsed = (ulong)gasUsed,
            Output = result.Output,
            Logs = logs,
            Error = result.Exit.ErrorText(),
            ContractAddress = isCreate && result.Success ? result.CreatedAddress : null,
            Issued = issued,
        };
    }

    /// <summary>
    /// The execution phase of a transaction to a system contract: the hook instead of the interpreter, with no value
    /// moved and no gas beyond the intrinsic; a refusal undoes the hook's writes and reads as a revert. Traced as a
    /// top-level call that ran no code.
    /// </summary>
    private CallResult CallSystem(IWorldState state, BlockContext block, Transaction tx, in Message message, ITxTracer? tracer,
        out UInt256 issued)
    {
        bool traceCalls = tracer is not null && (tracer.Options & TraceOptions.Calls) != 0;
        if (traceCalls)
        {
            tracer!.OnEnter(new CallFrameEnter
            {
                Depth = 0, Type = TraceCallType.Call, From = message.Caller, To = message.Recipient, Value = message.Value,
                Gas = message.Gas, Input = message.Input,
            });
        }
        int snapshot = state.TakeSnapshot();
        SystemCallResult call = _system!.Call(state, block, tx);
        if (!call.Success) state.Restore(snapshot);
        ExitCode exit = call.Success ? ExitCode.Stop : ExitCode.Revert;
        issued = call.Success ? call.Issued : UInt256.Zero;
        if (traceCalls) tracer!.OnExit(new CallFrameExit { Depth = 0, GasUsed = 0, Output = call.Output, Exit = exit, Error = exit.ErrorText() });
        return new CallResult(exit, message.Gas, 0, call.Output, default);
    }

    private void WarmUp(IWorldState state, BlockContext block, Transaction tx)
    {
        state.WarmUpAccount(tx.Sender);
        if (tx.To is { } to) state.WarmUpAccount(to);
        // The precompiles are warm too (EIP-2929): WorldStateHost.AccessAccount answers for them.
        if (_spec.IsShanghai) state.WarmUpAccount(block.Coinbase); // EIP-3651
        foreach (var item in tx.AccessList)
        {
            state.WarmUpAccount(item.Address);
            foreach (var key in item.StorageKeys) state.WarmUpStorage(item.Address, key);
        }
    }

    private static UInt256 BlobGasUsed(Transaction tx) => (ulong)tx.BlobVersionedHashes.Length * ForkSpec.GasPerBlob;
}
