using OasisEth.State.Mkvs;
using OasisEth.Evm;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Execution;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    public CallOutcome Call(CallRequest request, ulong number, ITxTracer? tracer = null, CallOverrides? overrides = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnCallSite(number, overrides, (runner, site) =>
            ToCallOutcome(RunCall(runner, site, request, Math.Min(request.Gas ?? site.GasLimit, site.GasLimit), tracer, cancellation)));
    }

    public EstimateOutcome EstimateGas(CallRequest request, ulong number, CallOverrides? overrides = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnCallSite(number, overrides, (runner, site) => Estimate(runner, site, request, cancellation));
    }

    /// <summary>The frame of every RPC execution: the state at <paramref name="number"/> with the overrides, a pooled
    /// runner, and <see cref="Guard{T}"/>'s translation of a pruned state into its exception.</summary>
    private T OnCallSite<T>(ulong number, CallOverrides? overrides, Func<EntryRunner, CallSite, T> run)
    {
        CallSite site = OpenCallSite(number, overrides);
        EntryRunner runner = RentRunner();
        try
        {
            return Guard(number, () => run(runner, site));
        }
        finally
        {
            ReturnRunner(runner);
        }
    }

    /// <summary>
    /// geth's search: run at the cap (failure there is the answer: revert data, or "gas required exceeds
    /// allowance"); try the gas the run used (×64/63 for the EIP-150 retained gas) as an optimistic upper bound; then
    /// bisect between the intrinsic gas − 1 (fails by definition) and the smallest success until they meet, so the
    /// result is the exact minimum of a monotone success function. Every run checks <paramref name="cancellation"/>
    /// first and passes it to the interpreter, so a timeout stops the search between and within runs.
    /// </summary>
    private EstimateOutcome Estimate(EntryRunner runner, CallSite site, CallRequest request, CancellationToken cancellation)
    {
        ulong hi = Math.Min(request.Gas ?? site.GasLimit, site.GasLimit);
        bool cappedByFunds = false;
        UInt256 feeCap = request.GasPrice ?? request.MaxFeePerGas ?? UInt256.Zero;
        InMemoryWorldState view = NewCallState(site);
        if (!feeCap.IsZero)
        {
            Address from = request.From ?? Address.Zero;
            UInt256 balance = view.GetBalance(from);
            UInt256 value = request.Value ?? UInt256.Zero;
            if (value > balance) return new EstimateOutcome(0, "insufficient funds for transfer", []);
            UInt256 allowance = (balance - value) / feeCap;
            if (allowance < (UInt256)hi)
            {
                hi = (ulong)allowance;
                cappedByFunds = true;
            }
        }

        CallRun top = RunCall(runner, site, request, hi, null, cancellation);
        if (!top.Ok)
        {
            if (top.Result.IsInvalid && !cappedByFunds) return new EstimateOutcome(0, GethErrors.FromReason(top.Result.InvalidReason!), []);
            if (top.Reverted) return new EstimateOutcome(0, GethErrors.Reverted(top.RevertData), top.RevertData);
            return new EstimateOutcome(0, $"gas required exceeds allowance ({hi})", []);
        }

        Transaction probe = BuildCallTransaction(view, request, hi);
        IntrinsicGas intrinsic = IntrinsicGas.Of(probe, ForkSpec.Of(Genesis.Fork));
        ulong lo = (ulong)Math.Max(intrinsic.Gas, intrinsic.FloorGas) - 1;

        ulong optimistic = top.Result.GasUsed * 64 / 63;
        if (optimistic > lo && optimistic < hi)
        {
            if (RunCall(runner, site, request, optimistic, null, cancellation).Ok) hi = optimistic;
            else lo = optimistic;
        }
        while (lo + 1 < hi)
        {
            ulong mid = lo + (hi - lo) / 2;
            if (RunCall(runner, site, request, mid, null, cancellation).Ok) hi = mid;
            else lo = mid;
        }
        return new EstimateOutcome(hi, null, []);
    }

    public bool TraceTransaction(Hash256 transactionHash, ITxTracer tracer, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tracer);
        if (Locate(transactionHash) is not var (number, index) || number == 0) return false;
        CachedBlock? block = LoadBlock(number);
        if (block is null || index >= block.Block.Transactions.Count) return false;
        if (!_store.TryGetRound(number - 1, out var parentRound)) return false;

        var state = new InMemoryWorldState(new MkvsStateReader(new MkvsTree(parentRound.StateRoot, _store.TryGetNode)));
        BlockContext context = BlockContextOf(block.Block.Header);
        EntryRunner runner = RentRunner();
        try
        {
            for (int i = 0; i < index; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                runner.Run(state, context, block.Block.Transactions[i].Transaction, null, cancellation);
            }
            runner.Run(state, context, block.Block.Transactions[index].Transaction, tracer, cancellation);
            // An interrupted re-execution leaves a partial trace and a wrong state: not an answer.
            cancellation.ThrowIfCancellationRequested();
            return true;
        }
        catch (MkvsException)
        {
            return false; // pruned while re-executing
        }
        finally
        {
            ReturnRunner(runner);
        }
    }

    /// <summary>What every run of one RPC call shares: the block, its state, the overrides and the gas ceiling
    /// (the block's gas limit, or the overridden one).</summary>
    private sealed record CallSite(BlockHeader Header, MkvsStateReader Reader, CallOverrides? Overrides, ulong GasLimit);

    private CallSite OpenCallSite(ulong number, CallOverrides? overrides)
    {
        BlockHeader header = GetHeader(number) ?? throw new StateUnavailableException($"Block {number} does not exist.");
        if (overrides is not null) StateOverrides.Validate(overrides.Accounts);
        var reader = new MkvsStateReader(OpenTreeAt(number));
        ulong gasLimit = overrides?.Block?.GasLimit ?? header.GasLimit;
        return new CallSite(header, reader, overrides is { IsEmpty: false } ? overrides : null, gasLimit);
    }

    /// <summary>A throw-away world state over the block's tree with the call's state overrides applied.</summary>
    private static InMemoryWorldState NewCallState(CallSite site)
    {
        var state = new InMemoryWorldState(site.Reader);
        if (site.Overrides is { Accounts.Count: > 0 } o) StateOverrides.Apply(state, o.Accounts);
        return state;
    }

    /// <summary>The block as a call sees it: the header's fields, each replaced by its override when given; the base
    /// fee is zero for a call that names no fee (see <see cref="RunCall"/>).</summary>
    private BlockContext CallBlockContext(CallSite site, bool noFee)
    {
        BlockHeader h = site.Header;
        BlockOverrides? b = site.Overrides?.Block;
        return MakeBlockContext(b?.Number ?? h.Number, b?.Time ?? h.Timestamp, site.GasLimit,
            noFee ? UInt256.Zero : b?.BaseFee ?? h.BaseFee, b?.PrevRandao ?? h.MixHash,
            b?.Coinbase, b?.BlobBaseFee ?? UInt256.Zero);
    }

    private readonly record struct CallRun(TransactionResult Result, bool Ok, bool Reverted, byte[] RevertData);

    /// <summary>
    /// One eth_call execution on a throw-away world state over the block's tree. geth's call rules: the nonce is
    /// the account's (never checked), a sender with code may call (EIP-3607 is skipped: its code is hidden for the
    /// call), and with no gas price at all the base fee is taken as zero so no balance is needed for gas.
    /// Cancelled before or during the run: <see cref="OperationCanceledException"/> (an interrupted run's result
    /// means nothing).
    /// </summary>
    private CallRun RunCall(EntryRunner runner, CallSite site, CallRequest request, ulong gas, ITxTracer? tracer, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        InMemoryWorldState state = NewCallState(site);
        Transaction tx = BuildCallTransaction(state, request, gas);
        byte[] senderCode = state.GetCode(tx.Sender);
        if (senderCode.Length > 0 && !Delegation.IsDesignator(senderCode)) state.SetCode(tx.Sender, []);
        bool noFee = tx.GasPrice.IsZero && tx.MaxFeePerGas.IsZero && tx.MaxPriorityFeePerGas.IsZero;
        EntryOutcome outcome = runner.Run(state, CallBlockContext(site, noFee), tx, tracer, cancellation);
        cancellation.ThrowIfCancellationRequested();
        TransactionResult result = outcome.Result;
        bool reverted = !result.IsInvalid && !outcome.Success && (result.Error == "execution reverted" || outcome.RevertData.Length > 0);
        return new CallRun(result, !result.IsInvalid && outcome.Success, reverted, outcome.RevertData);
    }

    private static CallOutcome ToCallOutcome(CallRun run)
    {
        TransactionResult r = run.Result;
        if (r.IsInvalid) return new CallOutcome(false, [], 0, GethErrors.FromReason(r.InvalidReason!));
        if (run.Ok) return new CallOutcome(true, r.Output, r.GasUsed, null);
        if (run.Reverted) return new CallOutcome(false, run.RevertData, r.GasUsed, GethErrors.Reverted(run.RevertData)) { Reverted = true };
        return new CallOutcome(false, [], r.GasUsed, r.Error ?? "execution failed");
    }

    /// <summary>The call as a transaction; the nonce is the sender's in <paramref name="state"/> (overrides included).</summary>
    private static Transaction BuildCallTransaction(InMemoryWorldState state, CallRequest request, ulong gas)
    {
        Address from = request.From ?? Address.Zero;
        ulong nonce = state.GetNonce(from);
        bool dynamic = request.GasPrice is null && (request.MaxFeePerGas is not null || request.MaxPriorityFeePerGas is not null);
        AccessListItem[] accessList = request.AccessList ?? [];
        TxType type = dynamic ? TxType.DynamicFee : accessList.Length > 0 ? TxType.AccessList : TxType.Legacy;
        return new Transaction
        {
            Type = type,
            Nonce = nonce,
            GasPrice = request.GasPrice ?? UInt256.Zero,
            MaxFeePerGas = request.MaxFeePerGas ?? UInt256.Zero,
            MaxPriorityFeePerGas = request.MaxPriorityFeePerGas ?? UInt256.Zero,
            GasLimit = gas,
            To = request.To,
            Value = request.Value ?? UInt256.Zero,
            Data = request.Data,
            AccessList = accessList,
            Sender = from,
        };
    }

    private static T Guard<T>(ulong number, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (MkvsException e)
        {
            throw new StateUnavailableException($"The state of block {number} is no longer available ({e.Message}).");
        }
    }
}
