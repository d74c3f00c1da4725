using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.Dispatch;

/// <summary>
/// Runtime → host requests. Thread-safe and usable from handler threads while the reader loop keeps running.
/// A host Error answer throws <see cref="HostCallException"/>; a closed connection throws
/// <see cref="OperationCanceledException"/> or <see cref="IOException"/>. Proofs are returned unverified: verify
/// them (or use <c>Storage/HostNodeSource</c>, which does) before trusting a byte.
/// </summary>
public interface IHostCalls
{
    /// <summary>SyncGet on runtime state: a proof of the path to <paramref name="key"/> starting at <paramref name="position"/>.</summary>
    MkvsProof SyncGet(StorageRoot root, Hash256 position, byte[] key, bool includeSiblings, CancellationToken ct);

    /// <summary>SyncGetPrefixes on runtime state: up to <paramref name="limit"/> entries under the prefixes, proved from the root.</summary>
    MkvsProof SyncGetPrefixes(StorageRoot root, IReadOnlyList<byte[]> prefixes, ushort limit, CancellationToken ct);

    /// <summary>SyncIterate on runtime state: the path to <paramref name="key"/> and <paramref name="prefetch"/> following entries.</summary>
    MkvsProof SyncIterate(StorageRoot root, byte[] key, ushort prefetch, CancellationToken ct);

    /// <summary>More txs from the pool (Schedule mode). Empty when the pool has nothing more.</summary>
    IReadOnlyList<byte[]> FetchTxBatch(Hash256? offset, uint limit, CancellationToken ct);

    /// <summary>Any other host request, answered with its raw response body (an Error body throws).</summary>
    Body Call(Body request, CancellationToken ct);
}
