namespace OasisEth.Rpc;

/// <summary>
/// An error answer to one call. Thrown by method handlers and caught per call by the dispatcher, so a bad call never
/// breaks the batch or the connection. Exceptions are fine here: an error answer is the cold path of a request, not
/// a loop.
/// </summary>
public sealed class RpcException(int code, string message, string? data = null) : Exception(message)
{
    public int Code { get; } = code;

    /// <summary>Hex data (revert data) or null.</summary>
    public string? ErrorData { get; } = data;

    public static RpcException InvalidParams(string message) => new(RpcErrorCodes.InvalidParams, message);
    public static RpcException Server(string message) => new(RpcErrorCodes.Server, message);
}
