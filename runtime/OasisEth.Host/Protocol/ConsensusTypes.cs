using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Primitives;

namespace OasisEth.Host.Protocol;

/// <summary><c>LightBlock { height: i64, meta: bytes }</c>: the consensus block, opaque to us (rhp-spec §7.2).</summary>
public sealed class LightBlock
{
    public long Height { get; set; }
    public byte[] Meta { get; set; } = [];

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.I64(w, "height", Height);
        CborOut.Bytes(w, "meta", Meta);
        w.WriteEndMap();
    }

    public static LightBlock Read(CborReader r)
    {
        var b = new LightBlock();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "height": b.Height = CborIn.I64(r); return true;
                case "meta": b.Meta = CborIn.Bytes(r); return true;
                default: return false;
            }
        });
        return b;
    }
}

/// <summary><c>MessageEvent { module opt, code opt, index opt, result opt any }</c>: the outcome of a message we emitted.</summary>
public sealed class MessageEvent
{
    public string Module { get; set; } = "";
    public uint Code { get; set; }
    public uint Index { get; set; }
    /// <summary>The result as encoded CBOR, or null when absent.</summary>
    public byte[]? Result { get; set; }

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptText(w, "module", Module);
        CborOut.OptU64(w, "code", Code);
        CborOut.OptU64(w, "index", Index);
        if (Result is not null)
        {
            w.WriteTextString("result");
            w.WriteEncodedValue(Result);
        }
        w.WriteEndMap();
    }

    public static MessageEvent Read(CborReader r)
    {
        var e = new MessageEvent();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "module": e.Module = CborIn.Text(r); return true;
                case "code": e.Code = CborIn.U32(r); return true;
                case "index": e.Index = CborIn.U32(r); return true;
                case "result": e.Result = CborIn.Raw(r); return true;
                default: return false;
            }
        });
        return e;
    }
}

/// <summary><c>RoundResults</c>: results of the previous round's messages and who computed it (rhp-spec §7.2).</summary>
public sealed class RoundResults
{
    public List<MessageEvent> Messages { get; set; } = [];
    public List<Hash256> GoodComputeEntities { get; set; } = [];
    public List<Hash256> BadComputeEntities { get; set; } = [];

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptArray(w, "messages", Messages, static (w, m) => m.Write(w));
        CborOut.OptArray(w, "good_compute_entities", GoodComputeEntities, CborOut.HashItem);
        CborOut.OptArray(w, "bad_compute_entities", BadComputeEntities, CborOut.HashItem);
        w.WriteEndMap();
    }

    public static RoundResults Read(CborReader r)
    {
        var rr = new RoundResults();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "messages": rr.Messages = CborIn.Array(r, MessageEvent.Read); return true;
                case "good_compute_entities": rr.GoodComputeEntities = CborIn.Array(r, CborIn.Hash); return true;
                case "bad_compute_entities": rr.BadComputeEntities = CborIn.Array(r, CborIn.Hash); return true;
                default: return false;
            }
        });
        return rr;
    }
}

/// <summary>
/// An incoming consensus message (rhp-spec §7.2). We register <c>max_in_messages = 0</c>, so these only need
/// to decode; quantities are big-endian byte strings.
/// </summary>
public sealed class IncomingMessage
{
    public const int AddressSize = 21;

    public ulong Id { get; set; }
    public byte[] Caller { get; set; } = new byte[AddressSize];
    public ulong Tag { get; set; }
    public byte[] Fee { get; set; } = [];
    public byte[] Tokens { get; set; } = [];
    public byte[] Data { get; set; } = [];

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.U64(w, "id", Id);
        CborOut.Bytes(w, "caller", Caller);
        CborOut.OptU64(w, "tag", Tag);
        CborOut.OptBytes(w, "fee", Fee);
        CborOut.OptBytes(w, "tokens", Tokens);
        CborOut.OptBytes(w, "data", Data);
        w.WriteEndMap();
    }

    public static IncomingMessage Read(CborReader r)
    {
        var m = new IncomingMessage();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "id": m.Id = CborIn.U64(r); return true;
                case "caller": m.Caller = CborIn.FixedBytes(r, AddressSize); return true;
                case "tag": m.Tag = CborIn.U64(r); return true;
                case "fee": m.Fee = CborIn.Bytes(r); return true;
                case "tokens": m.Tokens = CborIn.Bytes(r); return true;
                case "data": m.Data = CborIn.Bytes(r); return true;
                default: return false;
            }
        });
        return m;
    }
}
