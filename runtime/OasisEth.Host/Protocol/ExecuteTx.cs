using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.Protocol;

/// <summary>Execution mode (rhp-spec §10): 0 replicate a proposal, 1 propose (schedule) one.</summary>
public enum ExecutionMode : byte
{
    Execute = 0,
    Schedule = 1,
}

/// <summary><c>RuntimeExecuteTxBatchRequest</c> (rhp-spec §6.1, §10).</summary>
public sealed class ExecuteTxBatchRequest : Body
{
    public override string Name => BodyNames.RuntimeExecuteTxBatchRequest;

    public ExecutionMode Mode { get; set; }
    public LightBlock ConsensusBlock { get; set; } = new();
    public RoundResults RoundResults { get; set; } = new();
    /// <summary>Execute mode: the proposer's <c>tx_input_root</c>. Zero in Schedule mode.</summary>
    public Hash256 IoRoot { get; set; }
    public List<byte[]> Inputs { get; set; } = [];
    public List<IncomingMessage> InMsgs { get; set; } = [];
    public Block Block { get; set; } = new();
    public ulong Epoch { get; set; }
    public uint MaxMessages { get; set; }

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptU64(w, "mode", (byte)Mode);
        w.WriteTextString("consensus_block");
        ConsensusBlock.Write(w);
        w.WriteTextString("round_results");
        RoundResults.Write(w);
        CborOut.Hash(w, "io_root", IoRoot);
        CborOut.OptArray(w, "inputs", Inputs, CborOut.ByteString);
        CborOut.OptArray(w, "in_msgs", InMsgs, static (w, m) => m.Write(w));
        w.WriteTextString("block");
        Block.Write(w);
        CborOut.U64(w, "epoch", Epoch);
        CborOut.U64(w, "max_messages", MaxMessages);
        w.WriteEndMap();
    }

    public static ExecuteTxBatchRequest Read(CborReader r)
    {
        var b = new ExecuteTxBatchRequest();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "mode":
                    byte mode = CborIn.U8(r);
                    if (mode > 1) throw new RhpCborException($"unknown execution mode {mode}");
                    b.Mode = (ExecutionMode)mode;
                    return true;
                case "consensus_block": b.ConsensusBlock = LightBlock.Read(r); return true;
                case "round_results": b.RoundResults = RoundResults.Read(r); return true;
                case "io_root": b.IoRoot = CborIn.Hash(r); return true;
                case "inputs": b.Inputs = CborIn.Array(r, CborIn.Bytes); return true;
                case "in_msgs": b.InMsgs = CborIn.Array(r, IncomingMessage.Read); return true;
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
/// The computed batch (rhp-spec §6.3). <see cref="Messages"/> holds emitted roothash messages as encoded CBOR
/// (we emit none); <see cref="RakSig"/> is 64 zero bytes for a non-TEE runtime.
/// </summary>
public sealed class ComputedBatch
{
    public const int SignatureSize = 64;

    public ComputeResultsHeader Header { get; set; } = new();
    public List<MkvsWriteLogEntry> IoWriteLog { get; set; } = [];
    public List<MkvsWriteLogEntry> StateWriteLog { get; set; } = [];
    public byte[] RakSig { get; set; } = new byte[SignatureSize];
    public List<byte[]> Messages { get; set; } = [];

    public void Write(CborWriter w)
    {
        if (RakSig.Length != SignatureSize) throw new InvalidOperationException("rak_sig is 64 bytes.");
        w.WriteStartMap(null);
        w.WriteTextString("header");
        Header.Write(w);
        w.WriteTextString("io_write_log");
        WriteLogCbor.Write(w, IoWriteLog);
        w.WriteTextString("state_write_log");
        WriteLogCbor.Write(w, StateWriteLog);
        CborOut.Bytes(w, "rak_sig", RakSig);
        CborOut.Array(w, "messages", Messages, static (w, m) => w.WriteEncodedValue(m));
        w.WriteEndMap();
    }

    public static ComputedBatch Read(CborReader r)
    {
        var b = new ComputedBatch();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "header": b.Header = ComputeResultsHeader.Read(r); return true;
                case "io_write_log": b.IoWriteLog = WriteLogCbor.Read(r); return true;
                case "state_write_log": b.StateWriteLog = WriteLogCbor.Read(r); return true;
                case "rak_sig": b.RakSig = CborIn.FixedBytes(r, SignatureSize); return true;
                case "messages": b.Messages = CborIn.Array(r, CborIn.Raw); return true;
                default: return false;
            }
        });
        return b;
    }
}

/// <summary>
/// <c>RuntimeExecuteTxBatchResponse</c> (rhp-spec §6.3), written Rust-style with every field present.
/// <c>batch_weight_limits</c> is deprecated and never sent.
/// </summary>
public sealed class ExecuteTxBatchResponse : Body
{
    public override string Name => BodyNames.RuntimeExecuteTxBatchResponse;

    public ComputedBatch Batch { get; set; } = new();
    /// <summary>SHA-512/256 of each included raw tx, in batch order.</summary>
    public List<Hash256> TxHashes { get; set; } = [];
    /// <summary>Txs the pool should drop (honoured in Schedule mode).</summary>
    public List<Hash256> TxRejectHashes { get; set; } = [];
    /// <summary>Root of the inputs-only I/O tree.</summary>
    public Hash256 TxInputRoot { get; set; }
    /// <summary>Builds the inputs-only I/O tree from empty; the host applies it, then <c>batch.io_write_log</c>.</summary>
    public List<MkvsWriteLogEntry> TxInputWriteLog { get; set; } = [];

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("batch");
        Batch.Write(w);
        CborOut.Array(w, "tx_hashes", TxHashes, CborOut.HashItem);
        CborOut.Array(w, "tx_reject_hashes", TxRejectHashes, CborOut.HashItem);
        CborOut.Hash(w, "tx_input_root", TxInputRoot);
        w.WriteTextString("tx_input_write_log");
        WriteLogCbor.Write(w, TxInputWriteLog);
        w.WriteEndMap();
    }

    public static ExecuteTxBatchResponse Read(CborReader r)
    {
        var b = new ExecuteTxBatchResponse();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "batch": b.Batch = ComputedBatch.Read(r); return true;
                case "tx_hashes": b.TxHashes = CborIn.Array(r, CborIn.Hash); return true;
                case "tx_reject_hashes": b.TxRejectHashes = CborIn.Array(r, CborIn.Hash); return true;
                case "tx_input_root": b.TxInputRoot = CborIn.Hash(r); return true;
                case "tx_input_write_log": b.TxInputWriteLog = WriteLogCbor.Read(r); return true;
                default: return false;
            }
        });
        return b;
    }
}
