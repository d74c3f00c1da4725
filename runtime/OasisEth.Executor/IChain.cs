using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The chain as the RPC gateway and the round drivers (dev node, RHP host) see it: committed blocks and their
/// receipts, read-only state views of the last kept rounds, the check path a mempool needs, and round execution.
/// Thread-safety: reads may run concurrently with each other and with <see cref="ExecuteRound"/>; writes
/// (<see cref="ExecuteRound"/>, <see cref="RollbackTo"/>) are serialised by the caller (one round driver).
/// </summary>
public interface IChain : IDisposable
{
    GenesisConfig Genesis { get; }

    /// <summary>The latest committed block (the genesis block, number 0, on a fresh data directory).</summary>
    BlockHeader Head { get; }

    BlockHeader? GetHeader(ulong number);
    BlockHeader? GetHeader(Hash256 hash);

    /// <summary>A block with its transactions in order; null when unknown.</summary>
    Block? GetBlock(ulong number);
    Block? GetBlock(Hash256 hash);

    StoredTransaction? GetTransaction(Hash256 hash);
    StoredReceipt? GetReceipt(Hash256 transactionHash);

    /// <summary>Logs matching the filter, in chain order. At most <paramref name="limit"/> logs: more is an error
    /// (<see cref="ChainQueryException"/>), never a silently cut list.</summary>
    IReadOnlyList<StoredLog> GetLogs(LogFilter filter, int limit);

    /// <summary>Read-only state after block <paramref name="number"/>. Throws <see cref="StateUnavailableException"/>
    /// for a block whose state has been pruned (older than the kept window) or that does not exist yet.</summary>
    IStateView OpenState(ulong number);

    /// <summary>The four OETH supply figures after block <paramref name="number"/>.</summary>
    SupplyFigures GetSupply(ulong number);

    /// <summary>Validates a raw transaction against the latest state without executing it (mempool admission).</summary>
    CheckTxResult CheckTx(ReadOnlySpan<byte> raw);

    /// <summary>Executes one round's ordered batch, commits state, block, transactions and receipts atomically,
    /// and returns the new block with receipts and the rejected transactions.</summary>
    RoundResult ExecuteRound(RoundInput input);

    /// <summary>eth_call semantics on the state after block <paramref name="number"/>: nothing is committed.
    /// <paramref name="overrides"/> change only this call's state and block (<see cref="ArgumentException"/> for
    /// overrides geth refuses, e.g. both state and stateDiff). <paramref name="cancellation"/> stops the execution
    /// itself (the interpreter checks it on taken jumps and frame starts) and throws
    /// <see cref="OperationCanceledException"/>; round execution never takes one. The call runs with the gas it names
    /// (up to <see cref="CallSite.MaxCallGas"/>, or a block override's gasLimit), the block gas limit when it names
    /// none: the caller caps it (the RPC's gas cap); more gas than the block's limit is visible as GASLIMIT.</summary>
    CallOutcome Call(CallRequest request, ulong number, ITxTracer? tracer = null, CallOverrides? overrides = null,
        CancellationToken cancellation = default);

    /// <summary>eth_estimateGas: the smallest gas limit with which the call succeeds (binary search). Overrides and
    /// cancellation as for <see cref="Call"/>; cancellation also ends the search between runs.</summary>
    EstimateOutcome EstimateGas(CallRequest request, ulong number, CallOverrides? overrides = null, CancellationToken cancellation = default);

    /// <summary>eth_createAccessList: the accounts and slots the call touches (repeated until stable), the gas it
    /// uses with them, and its error if it fails with them. Overrides and cancellation as for <see cref="Call"/>.</summary>
    AccessListOutcome CreateAccessList(CallRequest request, ulong number, CallOverrides? overrides = null, CancellationToken cancellation = default);

    /// <summary>Re-executes a committed transaction on its block's parent state with the transactions before it,
    /// reporting to <paramref name="tracer"/>; false when the transaction is unknown or its state is pruned.
    /// Cancellation as for <see cref="Call"/>.</summary>
    bool TraceTransaction(Hash256 transactionHash, ITxTracer tracer, CancellationToken cancellation = default);

    /// <summary>Re-executes every transaction of block <paramref name="number"/> in order on its parent's state, once
    /// for the whole block, each reporting to the tracer <paramref name="tracerFor"/> gives for its index (null: run
    /// untraced); false when the block is unknown or its state pruned. Cancellation as for <see cref="Call"/>.</summary>
    bool TraceBlock(ulong number, Func<int, ITxTracer?> tracerFor, CancellationToken cancellation = default);

    /// <summary>eth_simulateV1: blocks of calls run in order on one throw-away state after block <paramref name="number"/>
    /// (see <see cref="CallSimulator.Simulate"/>); <see cref="ArgumentException"/> for a request it refuses.</summary>
    IReadOnlyList<SimulatedBlockResult> Simulate(ulong number, IReadOnlyList<SimulatedBlock> blocks, CancellationToken cancellation = default);

    /// <summary>Dev only: drops every block after <paramref name="number"/> with its state, transactions, receipts
    /// and supply figures, so the chain is exactly as it was when that block was the head.</summary>
    void RollbackTo(ulong number);
}
