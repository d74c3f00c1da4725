using OasisEth.Evm.Tracing;

namespace OasisEth.Rpc.Tests;

/// <summary>
/// A chain whose rounds can be made to fail as a full disk makes RocksDB fail (the commit throws and nothing is
/// written); every other member goes straight to the real chain.
/// </summary>
internal sealed class FaultyChain(IChain inner) : IChain
{
    /// <summary>When set, the next rounds throw it instead of executing.</summary>
    public Exception? RoundFault { get; set; }

    public RoundResult ExecuteRound(RoundInput input) => RoundFault is { } fault ? throw fault : inner.ExecuteRound(input);

    public GenesisConfig Genesis => inner.Genesis;
    public BlockHeader Head => inner.Head;
    public BlockHeader? GetHeader(ulong number) => inner.GetHeader(number);
    public BlockHeader? GetHeader(Hash256 hash) => inner.GetHeader(hash);
    public Block? GetBlock(ulong number) => inner.GetBlock(number);
    public Block? GetBlock(Hash256 hash) => inner.GetBlock(hash);
    public StoredTransaction? GetTransaction(Hash256 hash) => inner.GetTransaction(hash);
    public StoredReceipt? GetReceipt(Hash256 transactionHash) => inner.GetReceipt(transactionHash);
    public IReadOnlyList<StoredLog> GetLogs(LogFilter filter, int limit) => inner.GetLogs(filter, limit);
    public IStateView OpenState(ulong number) => inner.OpenState(number);
    public SupplyFigures GetSupply(ulong number) => inner.GetSupply(number);
    public CheckTxResult CheckTx(ReadOnlySpan<byte> raw) => inner.CheckTx(raw);

    public CallOutcome Call(CallRequest request, ulong number, ITxTracer? tracer = null, CallOverrides? overrides = null,
        CancellationToken cancellation = default) => inner.Call(request, number, tracer, overrides, cancellation);

    public EstimateOutcome EstimateGas(CallRequest request, ulong number, CallOverrides? overrides = null, CancellationToken cancellation = default) =>
        inner.EstimateGas(request, number, overrides, cancellation);

    public AccessListOutcome CreateAccessList(CallRequest request, ulong number, CallOverrides? overrides = null, CancellationToken cancellation = default) =>
        inner.CreateAccessList(request, number, overrides, cancellation);

    public bool TraceTransaction(Hash256 transactionHash, ITxTracer tracer, CancellationToken cancellation = default) =>
        inner.TraceTransaction(transactionHash, tracer, cancellation);
    public bool TraceBlock(ulong number, Func<int, ITxTracer?> tracerFor, CancellationToken cancellation = default) =>
        inner.TraceBlock(number, tracerFor, cancellation);
    public IReadOnlyList<SimulatedBlockResult> Simulate(ulong number, IReadOnlyList<SimulatedBlock> blocks, CancellationToken cancellation = default) =>
        inner.Simulate(number, blocks, cancellation);

    public void RollbackTo(ulong number) => inner.RollbackTo(number);

    /// <summary>The test's TestNode owns and disposes the real chain.</summary>
    public void Dispose()
    {
    }
}
