namespace OasisEth.Executor;

/// <summary>
/// Result of eth_call. Success: <see cref="Output"/> is the return data. Reverted: <see cref="Error"/> is
/// "execution reverted" (plus the decoded Error(string) reason if any, geth style) and <see cref="Output"/> the
/// revert data. Other failures (out of gas, invalid opcode) or invalid calls (insufficient funds): Error only.
/// </summary>
public sealed record CallOutcome(bool Success, byte[] Output, ulong GasUsed, string? Error)
{
    public bool Reverted { get; init; }
}

/// <summary>Result of eth_estimateGas: the gas, or the error (with revert data when the call reverts at any limit).</summary>
public sealed record EstimateOutcome(ulong Gas, string? Error, byte[] RevertData)
{
    public bool Ok => Error is null;
}
