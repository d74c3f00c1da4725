using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.Host.Protocol;

/// <summary>
/// A body whose payload is the empty map: <c>Empty</c>, <c>RuntimePingRequest</c>, <c>RuntimeAbortRequest</c>,
/// <c>RuntimeAbortResponse</c>, <c>RuntimeConsensusSyncResponse</c>, <c>RuntimeShutdownRequest</c>, … A payload
/// with fields we do not know is accepted and ignored (rhp-spec §3.1).
/// </summary>
public sealed class EmptyBody(string name) : Body
{
    public override string Name { get; } = name;

    public static readonly EmptyBody Empty = new(BodyNames.Empty);
    public static readonly EmptyBody PingRequest = new(BodyNames.RuntimePingRequest);
    public static readonly EmptyBody AbortRequest = new(BodyNames.RuntimeAbortRequest);
    public static readonly EmptyBody AbortResponse = new(BodyNames.RuntimeAbortResponse);
    public static readonly EmptyBody ConsensusSyncResponse = new(BodyNames.RuntimeConsensusSyncResponse);

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(0);
        w.WriteEndMap();
    }
}

/// <summary><c>Error { module opt, code opt u32, message opt }</c> (rhp-spec §4). Code 0 means "no error".</summary>
public sealed class ErrorBody : Body
{
    public override string Name => BodyNames.Error;

    public string Module { get; set; } = "";
    public uint Code { get; set; }
    public string Message { get; set; } = "";

    public ErrorBody() { }

    public ErrorBody(string module, uint code, string message)
    {
        Module = module;
        Code = code;
        Message = message;
    }

    public override void WritePayload(CborWriter w) => Write(w);

    public void Write(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.OptText(w, "module", Module);
        CborOut.OptU64(w, "code", Code);
        CborOut.OptText(w, "message", Message);
        w.WriteEndMap();
    }

    public static ErrorBody Read(CborReader r)
    {
        var e = new ErrorBody();
        CborIn.Map(r, (r, key) =>
        {
            switch (key)
            {
                case "module": e.Module = CborIn.Text(r); return true;
                case "code": e.Code = CborIn.U32(r); return true;
                case "message": e.Message = CborIn.Text(r); return true;
                default: return false;
            }
        });
        return e;
    }

    public override string ToString() => $"Error({Module}/{Code}: {Message})";
}

/// <summary><c>RuntimeConsensusSyncRequest { height }</c>: a new consensus block; answered with success (rhp-spec §5).</summary>
public sealed class ConsensusSyncRequest : Body
{
    public override string Name => BodyNames.RuntimeConsensusSyncRequest;
    public ulong Height { get; set; }

    public override void WritePayload(CborWriter w)
    {
        w.WriteStartMap(null);
        CborOut.U64(w, "height", Height);
        w.WriteEndMap();
    }

    public static ConsensusSyncRequest Read(CborReader r)
    {
        var b = new ConsensusSyncRequest();
        CborIn.Map(r, (r, key) =>
        {
            if (key != "height") return false;
            b.Height = CborIn.U64(r);
            return true;
        });
        return b;
    }
}

/// <summary>
/// A body we recognise by name but do not serve (TEE attestation, key manager, EnclaveRPC, local RPC, ROFL
/// notifications): its payload is kept raw and the dispatcher answers it (rhp-spec §6.1, §11).
/// </summary>
public sealed class OpaqueBody(string name, byte[] payload) : Body
{
    public override string Name { get; } = name;
    public byte[] Payload { get; } = payload;

    public override void WritePayload(CborWriter w) => w.WriteEncodedValue(Payload);
}

/// <summary>
/// A body name we do not know, or a known body whose payload failed to decode (<see cref="Error"/> says why).
/// Decoding never fails on these: the dispatcher answers them with an Error.
/// </summary>
public sealed class UnknownBody(string name, byte[] payload, string? error = null) : Body
{
    public override string Name { get; } = name;
    public byte[] Payload { get; } = payload;

    /// <summary>Null for an unknown name; the decode error for a known name with a malformed payload.</summary>
    public string? Error { get; } = error;

    public override void WritePayload(CborWriter w) => w.WriteEncodedValue(Payload);
}
