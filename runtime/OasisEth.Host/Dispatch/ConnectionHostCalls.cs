using OasisEth.Host.Protocol;
using OasisEth.Host.Transport;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.Dispatch;

/// <summary><see cref="IHostCalls"/> over an <see cref="RhpConnection"/>: each call is one request/response round trip.</summary>
public sealed class ConnectionHostCalls(RhpConnection connection) : IHostCalls
{
    public MkvsProof SyncGet(StorageRoot root, Hash256 position, byte[] key, bool includeSiblings, CancellationToken ct) =>
        Sync(new SyncGetRequest { Tree = new TreeId(root, position), Key = key, IncludeSiblings = includeSiblings }, ct);

    public MkvsProof SyncGetPrefixes(StorageRoot root, IReadOnlyList<byte[]> prefixes, ushort limit, CancellationToken ct) =>
        Sync(new SyncGetPrefixesRequest { Tree = new TreeId(root, root.Hash), Prefixes = [.. prefixes], Limit = limit }, ct);

    public MkvsProof SyncIterate(StorageRoot root, byte[] key, ushort prefetch, CancellationToken ct) =>
        Sync(new SyncIterateRequest { Tree = new TreeId(root, root.Hash), Key = key, Prefetch = prefetch }, ct);

    public IReadOnlyList<byte[]> FetchTxBatch(Hash256? offset, uint limit, CancellationToken ct) =>
        Call(new FetchTxBatchRequest { Offset = offset, Limit = limit }, ct) is FetchTxBatchResponse response
            ? response.Batch
            : throw new HostCallException(new ErrorBody("rhp/host", 1, "unexpected answer to HostFetchTxBatchRequest"));

    public Body Call(Body request, CancellationToken ct) => connection.Call(request, ct);

    private MkvsProof Sync(StorageSyncOp op, CancellationToken ct)
    {
        var answer = Call(new StorageSyncRequest { Endpoint = HostStorageEndpoint.Runtime, Op = op }, ct);
        return answer is StorageSyncResponse response
            ? response.Proof
            : throw new HostCallException(new ErrorBody("rhp/host", 1, $"unexpected answer {answer.Name} to HostStorageSyncRequest"));
    }
}
