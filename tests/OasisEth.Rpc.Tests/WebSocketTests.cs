using System.Net.WebSockets;

namespace OasisEth.Rpc.Tests;

/// <summary>JSON-RPC over WebSocket on the HTTP port, and eth_subscribe notifications.</summary>
[TestFixture]
public sealed class WebSocketTests
{
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync(new RpcLimits { MaxRequestBytes = 16 * 1024 });

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000d0d00");

    [Test]
    public async Task Http_methods_work_over_websocket_on_the_same_port()
    {
        await using WsClient ws = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        Assert.That(_node.Node.WebSocketUrl.Port, Is.EqualTo(_node.Node.HttpUrl.Port));
        Assert.That((await ws.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
        Assert.That(TestNode.Big(await ws.Call("eth_getBalance", Keys.Address(4).ToString(), "latest")), Is.EqualTo(TestNode.Funding));
        RpcError e = Assert.ThrowsAsync<RpcError>(() => ws.Call("eth_nope"))!;
        Assert.That(e.Code, Is.EqualTo(-32601));
    }

    [Test]
    public async Task Subscribe_over_http_is_refused()
    {
        RpcError e = await _node.CallFails("eth_subscribe", "newHeads");
        Assert.That((e.Code, e.Message), Is.EqualTo((-32001, "notifications not supported")));
    }

    [Test]
    public async Task NewHeads_logs_and_pending_transactions_are_pushed_in_the_standard_shape()
    {
        Address logger = await _node.Deploy(4, Contracts.Logger());
        await using WsClient ws = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        string heads = (await ws.Call("eth_subscribe", "newHeads")).GetString()!;
        string logs = (await ws.Call("eth_subscribe", "logs", new { address = logger.ToString() })).GetString()!;
        string pending = (await ws.Call("eth_subscribe", "newPendingTransactions")).GetString()!;
        Assert.That(new[] { heads, logs, pending }, Is.Unique);

        string hash = await _node.SendRaw(TestNode.Sign(5, 0, logger, UInt256.Zero, [0x42], gas: 40_000));
        await _node.FlushAsync();
        JsonElement block = await _node.Call("eth_getBlockByNumber", "latest", false);

        var seen = new Dictionary<string, JsonElement>();
        for (int i = 0; i < 3; i++)
        {
            JsonElement n = await ws.NextNotification();
            seen[n.GetProperty("subscription").GetString()!] = n.GetProperty("result");
        }
        Assert.That(seen[pending].GetString(), Is.EqualTo(hash));
        Assert.That(seen[heads].GetProperty("hash").GetString(), Is.EqualTo(block.GetProperty("hash").GetString()));
        Assert.That(seen[heads].GetProperty("number").GetString(), Is.EqualTo(block.GetProperty("number").GetString()));
        Assert.That(seen[heads].TryGetProperty("transactions", out _), Is.False);
        Assert.That(ChainReadTests.RecomputeHash(seen[heads]), Is.EqualTo(Hash256.Parse(block.GetProperty("hash").GetString()!)));
        Assert.That(seen[logs].GetProperty("data").GetString(), Is.EqualTo("0x42"));
        Assert.That(seen[logs].GetProperty("transactionHash").GetString(), Is.EqualTo(hash));

        Assert.That((await ws.Call("eth_unsubscribe", heads)).GetBoolean(), Is.True);
        Assert.That((await ws.Call("eth_unsubscribe", heads)).GetBoolean(), Is.False);
        await ws.Call("eth_unsubscribe", logs);
        await ws.Call("eth_unsubscribe", pending);
        await _node.SendAndMine(TestNode.Sign(5, 1, Recipient, UInt256.One));
        // A request answered after the round proves no notification was queued before it.
        await ws.Call("eth_blockNumber");
        Assert.That(ws.TryNextNotification(out _), Is.False);
    }

    [Test]
    public async Task Log_subscription_filters_by_topic()
    {
        Address logger = await _node.Deploy(4, Contracts.Logger());
        await using WsClient ws = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        string miss = (await ws.Call("eth_subscribe", "logs", new { topics = new[] { "0x" + new string('6', 64) } })).GetString()!;
        string hit = (await ws.Call("eth_subscribe", "logs", new { topics = new[] { Contracts.LogTopic.ToString() } })).GetString()!;
        await _node.SendAndMine(TestNode.Sign(5, 0, logger, UInt256.Zero, [0x01], gas: 40_000));
        JsonElement n = await ws.NextNotification();
        Assert.That(n.GetProperty("subscription").GetString(), Is.EqualTo(hit));
        await ws.Call("eth_blockNumber");
        Assert.That(ws.TryNextNotification(out JsonElement extra), Is.False, $"unexpected {extra}; {miss} should not match");
    }

    [Test]
    public async Task Oversized_message_gets_an_error_and_the_connection_closes_while_others_keep_working()
    {
        await using WsClient ws = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        await ws.SendText("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[\"" + new string('a', 20 * 1024) + "\"]}");
        JsonElement error = await ws.NextNotification();
        Assert.That(error.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32600));
        Assert.That(await ws.WaitClosed(), Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        await using WsClient other = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        Assert.That((await other.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
    }

    [Test]
    public async Task Malformed_message_is_a_parse_error_and_the_connection_stays()
    {
        await using WsClient ws = await WsClient.ConnectAsync(_node.Node.WebSocketUrl);
        await ws.SendText("{nope");
        JsonElement error = await ws.NextNotification();
        Assert.That(error.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-32700));
        Assert.That((await ws.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
    }
}
