using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.Host.Protocol;

/// <summary>
/// The RHP envelope <c>{ id, message_type, body }</c> (rhp-spec §4). Each side numbers its own requests; a
/// response copies the request's id. Unknown envelope keys (e.g. Go's <c>span_context</c>) are ignored.
/// </summary>
public sealed record RhpMessage(ulong Id, MessageType Type, Body Body)
{
    public static RhpMessage Request(ulong id, Body body) => new(id, MessageType.Request, body);
    public static RhpMessage Response(ulong id, Body body) => new(id, MessageType.Response, body);

    /// <summary>The canonical CBOR of the message (no length prefix).</summary>
    public byte[] Encode()
    {
        var w = CborOut.Writer();
        w.WriteStartMap(null);
        CborOut.U64(w, "id", Id);
        CborOut.U64(w, "message_type", (byte)Type);
        w.WriteTextString("body");
        BodyCodec.Write(w, Body);
        w.WriteEndMap();
        return CanonicalCbor.Encode(w);
    }

    /// <summary>
    /// Decodes one frame's CBOR. On failure returns null, with <paramref name="id"/> set when the id could
    /// still be read (so the caller can answer with an Error) and <paramref name="error"/> saying what broke.
    /// A bad or unknown body does not fail: it decodes to <see cref="UnknownBody"/>.
    /// </summary>
    public static RhpMessage? TryDecode(ReadOnlyMemory<byte> frame, out ulong? id, out string? error)
    {
        id = null;
        error = null;
        try
        {
            var r = CborIn.Reader(frame);
            ulong? msgId = null;
            byte type = 0;
            Body? body = null;
            if (r.PeekState() != CborReaderState.StartMap) throw new RhpCborException("message is not a map");
            int? count = r.ReadStartMap();
            if (count is null) throw new RhpCborException("indefinite-length message map");
            for (int i = 0; i < count.Value; i++)
            {
                if (r.PeekState() != CborReaderState.TextString) throw new RhpCborException("message key is not a text string");
                switch (r.ReadTextString())
                {
                    case "id":
                        msgId = r.ReadUInt64();
                        id = msgId;
                        break;
                    case "message_type":
                        type = CborIn.U8(r);
                        break;
                    case "body":
                        body = BodyCodec.Read(r);
                        break;
                    default:
                        r.SkipValue();
                        break;
                }
            }
            r.ReadEndMap();
            if (r.BytesRemaining != 0) throw new RhpCborException("trailing bytes after the message");
            if (msgId is null) throw new RhpCborException("message without id");
            if (type is not ((byte)MessageType.Request or (byte)MessageType.Response))
                throw new RhpCborException($"invalid message type {type}");
            if (body is null) throw new RhpCborException("message without body");
            return new RhpMessage(msgId.Value, (MessageType)type, body);
        }
        catch (Exception e) when (e is RhpCborException or CborContentException or InvalidOperationException or FormatException or OverflowException)
        {
            error = e.Message;
            return null;
        }
    }
}
