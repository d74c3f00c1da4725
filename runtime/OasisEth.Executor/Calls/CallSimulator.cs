using System.Collections.Concurrent;
using OasisEth.Evm;
using OasisEth.Evm.Precompiles;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// eth_call, eth_estimateGas and eth_createAccessList over any state: a <see cref="CallSite"/> names the block, a
/// reader of its state and the call's overrides, so the dev node (its RocksDB store) and the ParaTime runtime (state
/// through the host) simulate calls with the same code. Every run is on a throw-away world state; nothing here writes.
/// Thread-safe: each call rents a transaction processor from a pool.
/// </summary>
public sealed partial class CallSimulator
{
    private readonly GenesisConfig _genesis;
    private readonly ISupplyRules _rules;
    private readonly EvmEngines _engines;
    private readonly ConcurrentBag<EntryRunner> _runners = [];
    private int _running;

    /// <param name="engines">The EVM tier calls run on (the interpreter by default); results do not depend on it.</param>
    public CallSimulator(GenesisConfig genesis, EvmEngines? engines = null) : this(genesis, OethSupplyRules.Instance, engines) { }

    internal CallSimulator(GenesisConfig genesis, ISupplyRules rules, EvmEngines? engines = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        _genesis = genesis;
        _rules = rules;
        _engines = engines ?? EvmEngines.Interpreter;
    }

    /// <summary>Executions (calls, estimates, access lists, traces) running right now: for monitoring, and the proof
    /// in tests that a timed-out call stopped rather than ran on in the background.</summary>
    public int RunningCalls => Volatile.Read(ref _running);

    internal EntryRunner Rent()
    {
        Interlocked.Increment(ref _running);
        return _runners.TryTake(out EntryRunner? runner) ? runner : new EntryRunner(_genesis, _rules, _engines);
    }

    internal void Return(EntryRunner runner)
    {
        _runners.Add(runner);
        Interlocked.Decrement(ref _running);
    }

    public CallOutcome Call(CallSite site, CallRequest request, ITxTracer? tracer = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnRunner(runner => ToCallOutcome(RunCall(runner, site, request, site.CallGas(request.Gas), tracer, cancellation)));
    }

    public EstimateOutcome EstimateGas(CallSite site, CallRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnRunner(runner => Estimate(runner, site, request, cancellation));
    }

    /// <summary>
    /// eth_createAccessList (geth's method): run the call with an <see cref="AccessListTracer"/>, attach what it
    /// collected as the call's access list and run again, until a run collects nothing new. Each run starts from
    /// the last list, so the set only grows and the loop ends; <paramref name="cancellation"/> is checked before
    /// and during every run. The gas is that of the last run (with its list); an execution failure with the list
    /// is reported in the outcome, not thrown. Sender, recipient (the created address for a creation) and the
    /// fork's precompiles are never listed on their own.
    /// </summary>
    public AccessListOutcome CreateAccessList(CallSite site, CallRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnRunner(runner => CollectAccessList(runner, site, request, site.CallGas(request.Gas), cancellation));
    }

    private T OnRunner<T>(Func<EntryRunner, T> run)
    {
        EntryRunner runner = Rent();
        try
        {
            return run(runner);
        }
        finally
        {
            Return(runner);
        }
    }

    /// <summary>A throw-away world state over the block's tree with the call's state overrides applied.</summary>
    private static InMemoryWorldState NewCallState(CallSite site)
    {
        var state = new InMemoryWorldState(site.Reader);
        if (site.Overrides is { Accounts.Count: > 0 } o) StateOverrides.Apply(state, o.Accounts);
        return state;
    }

    /// <summary>The block as a call sees it: the header's fields, each replaced by its override when given; the base
    /// fee is zero for a call that names no fee (see <see cref="RunCall"/>). A call given more gas than the block's
    /// limit (allowed up to <see cref="CallSite.CallGasCeiling"/>) sees that gas as the block's limit, since a
    /// transaction's gas may not exceed its block's.</summary>
    private BlockContext CallBlockContext(CallSite site, bool noFee, ulong gas)
    {
        BlockHeader h = site.Header;
        BlockOverrides? b = site.Overrides?.Block;
        return new BlockContext
        {
            Coinbase = b?.Coinbase ?? OethLedger.FeeCollector,
            Number = b?.Number ?? h.Number,
            Timestamp = b?.Time ?? h.Timestamp,
            GasLimit = Math.Max(site.GasLimit, gas),
            BaseFee = noFee ? UInt256.Zero : b?.BaseFee ?? h.BaseFee,
            PrevRandao = (b?.PrevRandao ?? h.MixHash).ToWord(),
            BlobBaseFee = b?.BlobBaseFee ?? UInt256.Zero,
            ChainId = _genesis.ChainId,
            BlockHash = site.BlockHash,
        };
    }

    internal readonly record struct CallRun(TransactionResult Result, bool Ok, bool Reverted, byte[] RevertData);

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
        EntryOutcome outcome = runner.Run(state, CallBlockContext(site, noFee, gas), tx, tracer, cancellation);
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
}
