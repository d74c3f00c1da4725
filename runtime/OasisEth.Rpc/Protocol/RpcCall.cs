using System.Text.Json;

namespace OasisEth.Rpc;

/// <summary>One method call as a handler sees it: its parameters, the writer its result goes to (exactly one JSON
/// value), the WebSocket session it came from (null over HTTP) and the request's cancellation.</summary>
internal sealed class RpcCall(RpcParams parameters, Utf8JsonWriter result, RpcSession? session, CancellationToken cancellation)
{
    public RpcParams Params { get; } = parameters;
    public Utf8JsonWriter Result { get; } = result;
    public RpcSession? Session { get; } = session;
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>The transaction a send admitted (set by the send handlers; read by <see cref="AutomineSends"/>).</summary>
    internal PoolTransaction? Submitted { get; set; }
}
