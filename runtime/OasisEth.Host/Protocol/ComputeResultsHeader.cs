using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Host.Protocol;

/// <summary>
/// The executor commitment header (rhp-spec §7.3). <c>round</c> and <c>previous_hash</c> are always encoded;
/// the four hashes are Options (omitted when null, encoded even when zero) and <c>in_msgs_count</c> is omitted
/// when 0. Every executor must produce it byte-identically.
/// </summary>
public sealed class ComputeResultsHeader
{
    public ulong Round { get; set; }
    public Hash256 PreviousHash { get; set; }
    public Hash256? IoRoot { get; set; }
    public Hash256? StateRoot { get; set; }
    public Hash256? MessagesHash { get; set; }
    public Hash256? InMsgsHash { get; set; }
    public uint InMsgsCount { get; set; }

    /// <summary>The commitment vote: H(cbor(header)).</summary>
    public Hash256 Hash() => Sha512_256.Hash(ToCbor());

    public byte[] ToCbor() => CborOut.Encode(Write);

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.U64(w, "round", Round);
        CborOut.Hash(w, "previous_hash", PreviousHash);
        if (IoRoot is { } io) CborOut.Hash(w, "io_root", io);
        if (StateRoot is { } state) CborOut.Hash(w, "state_root", state);
        if (MessagesHash is { } messages) CborOut.Hash(w, "messages_hash", messages);
        if (InMsgsHash is { } inMsgs) CborOut.Hash(w, "in_msgs_hash", inMsgs);
        CborOut.OptU64(w, "in_msgs_count", InMsgsCount);
        w.WriteEndMap();
    }

    public static ComputeResultsHeader Read(CborReader r)
    {
        var h = new ComputeResultsHeader();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "round": h.Round = CborIn.U64(r); return true;
                case "previous_hash": h.PreviousHash = CborIn.Hash(r); return true;
                case "io_root": h.IoRoot = CborIn.Hash(r); return true;
                case "state_root": h.StateRoot = CborIn.Hash(r); return true;
                case "messages_hash": h.MessagesHash = CborIn.Hash(r); return true;
                case "in_msgs_hash": h.InMsgsHash = CborIn.Hash(r); return true;
                case "in_msgs_count": h.InMsgsCount = CborIn.U32(r); return true;
                default: return false;
            }
        });
        return h;
    }
}
