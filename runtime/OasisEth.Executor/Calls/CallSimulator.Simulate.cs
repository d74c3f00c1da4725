using OasisEth.Evm;
using OasisEth.Evm.Precompiles;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Transactions;

namespace OasisEth.Executor;

public sealed partial class CallSimulator
{
    /// <summary>Seconds between simulated blocks when a block names no time (the execution-apis default).</summary>
    public const ulong SimulatedBlockInterval = 12;

    /// <summary>Simulated blocks one request may hold (geth's bound).</summary>
    public const int MaxSimulatedBlocks = 256;

    /// <summary>
    /// eth_simulateV1: the blocks run one after another on one throw-away state over the site's block, each block's
    /// state overrides applied before its calls, each call with eth_call's rules (the sender's current nonce, no
    /// EIP-3607 check, base fee 0 for a call that names no fee) and by default the gas the block has left. A call
    /// asking for more gas than the block has left fails the request (<see cref="ArgumentException"/>). Block numbers
    /// follow the site's block (an override may skip ahead, never back); times advance
    /// <see cref="SimulatedBlockInterval"/> seconds unless overridden.
    /// </summary>
    public IReadOnlyList<SimulatedBlockResult> Simulate(CallSite site, IReadOnlyList<SimulatedBlock> blocks, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count > MaxSimulatedBlocks) throw new ArgumentException($"too many blocks (at most {MaxSimulatedBlocks})");
        foreach (SimulatedBlock b in blocks) StateOverrides.Validate(b.State);
        return OnRunner(runner =>
        {
            var state = new InMemoryWorldState(site.Reader);
            var results = new List<SimulatedBlockResult>(blocks.Count);
            ulong number = site.Header.Number, time = site.Header.Timestamp;
            foreach (SimulatedBlock block in blocks)
            {
                cancellation.ThrowIfCancellationRequested();
                BlockOverrides? o = block.Block;
                ulong nextNumber = o?.Number ?? number + 1;
                if (nextNumber <= number) throw new ArgumentException($"block numbers must increase: {nextNumber} after {number}");
                ulong nextTime = o?.Time ?? time + SimulatedBlockInterval;
                if (nextTime <= time) throw new ArgumentException($"block timestamps must increase: {nextTime} after {time}");
                (number, time) = (nextNumber, nextTime);
                if (block.State.Count > 0)
                {
                    state.BeginTransaction();
                    StateOverrides.Apply(state, block.State);
                    state.CommitTransaction(false);
                }
                ulong gasLimit = o?.GasLimit ?? site.Header.GasLimit;
                var context = new BlockContext
                {
                    Coinbase = o?.Coinbase ?? OethLedger.FeeCollector,
                    Number = number,
                    Timestamp = time,
                    GasLimit = gasLimit,
                    BaseFee = o?.BaseFee ?? site.Header.BaseFee,
                    PrevRandao = (o?.PrevRandao ?? site.Header.MixHash).ToWord(),
                    BlobBaseFee = o?.BlobBaseFee ?? UInt256.Zero,
                    ChainId = _genesis.ChainId,
                    BlockHash = n => n <= site.Header.Number ? site.BlockHash(n) : Hash256.Zero,
                };
                ulong used = 0;
                var calls = new List<SimulatedCallResult>(block.Calls.Count);
                foreach (CallRequest request in block.Calls)
                {
                    cancellation.ThrowIfCancellationRequested();
                    ulong left = gasLimit - used;
                    if (request.Gas is { } asked && asked > left)
                        throw new ArgumentException($"block gas limit reached: the call asks {asked} gas, the block has {left} left");
                    ulong gas = request.Gas ?? left;
                    Transaction tx = BuildCallTransaction(state, request, gas);
                    byte[] senderCode = state.GetCode(tx.Sender);
                    if (senderCode.Length > 0 && !Delegation.IsDesignator(senderCode)) state.SetCode(tx.Sender, []);
                    bool noFee = tx.GasPrice.IsZero && tx.MaxFeePerGas.IsZero && tx.MaxPriorityFeePerGas.IsZero;
                    BlockContext callContext = noFee ? WithoutBaseFee(context) : context;
                    EntryOutcome outcome = runner.Run(state, callContext, tx, null, cancellation);
                    cancellation.ThrowIfCancellationRequested();
                    TransactionResult r = outcome.Result;
                    if (r.IsInvalid) throw new ArgumentException(GethErrors.FromReason(r.InvalidReason!));
                    used += r.GasUsed;
                    bool reverted = !outcome.Success && (r.Error == "execution reverted" || outcome.RevertData.Length > 0);
                    calls.Add(new SimulatedCallResult(outcome.Success, reverted, outcome.Success ? r.Output : outcome.RevertData, r.GasUsed,
                        outcome.Success ? null : reverted ? "execution reverted" : r.Error ?? "execution failed", [.. r.Logs], tx.Sender));
                }
                results.Add(new SimulatedBlockResult(context, used, calls));
            }
            return results;
        });
    }

    private static BlockContext WithoutBaseFee(BlockContext c) => new()
    {
        Coinbase = c.Coinbase, Number = c.Number, Timestamp = c.Timestamp, GasLimit = c.GasLimit, BaseFee = UInt256.Zero,
        PrevRandao = c.PrevRandao, BlobBaseFee = c.BlobBaseFee, ChainId = c.ChainId, BlockHash = c.BlockHash,
    };
}
