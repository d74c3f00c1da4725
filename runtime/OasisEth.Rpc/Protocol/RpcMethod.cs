namespace OasisEth.Rpc;

/// <summary>A method handler. Most complete synchronously (a default ValueTask costs nothing).</summary>
internal delegate ValueTask RpcMethod(RpcCall call);
