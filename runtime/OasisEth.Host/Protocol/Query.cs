using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.Host.Protocol;

/// <summary>
/// <c>RuntimeQueryRequest</c> (rhp-spec §6.1, §10.5): a runtime-defined <see cref="Method"/> against
/// <see cref="Header"/>'s state (a header, not a block).
/// </summary>
public sealed class QueryRequest : Body
{
    public override string Name => BodyNames.RuntimeQueryRequest;

    public LightBlock ConsensusBlock { get; set; } = new();
    public BlockHeader Header { get; set; } = new();
    public ulong Epoch { get; set; }
    public uint MaxMessages { get; set; }
    public string Method { get; set; } = "";
    public byte[] Args { get; set; } = [];

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("consensus_block");
        ConsensusBlock.Write(w);
        w.WriteTextString("header");
        Header.Write(w);
        CborOut.U64(w, "epoch", Epoch);
        CborOut.U64(w, "max_messages", MaxMessages);
        CborOut.Text(w, "method", Method);
        CborOut.OptBytes(w, "args", Args);
        w.WriteEndMap();
    }

    public static QueryRequest Read(CborReader r)
    {
        var b = new QueryRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "consensus_block": b.ConsensusBlock = LightBlock.Read(r); return true;
                case "header": b.Header = BlockHeader.Read(r); return true;
                case "epoch": b.Epoch = CborIn.U64(r); return true;
                case "max_messages": b.MaxMessages = CborIn.U32(r); return true;
                case "method": b.Method = CborIn.Text(r); return true;
                case "args": b.Args = CborIn.Bytes(r); return true;
                default: return false;
            }
        });
        return b;
    }
}

/// <summary><c>RuntimeQueryResponse { data opt }</c>.</summary>
public sealed class QueryResponse : Body
{
    public override string Name => BodyNames.RuntimeQueryResponse;

    public byte[] Data { get; set; } = [];

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptBytes(w, "data", Data);
        w.WriteEndMap();
    }

    public static QueryResponse Read(CborReader r)
    {
        var b = new QueryResponse();
        CborIn.Map(r, (r, key) =>
        {
            if (key != "data") return false;
            b.Data = CborIn.Bytes(r);
            return true;
        });
        return b;
    }
}
