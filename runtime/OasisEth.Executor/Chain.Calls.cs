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
    public CallOutcome Call(CallRequest request, ulong number, ITxTracer? tracer = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        BlockHeader header = GetHeader(number) ?? throw new StateUnavailableException($"Block {number} does not exist.");
        var reader = new MkvsStateReader(OpenTreeAt(number));
        ulong gas = Math.Min(request.Gas ?? header.GasLimit, header.GasLimit);
        EntryRunner runner = RentRunner();
        try
        {
            return Guard(number, () => ToCallOutcome(RunCall(runner, reader, header, request, gas, tracer)));
        }
        finally
        {
            ReturnRunner(runner);
        }
    }

    public EstimateOutcome EstimateGas(CallRequest request, ulong number)
    {
        ArgumentNullException.ThrowIfNull(request);
        BlockHeader header = GetHeader(number) ?? throw new StateUnavailableException($"Block {number} does not exist.");
        var reader = new MkvsStateReader(OpenTreeAt(number));
        EntryRunner runner = RentRunner();
        try
        {
            return Guard(number, () => Estimate(runner, reader, header, request));
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
    /// result is the exact minimum of a monotone success function.
    /// </summary>
    private EstimateOutcome Estimate(EntryRunner runner, MkvsStateReader reader, BlockHeader header, CallRequest request)
    {
        ulong hi = Math.Min(request.Gas ?? header.GasLimit, header.GasLimit);
        bool cappedByFunds = false;
        UInt256 feeCap = request.GasPrice ?? request.MaxFeePerGas ?? UInt256.Zero;
        if (!feeCap.IsZero)
        {
            Address from = request.From ?? Address.Zero;
            UInt256 balance = reader.TryGetAccount(from, out var account) ? account.Balance : UInt256.Zero;
            UInt256 value = request.Value ?? UInt256.Zero;
            if (value > balance) return new EstimateOutcome(0, "insufficient funds for transfer", []);
            UInt256 allowance = (balance - value) / feeCap;
            if (allowance < (UInt256)hi)
            {
                hi = (ulong)allowance;
                cappedByFunds = true;
            }
        }

        CallRun top = RunCall(runner, reader, header, request, hi, null);
        if (!top.Ok)
        {
            if (top.Result.IsInvalid && !cappedByFunds) return new EstimateOutcome(0, GethErrors.FromReason(top.Result.InvalidReason!), []);
            if (top.Reverted) return new EstimateOutcome(0, GethErrors.Reverted(top.RevertData), top.RevertData);
            return new EstimateOutcome(0, $"gas required exceeds allowance ({hi})", []);
        }

        Transaction probe = BuildCallTransaction(reader, header, request, hi);
        IntrinsicGas intrinsic = IntrinsicGas.Of(probe, ForkSpec.Of(Genesis.Fork));
        ulong lo = (ulong)Math.Max(intrinsic.Gas, intrinsic.FloorGas) - 1;

        ulong optimistic = top.Result.GasUsed * 64 / 63;
        if (optimistic > lo && optimistic < hi)
        {
            if (RunCall(runner, reader, header, request, optimistic, null).Ok) hi = optimistic;
            else lo = optimistic;
        }
        while (lo + 1 < hi)
        {
            ulong mid = lo + (hi - lo) / 2;
            if (RunCall(runner, reader, header, request, mid, null).Ok) hi = mid;
            else lo = mid;
        }
        return new EstimateOutcome(hi, null, []);
    }

    public bool TraceTransaction(Hash256 transactionHash, ITxTracer tracer)
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
            for (int i = 0; i < index; i++) runner.Run(state, context, block.Block.Transactions[i].Transaction);
            runner.Run(state, context, block.Block.Transactions[index].Transaction, tracer);
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

    private readonly record struct CallRun(TransactionResult Result, bool Ok, bool Reverted, byte[] RevertData);

    /// <summary>
    /// One eth_call execution on a throw-away world state over the block's tree. geth's call rules: the nonce is
    /// the account's (never checked), a sender with code may call (EIP-3607 is skipped: its code is hidden for the
    /// call), and with no gas price at all the base fee is taken as zero so no balance is needed for gas.
    /// </summary>
    private CallRun RunCall(EntryRunner runner, MkvsStateReader reader, BlockHeader header, CallRequest request, ulong gas, ITxTracer? tracer)
    {
        Transaction tx = BuildCallTransaction(reader, header, request, gas);
        var state = new InMemoryWorldState(reader);
        byte[] senderCode = state.GetCode(tx.Sender);
        if (senderCode.Length > 0 && !Delegation.IsDesignator(senderCode)) state.SetCode(tx.Sender, []);
        bool noFee = tx.GasPrice.IsZero && tx.MaxFeePerGas.IsZero && tx.MaxPriorityFeePerGas.IsZero;
        BlockContext context = MakeBlockContext(header.Number, header.Timestamp, header.GasLimit,
            noFee ? UInt256.Zero : header.BaseFee, header.MixHash);
        EntryOutcome outcome = runner.Run(state, context, tx, tracer);
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

    private static Transaction BuildCallTransaction(MkvsStateReader reader, BlockHeader header, CallRequest request, ulong gas)
    {
        Address from = request.From ?? Address.Zero;
        ulong nonce = reader.TryGetAccount(from, out var account) ? account.Nonce : 0;
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
