namespace OasisEth.Rpc.Tests;

/// <summary>An error answer as a client sees it.</summary>
internal sealed class RpcError(int code, string message, string? data) : Exception($"{code}: {message}")
{
    public int Code { get; } = code;
    public new string Message { get; } = message;
    public string? ErrorData { get; } = data;
}
