namespace OasisEth.Executor;

/// <summary>
/// State and block overrides for one eth_call / eth_estimateGas / eth_createAccessList / debug_traceCall (geth's
/// format). They change only that call's throw-away state and block context; the chain never sees them.
/// </summary>
public sealed record CallOverrides
{
    /// <summary>Per-account replacements, applied in list order before the call runs.</summary>
    public IReadOnlyList<AccountOverride> Accounts { get; init; } = [];

    public BlockOverrides? Block { get; init; }

    public bool IsEmpty => Accounts.Count == 0 && Block is null;
}
