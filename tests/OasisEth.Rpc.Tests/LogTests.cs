namespace OasisEth.Rpc.Tests;

/// <summary>eth_getLogs and polled filters over logs from a real contract.</summary>
[TestFixture]
public sealed class LogTests
{
    private TestNode _node = null!;
    private Address _logger, _other;

    [SetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync(new RpcLimits { MaxLogBlockRange = 5, MaxLogResults = 3 });
        _logger = await _node.Deploy(4, Contracts.Logger());
        _other = await _node.Deploy(4, Contracts.Logger());
    }

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private async Task<JsonElement> Emit(Address contract, int from, ulong nonce, byte data) =>
        await _node.SendAndMine(TestNode.Sign(from, nonce, contract, UInt256.Zero, [data], gas: 40_000));

    [Test]
    public async Task Logs_by_address_topic_range_and_block_hash()
    {
        JsonElement r1 = await Emit(_logger, 5, 0, 0x01);
        JsonElement r2 = await Emit(_other, 5, 1, 0x02);
        JsonElement log = r1.GetProperty("logs")[0];
        Assert.That(log.GetProperty("address").GetString(), Is.EqualTo(_logger.ToString()));
        Assert.That(log.GetProperty("topics")[0].GetString(), Is.EqualTo(Contracts.LogTopic.ToString()));
        Assert.That(log.GetProperty("data").GetString(), Is.EqualTo("0x01"));
        Assert.That(log.GetProperty("logIndex").GetString(), Is.EqualTo("0x0"));
        Assert.That(log.GetProperty("removed").GetBoolean(), Is.False);
        Assert.That(log.GetProperty("transactionHash").GetString(), Is.EqualTo(r1.GetProperty("transactionHash").GetString()));

        JsonElement all = await _node.Call("eth_getLogs", new { fromBlock = "0x0", toBlock = "latest" });
        Assert.That(all.GetArrayLength(), Is.EqualTo(2));
        JsonElement byAddress = await _node.Call("eth_getLogs", new { fromBlock = "0x0", address = _other.ToString() });
        Assert.That(byAddress.GetArrayLength(), Is.EqualTo(1));
        Assert.That(byAddress[0].GetProperty("data").GetString(), Is.EqualTo("0x02"));
        JsonElement byList = await _node.Call("eth_getLogs", new { fromBlock = "0x0", address = new[] { _other.ToString(), _logger.ToString() } });
        Assert.That(byList.GetArrayLength(), Is.EqualTo(2));
        JsonElement byTopic = await _node.Call("eth_getLogs", new { fromBlock = "0x0", topics = new object?[] { Contracts.LogTopic.ToString() } });
        Assert.That(byTopic.GetArrayLength(), Is.EqualTo(2));
        JsonElement noTopic = await _node.Call("eth_getLogs", new { fromBlock = "0x0", topics = new object?[] { "0x" + new string('5', 64) } });
        Assert.That(noTopic.GetArrayLength(), Is.EqualTo(0));
        JsonElement secondPosition = await _node.Call("eth_getLogs", new { fromBlock = "0x0", topics = new object?[] { null, Contracts.LogTopic.ToString() } });
        Assert.That(secondPosition.GetArrayLength(), Is.EqualTo(0));
        JsonElement byHash = await _node.Call("eth_getLogs", new { blockHash = r2.GetProperty("blockHash").GetString() });
        Assert.That(byHash.GetArrayLength(), Is.EqualTo(1));
        JsonElement latestOnly = await _node.Call("eth_getLogs", new { });
        Assert.That(latestOnly.GetArrayLength(), Is.EqualTo(1));
        Assert.That(latestOnly[0].GetProperty("blockNumber").GetString(), Is.EqualTo(r2.GetProperty("blockNumber").GetString()));
    }

    [Test]
    public async Task Log_limits_and_bad_ranges_are_errors()
    {
        for (ulong i = 0; i < 4; i++) await Emit(_logger, 5, i, (byte)i);
        RpcError tooMany = await _node.CallFails("eth_getLogs", new { fromBlock = "0x0", toBlock = "latest" });
        Assert.That(tooMany.Code, Is.EqualTo(-32005));
        await _node.Call("anvil_mine", "0x5");
        RpcError range = await _node.CallFails("eth_getLogs", new { fromBlock = "0x0", toBlock = "latest", address = _other.ToString() });
        Assert.That((range.Code, range.Message), Is.EqualTo((-32005, "query exceeds max block range 5")));
        RpcError backwards = await _node.CallFails("eth_getLogs", new { fromBlock = "0x3", toBlock = "0x2" });
        Assert.That((backwards.Code, backwards.Message), Is.EqualTo((-32000, "invalid block range params")));
        RpcError unknownHash = await _node.CallFails("eth_getLogs", new { blockHash = "0x" + new string('7', 64) });
        Assert.That((unknownHash.Code, unknownHash.Message), Is.EqualTo((-32000, "unknown block")));
        RpcError both = await _node.CallFails("eth_getLogs", new { blockHash = "0x" + new string('7', 64), fromBlock = "0x1" });
        Assert.That(both.Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task Filters_report_only_what_is_new_since_the_last_poll()
    {
        string logFilter = (await _node.Call("eth_newFilter", new { fromBlock = "earliest", address = _logger.ToString() })).GetString()!;
        string blockFilter = (await _node.Call("eth_newBlockFilter")).GetString()!;
        string pendingFilter = (await _node.Call("eth_newPendingTransactionFilter")).GetString()!;
        Assert.That((await _node.Call("eth_getFilterChanges", logFilter)).GetArrayLength(), Is.EqualTo(0));

        JsonElement r = await Emit(_logger, 5, 0, 0x09);
        await Emit(_other, 5, 1, 0x0a);
        JsonElement logs = await _node.Call("eth_getFilterChanges", logFilter);
        Assert.That(logs.GetArrayLength(), Is.EqualTo(1));
        Assert.That(logs[0].GetProperty("data").GetString(), Is.EqualTo("0x09"));
        Assert.That((await _node.Call("eth_getFilterChanges", logFilter)).GetArrayLength(), Is.EqualTo(0));
        Assert.That((await _node.Call("eth_getFilterLogs", logFilter)).GetArrayLength(), Is.EqualTo(1));

        JsonElement blocks = await _node.Call("eth_getFilterChanges", blockFilter);
        Assert.That(blocks.GetArrayLength(), Is.EqualTo(2));
        Assert.That(blocks[0].GetString(), Is.EqualTo(r.GetProperty("blockHash").GetString()));
        JsonElement pending = await _node.Call("eth_getFilterChanges", pendingFilter);
        Assert.That(pending.GetArrayLength(), Is.EqualTo(2));
        Assert.That(pending[0].GetString(), Is.EqualTo(r.GetProperty("transactionHash").GetString()));

        Assert.That((await _node.Call("eth_uninstallFilter", logFilter)).GetBoolean(), Is.True);
        Assert.That((await _node.Call("eth_uninstallFilter", logFilter)).GetBoolean(), Is.False);
        RpcError gone = await _node.CallFails("eth_getFilterChanges", logFilter);
        Assert.That((gone.Code, gone.Message), Is.EqualTo((-32000, "filter not found")));
    }
}
