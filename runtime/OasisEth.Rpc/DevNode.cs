using System.Net;
using OasisEth.Executor;

namespace OasisEth.Rpc;

/// <summary>
/// A development node: the Web3 JSON-RPC server (HTTP and WebSocket on one port) over an <see cref="IChain"/>, with
/// the dev round driver (mempool, automine or interval rounds, dev clock, snapshots). The caller owns the chain and
/// disposes it after <see cref="StopAsync"/>, and owns process signals: the node installs no SIGTERM/Ctrl+C handler
/// (call <see cref="StopAsync"/> from yours).
/// </summary>
public sealed class DevNode : IAsyncDisposable
{
    private readonly RpcHttpHost _http;
    private readonly DevRoundDriver _driver;
    private readonly CancellationTokenSource _stopping;
    private int _stopped;

    private DevNode(RpcHttpHost http, DevRoundDriver driver, CancellationTokenSource stopping, Uri url, IReadOnlyList<string> methods)
    {
        MethodNames = methods;
        _http = http;
        _driver = driver;
        _stopping = stopping;
        HttpUrl = url;
    }

    /// <summary>http://address:port/ — the same port serves WebSocket (ws://address:port/).</summary>
    public Uri HttpUrl { get; }

    /// <summary>The start-up warm-up (<see cref="DevNodeOptions.Warmup"/>): the requests it got answered; 0 when off.</summary>
    internal Task<int> Warmup { get; private init; } = Task.FromResult(0);

    public Uri WebSocketUrl => new UriBuilder(HttpUrl) { Scheme = "ws" }.Uri;

    /// <summary>Every method this node answers (tests walk them with bad input).</summary>
    internal IReadOnlyList<string> MethodNames { get; }

    public static async Task<DevNode> StartAsync(IChain chain, DevNodeOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(options);
        if (options.BlockTimeSeconds is { } blockTime && (blockTime == 0 || blockTime > DevNodeOptions.MaxBlockTimeSeconds))
            throw new ArgumentOutOfRangeException(nameof(options), blockTime, $"BlockTimeSeconds must be 1 to {DevNodeOptions.MaxBlockTimeSeconds}");
        if (options.DevEntityPublicKey.Length != 32) throw new ArgumentException("DevEntityPublicKey must be 32 bytes", nameof(options));
        IPAddress address = options.HttpAddress == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(options.HttpAddress, out IPAddress? parsed) ? parsed
            : throw new ArgumentException($"HttpAddress '{options.HttpAddress}' is not an IP address", nameof(options));

        RpcLimits limits = options.Limits;
        var accounts = new DevAccounts(options.DevPrivateKeys, options.DevAddresses);
        var pool = new TxPool(limits.MaxPoolTransactions, limits.MaxPoolBytes, limits.MaxTransactionBytes);
        Func<ulong> now = options.Clock ?? (() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var clock = new DevClock(now);
        var filters = new FilterStore(limits, () => DateTime.UtcNow);
        var hub = new SubscriptionHub();
        // anvil_setLoggingEnabled false silences the node's running log (the start-up lines are always written).
        var logSwitch = new LogSwitch(options.Log);
        var driver = new DevRoundDriver(chain, pool, clock, options.DevEntityPublicKey, options.BlockTimeSeconds, logSwitch.Write);
        driver.BlockCommitted += hub.OnBlock;
        driver.TransactionAdded += tx =>
        {
            filters.OnPendingTransaction(tx.Hash);
            hub.OnPendingTransaction(tx);
        };
        driver.Reverted += filters.OnRevert;

        var context = new RpcContext(chain, driver, accounts, filters, hub, limits, logSwitch.Write) { LogSwitch = logSwitch };
        var methods = new RpcMethodTable();
        EthApi.Register(methods, context);
        TxApi.Register(methods, context);
        AutomineSends.Register(methods, context);
        SignApi.Register(methods, context);
        LogApi.Register(methods, context);
        DevApi.Register(methods, context);
        CheatApi.Register(methods, context);
        DebugApi.Register(methods, context);
        DebugBlockApi.Register(methods, context);
        TraceApi.Register(methods, context);
        OtsApi.Register(methods, context);
        SimulateApi.Register(methods, context);
        OasisApi.Register(methods, context);
        TxPoolApi.Register(methods, context);
        // Last: it wraps methods registered above (reads of the blocks a fork's remote made).
        ForkApi.Register(methods, context);
        RawTransactionApi.Register(methods, context);
        AccountReadApi.Register(methods, context);
        ProtocolStubsApi.Register(methods, context);
        MineDetailedApi.Register(methods, context);
        PoolRemovalApi.Register(methods, context);
        SyncSends.Register(methods, context);
        Erc20AllowanceApi.Register(methods, context);
        AnvilAliases.Register(methods);
        var dispatcher = new RpcDispatcher(methods, limits, logSwitch.Write);
        var stopping = new CancellationTokenSource();
        var server = new RpcServer(dispatcher, hub, limits, new HttpExposure(options.VirtualHosts, options.CorsOrigins), stopping.Token);

        RpcHttpHost http;
        try
        {
            http = await RpcHttpHost.StartAsync(address, options.HttpPort, server.HandleAsync, ct);
        }
        catch
        {
            await driver.StopAsync();
            throw;
        }
        Uri url = http.Url;
        if (HttpExposure.BindWarning(address) is { } warning) options.Log(warning);
        Task<int> warmup = options.Warmup ? RpcWarmup.RunAsync(url, stopping.Token) : Task.FromResult(0);
        options.Log($"dev: JSON-RPC on {url} (WebSocket on the same port), chain id {chain.Genesis.ChainId}, head {chain.Head.Number}, "
            + $"mining {driver.MiningModeName}, {accounts.Addresses.Count} dev accounts");
        return new DevNode(http, driver, stopping, url, [.. methods.Names]) { Warmup = warmup };
    }

    /// <summary>Waits until the driver has done everything queued before this call (rounds asked for by admitted
    /// transactions included): after it, an automined transaction has its receipt.</summary>
    public Task FlushAsync() => _driver.FlushAsync();

    /// <summary>Finishes the round in progress, refuses new work, closes connections and stops listening.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        await _driver.StopAsync();
        _stopping.Cancel();
        await _http.DisposeAsync();
        _stopping.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
