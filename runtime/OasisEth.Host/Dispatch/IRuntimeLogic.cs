using OasisEth.Host.Protocol;

namespace OasisEth.Host.Dispatch;

/// <summary>
/// What the runtime core implements; <see cref="RuntimeDispatcher"/> calls it. Each request runs on a worker
/// thread (never the reader loop), so pings keep being answered while a batch executes, and a query may run
/// concurrently with an execution. An exception becomes an Error response (module <c>dispatcher</c>); a
/// <see cref="RuntimeErrorException"/> chooses the module, code and message itself.
/// </summary>
public interface IRuntimeLogic
{
    /// <summary>
    /// The handshake, called once for the first RuntimeInfoRequest. The host allows 1 s for the whole
    /// answer, so do no heavy work here; no host calls may be made before this returns (rhp-spec §4, §5).
    /// </summary>
    RuntimeInfoResponse Initialize(RuntimeInfoRequest request);

    /// <summary>One result per input, in order (rhp-spec §10.4).</summary>
    CheckTxBatchResponse CheckTxBatch(CheckTxBatchRequest request, IHostCalls host, CancellationToken ct);

    /// <summary>Schedule or Execute mode (rhp-spec §10). <paramref name="ct"/> fires on RuntimeAbortRequest or disconnect.</summary>
    ExecuteTxBatchResponse ExecuteTxBatch(ExecuteTxBatchRequest request, IHostCalls host, CancellationToken ct);

    /// <summary>A runtime-defined query against <c>request.Header</c>'s state (rhp-spec §10.5).</summary>
    QueryResponse Query(QueryRequest request, IHostCalls host, CancellationToken ct);
}
