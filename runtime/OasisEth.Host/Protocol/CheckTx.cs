using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.Host.Protocol;

/// <summary><c>RuntimeCheckTxBatchRequest</c> (rhp-spec §6.1, §10.4): check <see cref="Inputs"/> against <see cref="Block"/>'s state.</summary>
public sealed class CheckTxBatchRequest : Body
{
    public override string Name => BodyNames.RuntimeCheckTxBatchRequest;

    public LightBlock ConsensusBlock { get; set; } = new();
    public List<byte[]> Inputs { get; set; } = [];
    public Block Block { get; set; } = new();
    public ulong Epoch { get; set; }
    public uint MaxMessages { get; set; }

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("consensus_block");
        ConsensusBlock.Write(w);
        CborOut.Array(w, "inputs", Inputs, CborOut.ByteString);
        w.WriteTextString("block");
        Block.Write(w);
        CborOut.U64(w, "epoch", Epoch);
        CborOut.U64(w, "max_messages", MaxMessages);
        w.WriteEndMap();
    }

    public static CheckTxBatchRequest Read(CborReader r)
    {
        var b = new CheckTxBatchRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "consensus_block": b.ConsensusBlock = LightBlock.Read(r); return true;
                case "inputs": b.Inputs = CborIn.Array(r, CborIn.Bytes); return true;
                case "block": b.Block = Block.Read(r); return true;
                case "epoch": b.Epoch = CborIn.U64(r); return true;
                case "max_messages": b.MaxMessages = CborIn.U32(r); return true;
                default: return false;
            }
        });
        return b;
    }
}

/// <summary>
/// Pool metadata for an accepted transaction (rhp-spec §6.3): per <see cref="Sender"/> the pool orders by
/// <see cref="SenderSeq"/> and drops what is below <see cref="SenderStateSeq"/>. All members are *opt*.
/// </summary>
public sealed class CheckTxMetadata
{
    public ulong Priority { get; set; }
    public byte[] Sender { get; set; } = [];
    public ulong SenderSeq { get; set; }
    public ulong SenderStateSeq { get; set; }

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptU64(w, "priority", Priority);
        CborOut.OptBytes(w, "sender", Sender);
        CborOut.OptU64(w, "sender_seq", SenderSeq);
        CborOut.OptU64(w, "sender_state_seq", SenderStateSeq);
        w.WriteEndMap();
    }

    public static CheckTxMetadata Read(CborReader r)
    {
        var m = new CheckTxMetadata();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "priority": m.Priority = CborIn.U64(r); return true;
                case "sender": m.Sender = CborIn.Bytes(r); return true;
                case "sender_seq": m.SenderSeq = CborIn.U64(r); return true;
                case "sender_state_seq": m.SenderStateSeq = CborIn.U64(r); return true;
                default: return false;
            }
        });
        return m;
    }
}

/// <summary>
/// One CheckTx result: <c>{ error: Error, meta: CheckTxMetadata | null }</c>, both keys always present and
/// <c>error</c> = <c>{}</c> on success. The Go pool reads <c>meta.sender</c> without a nil check, so a success
/// must carry metadata (use <see cref="Ok"/>).
/// </summary>
public sealed class CheckTxResult
{
    public ErrorBody Error { get; set; } = new();
    public CheckTxMetadata? Meta { get; set; }

    public bool IsSuccess => Error.Code == 0;

    public static CheckTxResult Ok(CheckTxMetadata meta) => new() { Meta = meta ?? throw new ArgumentNullException(nameof(meta)) };

    public static CheckTxResult Fail(string module, uint code, string message)
    {
        if (code == 0) throw new ArgumentOutOfRangeException(nameof(code), "An error code is at least 1 (0 means success).");
        return new() { Error = new ErrorBody(module, code, message) };
    }

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("error");
        Error.Write(w);
        w.WriteTextString("meta");
        if (Meta is null) w.WriteNull();
        else Meta.Write(w);
        w.WriteEndMap();
    }

    public static CheckTxResult Read(CborReader r)
    {
        var res = new CheckTxResult();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "error": res.Error = ErrorBody.Read(r); return true;
                case "meta": res.Meta = CheckTxMetadata.Read(r); return true;
                default: return false;
            }
        });
        return res;
    }
}

/// <summary><c>RuntimeCheckTxBatchResponse { results }</c>: exactly one result per input, in order.</summary>
public sealed class CheckTxBatchResponse : Body
{
    public override string Name => BodyNames.RuntimeCheckTxBatchResponse;

    public List<CheckTxResult> Results { get; set; } = [];

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.Array(w, "results", Results, static (w, x) => x.Write(w));
        w.WriteEndMap();
    }

    public static CheckTxBatchResponse Read(CborReader r)
    {
        var b = new CheckTxBatchResponse();
        CborIn.Map(r, (r, key) =>
        {
            if (key != "results") return false;
            b.Results = CborIn.Array(r, CheckTxResult.Read);
            return true;
        });
        return b;
    }
}
