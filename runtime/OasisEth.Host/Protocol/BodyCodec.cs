using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.Host.Protocol;

/// <summary>
/// Body names → payload readers. A name not listed decodes to <see cref="UnknownBody"/>; a listed name whose
/// payload does not decode becomes an <see cref="UnknownBody"/> carrying the error. Either way the frame's id
/// survives, so the dispatcher can answer with an Error instead of dropping the connection.
/// </summary>
public static class BodyCodec
{
    private static readonly Dictionary<string, Func<CborReader, Body>> Readers = new(StringComparer.Ordinal)
    {
        [BodyNames.Empty] = static r => ReadEmpty(r, BodyNames.Empty),
        [BodyNames.Error] = ErrorBody.Read,
        [BodyNames.RuntimeInfoRequest] = RuntimeInfoRequest.Read,
        [BodyNames.RuntimeInfoResponse] = RuntimeInfoResponse.Read,
        [BodyNames.RuntimePingRequest] = static r => ReadEmpty(r, BodyNames.RuntimePingRequest),
        [BodyNames.RuntimeAbortRequest] = static r => ReadEmpty(r, BodyNames.RuntimeAbortRequest),
        [BodyNames.RuntimeAbortResponse] = static r => ReadEmpty(r, BodyNames.RuntimeAbortResponse),
        [BodyNames.RuntimeConsensusSyncRequest] = ConsensusSyncRequest.Read,
        [BodyNames.RuntimeConsensusSyncResponse] = static r => ReadEmpty(r, BodyNames.RuntimeConsensusSyncResponse),
        [BodyNames.RuntimeCheckTxBatchRequest] = CheckTxBatchRequest.Read,
        [BodyNames.RuntimeCheckTxBatchResponse] = CheckTxBatchResponse.Read,
        [BodyNames.RuntimeExecuteTxBatchRequest] = ExecuteTxBatchRequest.Read,
        [BodyNames.RuntimeExecuteTxBatchResponse] = ExecuteTxBatchResponse.Read,
        [BodyNames.RuntimeQueryRequest] = QueryRequest.Read,
        [BodyNames.RuntimeQueryResponse] = QueryResponse.Read,
        [BodyNames.RuntimeNotifyRequest] = static r => new OpaqueBody(BodyNames.RuntimeNotifyRequest, CborIn.Raw(r)),
        [BodyNames.HostStorageSyncRequest] = StorageSyncRequest.Read,
        [BodyNames.HostStorageSyncResponse] = StorageSyncResponse.Read,
        [BodyNames.HostFetchTxBatchRequest] = FetchTxBatchRequest.Read,
        [BodyNames.HostFetchTxBatchResponse] = FetchTxBatchResponse.Read,
    };

    public static void Write(CborWriter w, Body body)
    {
        w.WriteStartMap(1);
        w.WriteTextString(body.Name);
        body.WritePayload(w);
        w.WriteEndMap();
    }

    /// <summary>Reads <c>{ Name: payload }</c>. Throws <see cref="RhpCborException"/> only when the outer map itself is malformed.</summary>
    public static Body Read(CborReader r)
    {
        if (r.PeekState() != CborReaderState.StartMap) throw new RhpCborException("body is not a map");
        int? count = r.ReadStartMap();
        if (count != 1) throw new RhpCborException($"body must be a single-entry map, got {count?.ToString() ?? "indefinite"} entries");
        if (r.PeekState() != CborReaderState.TextString) throw new RhpCborException("body name is not a text string");
        string name = r.ReadTextString();
        byte[] payload = CborIn.Raw(r);
        r.ReadEndMap();
        return Decode(name, payload);
    }

    /// <summary>Decodes a payload for <paramref name="name"/>; never throws.</summary>
    public static Body Decode(string name, byte[] payload)
    {
        if (BodyNames.Unsupported.Contains(name)) return new OpaqueBody(name, payload);
        if (!Readers.TryGetValue(name, out var read)) return new UnknownBody(name, payload);
        try
        {
            var r = CborIn.Reader(payload);
            var body = read(r);
            if (r.BytesRemaining != 0) return new UnknownBody(name, payload, "trailing bytes in payload");
            return body;
        }
        catch (Exception e) when (e is RhpCborException or CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            return new UnknownBody(name, payload, e.Message);
        }
    }

    private static EmptyBody ReadEmpty(CborReader r, string name)
    {
        // Any fields are ignored; the payload still has to be a map (or null).
        CborIn.Map(r, static (_, _) => false);
        return name switch
        {
            BodyNames.Empty => EmptyBody.Empty,
            BodyNames.RuntimePingRequest => EmptyBody.PingRequest,
            BodyNames.RuntimeAbortRequest => EmptyBody.AbortRequest,
            BodyNames.RuntimeAbortResponse => EmptyBody.AbortResponse,
            BodyNames.RuntimeConsensusSyncResponse => EmptyBody.ConsensusSyncResponse,
            _ => new EmptyBody(name),
        };
    }
}
