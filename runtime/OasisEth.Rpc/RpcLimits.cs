namespace OasisEth.Rpc;

/// <summary>What one request may cost the node. Over a limit the caller gets a JSON-RPC error and the server keeps serving.</summary>
public sealed record RpcLimits
{
    /// <summary>HTTP body or WebSocket message size.</summary>
    public int MaxRequestBytes { get; init; } = 5 * 1024 * 1024;

    public int MaxBatchSize { get; init; } = 1000;

    /// <summary>Gas given to eth_call / eth_createAccessList / debug_traceCall when the caller asks for more or for none,
    /// and the most eth_estimateGas searches up to (never past the block gas limit). geth's <c>--rpc.gascap</c>: 0 =
    /// unlimited (<see cref="OasisEth.Executor.CallSite.MaxCallGas"/>, 2^63 - 1). Not bounded by the block gas limit: a
    /// call given more sees it as GASLIMIT.</summary>
    public ulong CallGasCap { get; init; } = DefaultCallGasCap;

    /// <summary>geth's default RPC gas cap.</summary>
    public const ulong DefaultCallGasCap = 50_000_000;

    /// <summary><see cref="CallGasCap"/> with 0 read as unlimited, and never above what the EVM can count.</summary>
    public ulong EffectiveCallGasCap =>
        CallGasCap == 0 || CallGasCap > OasisEth.Executor.CallSite.MaxCallGas ? OasisEth.Executor.CallSite.MaxCallGas : CallGasCap;

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Blocks one eth_getLogs (or filter poll) may span.</summary>
    public ulong MaxLogBlockRange { get; init; } = 10_000;

    public int MaxLogResults { get; init; } = 10_000;

    /// <summary>Installed filters (eth_newFilter and friends) kept at once; idle ones expire after <see cref="FilterTimeout"/>.</summary>
    public int MaxFilters { get; init; } = 1_000;

    public TimeSpan FilterTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Transactions waiting in the dev pool (all senders).</summary>
    public int MaxPoolTransactions { get; init; } = 100_000;

    /// <summary>One transaction's encoded size (geth's txMaxSize: 4 × 32 KiB); larger ones are refused at admission.</summary>
    public int MaxTransactionBytes { get; init; } = 128 * 1024;

    /// <summary>Encoded bytes of every transaction in the pool together.</summary>
    public long MaxPoolBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>One response (a batch's answers together). A result past it is -32005; tracers stop their execution
    /// at it rather than building the whole trace first.</summary>
    public int MaxResponseBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Response buffers the node holds at once over all requests; a call whose answer needs more while others
    /// hold it is -32005 "the node is building other large responses". Keeps peak memory bounded under many large
    /// concurrent answers, where <see cref="MaxResponseBytes"/> bounds only one.</summary>
    public long MaxResponseBytesInFlight { get; init; } = 96L * 1024 * 1024;

    /// <summary>Bytes of replies and notifications queued for one WebSocket connection. A reply waits for room (the
    /// connection's next request is not read meanwhile); a notification that does not fit disconnects the slow
    /// client. One message larger than this is still sent when the queue is empty.</summary>
    public long MaxQueuedBytesPerConnection { get; init; } = 16L * 1024 * 1024;

    /// <summary>Subscriptions per WebSocket connection.</summary>
    public int MaxSubscriptionsPerConnection { get; init; } = 100;

    /// <summary>Notifications queued for one slow WebSocket client before the server closes it.</summary>
    public int MaxQueuedNotifications { get; init; } = 10_000;

    /// <summary>Blocks one anvil_mine / hardhat_mine call may mine.</summary>
    public ulong MaxMineCount { get; init; } = 10_000;
}
