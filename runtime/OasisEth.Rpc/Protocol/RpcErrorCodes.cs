namespace OasisEth.Rpc;

/// <summary>JSON-RPC 2.0 and EIP-1474 error codes, as geth and anvil answer them (clients match on these).</summary>
public static class RpcErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int MethodNotFound = -32601;
    public const int InvalidParams = -32602;
    public const int Internal = -32603;
    /// <summary>Generic server error: send errors ("nonce too low"), unknown blocks, call failures other than revert.</summary>
    public const int Server = -32000;
    /// <summary>EIP-1474 "limit exceeded": log range or result count over the node's limit.</summary>
    public const int LimitExceeded = -32005;
    /// <summary>eth_call / eth_estimateGas reverted; <c>data</c> carries the revert data (geth's code 3).</summary>
    public const int ExecutionReverted = 3;
}
