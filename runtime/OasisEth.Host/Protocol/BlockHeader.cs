using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.Protocol;

/// <summary>Runtime block header type (core: go/roothash/api/block/header.go).</summary>
public enum HeaderType : byte
{
    Invalid = 0,
    Normal = 1,
    RoundFailed = 2,
    EpochTransition = 3,
    Suspended = 4,
}

/// <summary>
/// A runtime block header (rhp-spec §7.1). Every field is always encoded; the block hash is
/// H(cbor(header)) with H = SHA-512/256.
/// </summary>
public sealed class BlockHeader
{
    public ushort Version { get; set; }
    public Hash256 Namespace { get; set; }
    public ulong Round { get; set; }
    public ulong Timestamp { get; set; }
    public HeaderType HeaderType { get; set; }
    public Hash256 PreviousHash { get; set; }
    public Hash256 IoRoot { get; set; }
    public Hash256 StateRoot { get; set; }
    public Hash256 MessagesHash { get; set; }
    public Hash256 InMsgsHash { get; set; }

    /// <summary>The block hash: SHA-512/256 of the canonical CBOR of this header.</summary>
    public Hash256 Hash() => Sha512_256.Hash(ToCbor());

    public byte[] ToCbor() => CborOut.Encode(Write);

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.U64(w, "version", Version);
        CborOut.Hash(w, "namespace", Namespace);
        CborOut.U64(w, "round", Round);
        CborOut.U64(w, "timestamp", Timestamp);
        CborOut.U64(w, "header_type", (byte)HeaderType);
        CborOut.Hash(w, "previous_hash", PreviousHash);
        CborOut.Hash(w, "io_root", IoRoot);
        CborOut.Hash(w, "state_root", StateRoot);
        CborOut.Hash(w, "messages_hash", MessagesHash);
        CborOut.Hash(w, "in_msgs_hash", InMsgsHash);
        w.WriteEndMap();
    }

    public static BlockHeader Read(CborReader r)
    {
        var h = new BlockHeader();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "version": h.Version = CborIn.U16(r); return true;
                case "namespace": h.Namespace = CborIn.Hash(r); return true;
                case "round": h.Round = CborIn.U64(r); return true;
                case "timestamp": h.Timestamp = CborIn.U64(r); return true;
                case "header_type": h.HeaderType = (HeaderType)CborIn.U8(r); return true;
                case "previous_hash": h.PreviousHash = CborIn.Hash(r); return true;
                case "io_root": h.IoRoot = CborIn.Hash(r); return true;
                case "state_root": h.StateRoot = CborIn.Hash(r); return true;
                case "messages_hash": h.MessagesHash = CborIn.Hash(r); return true;
                case "in_msgs_hash": h.InMsgsHash = CborIn.Hash(r); return true;
                default: return false;
            }
        });
        return h;
    }
}

/// <summary><c>Block = { header }</c>.</summary>
public sealed class Block
{
    public BlockHeader Header { get; set; } = new();

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        w.WriteTextString("header");
        Header.Write(w);
        w.WriteEndMap();
    }

    public static Block Read(CborReader r)
    {
        var b = new Block();
        CborIn.Map(r, (r, key) =>
        {
            if (key != "header") return false;
            b.Header = BlockHeader.Read(r);
            return true;
        });
        return b;
    }
}
