using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Primitives;

namespace OasisEth.Host.Protocol;

/// <summary>
/// <c>HostFetchTxBatchRequest { offset opt, limit }</c> (rhp-spec §6.2): more txs from the pool in Schedule
/// mode. The host currently ignores <see cref="Offset"/>.
/// </summary>
public sealed class FetchTxBatchRequest : Body
{
    public override string Name => BodyNames.HostFetchTxBatchRequest;

    public Hash256? Offset { get; set; }
    public uint Limit { get; set; }

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        if (Offset is { } offset) CborOut.Hash(w, "offset", offset);
        CborOut.U64(w, "limit", Limit);
        w.WriteEndMap();
    }

    public static FetchTxBatchRequest Read(CborReader r)
    {
        var b = new FetchTxBatchRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "offset": b.Offset = CborIn.Hash(r); return true;
                case "limit": b.Limit = CborIn.U32(r); return true;
                default: return false;
            }
        });
        return b;
    }
}

/// <summary><c>HostFetchTxBatchResponse { batch opt }</c>: absent or null = no more txs.</summary>
public sealed class FetchTxBatchResponse : Body
{
    public override string Name => BodyNames.HostFetchTxBatchResponse;

    public List<byte[]> Batch { get; set; } = [];

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptArray(w, "batch", Batch, CborOut.ByteString);
        w.WriteEndMap();
    }

    public static FetchTxBatchResponse Read(CborReader r)
    {
        var b = new FetchTxBatchResponse();
        CborIn.Map(r, (r, key) =>
        {
            if (key != "batch") return false;
            b.Batch = CborIn.Array(r, CborIn.Bytes);
            return true;
        });
        return b;
    }
}
