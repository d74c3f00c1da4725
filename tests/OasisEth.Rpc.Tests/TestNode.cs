using System.Net;
using System.Net.Http.Headers;
using System.Text;
using OasisEth.Transactions;

namespace OasisEth.Rpc.Tests;

/// <summary>
/// A real <see cref="Chain"/> on a temporary directory with a <see cref="DevNode"/> on a free port, and a small
/// JSON-RPC client. Accounts 0..3 are dev accounts (eth_accounts); 0..7 are funded with 1000 OETH at genesis.
/// The clock is pinned so timestamps are predictable.
/// </summary>
internal sealed class TestNode : IAsyncDisposable
{
    public const ulong ChainId = 31337;
    public const ulong StartTime = 1_700_000_000;
    public static readonly UInt256 Funding = new UInt256(1000) * GenesisConfig.Oeth;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private long _id;

    private TestNode(string directory, GenesisConfig genesis, Chain chain, DevNode node, List<string> log)
    {
        Directory = directory;
        Genesis = genesis;
        Chain = chain;
        Node = node;
        Log = log;
    }

    public string Directory { get; }
    public GenesisConfig Genesis { get; }
    public Chain Chain { get; private set; }
    public DevNode Node { get; private set; }
    public List<string> Log { get; }
    public ulong Now { get; set; } = StartTime;

    public static GenesisConfig DevGenesis()
    {
        var funded = new (Address, UInt256)[8];
        for (int i = 0; i < funded.Length; i++) funded[i] = (Keys.Address(i), Funding);
        return GenesisConfig.Dev(funded, ChainId);
    }

    /// <param name="wrap">Puts a decorator between the node and the chain (fault injection).</param>
    /// <param name="options">Changes the node's options (exposure settings).</param>
    public static async Task<TestNode> StartAsync(RpcLimits? limits = null, ulong? blockTime = null, string? directory = null,
        Func<Chain, IChain>? wrap = null, Func<DevNodeOptions, DevNodeOptions>? options = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "oasiseth-rpc-tests", Guid.NewGuid().ToString("N"));
        GenesisConfig genesis = DevGenesis();
        Chain chain = Chain.Open(directory, genesis, new ChainOptions { SyncCommits = false });
        var log = new List<string>();
        TestNode? self = null;
        DevNodeOptions nodeOptions = Options(limits, blockTime, log, () => self?.Now ?? StartTime);
        DevNode node = await DevNode.StartAsync(wrap?.Invoke(chain) ?? chain, options?.Invoke(nodeOptions) ?? nodeOptions);
        self = new TestNode(directory, genesis, chain, node, log);
        return self;
    }

    private static DevNodeOptions Options(RpcLimits? limits, ulong? blockTime, List<string> log, Func<ulong> clock) => new()
    {
        HttpPort = 0,
        BlockTimeSeconds = blockTime,
        DevPrivateKeys = [Keys.Key(0), Keys.Key(1), Keys.Key(2), Keys.Key(3)],
        Limits = limits ?? new RpcLimits(),
        Log = line => { lock (log) log.Add(line); },
        Clock = clock,
    };

    /// <summary>Stops the node, closes the chain, opens both again on the same directory.</summary>
    public async Task RestartAsync()
    {
        await Node.StopAsync();
        Chain.Dispose();
        Chain = Chain.Open(Directory, Genesis, new ChainOptions { SyncCommits = false });
        Node = await DevNode.StartAsync(Chain, Options(null, null, Log, () => Now));
    }

    public Task FlushAsync() => Node.FlushAsync();

    /// <summary>Calls a method; the result, or <see cref="RpcError"/>.</summary>
    public async Task<JsonElement> Call(string method, params object?[] parameters)
    {
        string body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _id),
            ["method"] = method,
            ["params"] = parameters,
        });
        JsonElement response = await Post(body);
        if (response.TryGetProperty("error", out JsonElement error))
            throw new RpcError(error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!,
                error.TryGetProperty("data", out JsonElement d) ? d.GetString() : null);
        return response.GetProperty("result");
    }

    public async Task<RpcError> CallFails(string method, params object?[] parameters)
    {
        try
        {
            JsonElement result = await Call(method, parameters);
            Assert.Fail($"{method} should fail but answered {result}");
            throw new InvalidOperationException();
        }
        catch (RpcError e)
        {
            return e;
        }
    }

    public async Task<JsonElement> Post(string body)
    {
        (HttpStatusCode status, string text) = await PostRaw(body);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), text);
        // Call trees nest deeper than the reader's default 64.
        return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 5000 }).RootElement;
    }

    public Task<(HttpStatusCode Status, string Body)> PostRaw(string body) => PostBytes(Encoding.UTF8.GetBytes(body));

    /// <summary>Posts bytes as they are (not necessarily UTF-8) with a JSON content type.</summary>
    public async Task<(HttpStatusCode Status, string Body)> PostBytes(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await Http.PostAsync(Node.HttpUrl, content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A signed transaction from test key <paramref name="from"/>; defaults: dynamic fee, 2 gwei cap, 1 gwei tip.</summary>
    public static byte[] Sign(int from, ulong nonce, Address? to, UInt256 value, byte[]? data = null, ulong gas = 21_000,
        UInt256? maxFee = null, UInt256? tip = null, TxType type = TxType.DynamicFee)
    {
        var accounts = new DevAccounts([Keys.Key(from)]);
        var tx = new Transaction
        {
            Type = type,
            ChainId = ChainId,
            Nonce = nonce,
            GasPrice = type < TxType.DynamicFee ? (maxFee ?? new UInt256(2_000_000_000)) : UInt256.Zero,
            MaxFeePerGas = type >= TxType.DynamicFee ? maxFee ?? new UInt256(2_000_000_000) : UInt256.Zero,
            MaxPriorityFeePerGas = type >= TxType.DynamicFee ? tip ?? new UInt256(1_000_000_000) : UInt256.Zero,
            GasLimit = gas,
            To = to,
            Value = value,
            Data = data ?? [],
        };
        return accounts.Sign(tx, Keys.Address(from));
    }

    public async Task<string> SendRaw(byte[] raw) => (await Call("eth_sendRawTransaction", Hex.EncodePrefixed(raw))).GetString()!;

    /// <summary>Sends and waits for the automined round; returns the receipt.</summary>
    public async Task<JsonElement> SendAndMine(byte[] raw)
    {
        string hash = await SendRaw(raw);
        await FlushAsync();
        JsonElement receipt = await Call("eth_getTransactionReceipt", hash);
        Assert.That(receipt.ValueKind, Is.EqualTo(JsonValueKind.Object), $"no receipt for {hash}; log: {string.Join("\n", Log)}");
        return receipt;
    }

    /// <summary>Deploys init code from key <paramref name="from"/>; returns the contract address.</summary>
    public async Task<Address> Deploy(int from, byte[] initCode)
    {
        ulong nonce = Quantity(await Call("eth_getTransactionCount", Keys.Address(from).ToString(), "pending"));
        JsonElement receipt = await SendAndMine(Sign(from, nonce, null, UInt256.Zero, initCode, gas: 200_000));
        Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"));
        return Address.Parse(receipt.GetProperty("contractAddress").GetString()!);
    }

    public static ulong Quantity(JsonElement e) => (ulong)UInt256.Parse(e.GetString()!);
    public static UInt256 Big(JsonElement e) => UInt256.Parse(e.GetString()!);

    public async ValueTask DisposeAsync()
    {
        await Node.StopAsync();
        Chain.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
