namespace OasisEth.Rpc.Tests;

/// <summary>
/// A round that fails (here as RocksDB fails on a full disk) must not leave automine sends with a hash that never
/// gets a receipt: each send waiting on the round answers an error naming the reason, the pool and pending nonces
/// are as if the transactions had not been sent, the node logs it, and serves and mines once the fault is gone.
/// </summary>
[TestFixture]
public sealed class FailedRoundTests
{
    private FaultyChain _chain = null!;
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync(wrap: chain => _chain = new FaultyChain(chain));

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static IOException DiskFull() => new("IO error: No space left on device: While appending to file: 000012.log");

    private async Task<ulong> Nonce(int key, string tag) =>
        TestNode.Quantity(await _node.Call("eth_getTransactionCount", Keys.Address(key).ToString(), tag));

    [Test]
    public async Task Automine_raw_sends_waiting_on_a_failed_round_answer_its_reason_and_nothing_is_left_half_done()
    {
        _chain.RoundFault = DiskFull();
        byte[][] raws = [TestNode.Sign(4, 0, Keys.Address(6), UInt256.One), TestNode.Sign(5, 0, Keys.Address(6), UInt256.One)];
        RpcError[] errors = await Task.WhenAll(raws.Select(raw => _node.CallFails("eth_sendRawTransaction", Hex.EncodePrefixed(raw))));

        foreach (RpcError e in errors)
        {
            Assert.That(e.Code, Is.EqualTo(-32000));
            Assert.That(e.Message, Does.Contain("No space left on device"));
            Assert.That(e.Message, Does.Contain("round 1 failed"));
        }
        Assert.That(await Nonce(4, "pending"), Is.Zero);
        Assert.That(await Nonce(5, "pending"), Is.Zero);
        JsonElement status = await _node.Call("txpool_status");
        Assert.That(status.GetProperty("pending").GetString(), Is.EqualTo("0x0"));
        Assert.That(status.GetProperty("queued").GetString(), Is.EqualTo("0x0"));
        lock (_node.Log) Assert.That(_node.Log, Has.Some.Contains("round 1 failed"));

        // The fault gone, the same transactions go through.
        _chain.RoundFault = null;
        foreach (byte[] raw in raws)
            Assert.That((await _node.SendAndMine(raw)).GetProperty("status").GetString(), Is.EqualTo("0x1"));
        Assert.That(await Nonce(4, "latest"), Is.EqualTo(1UL));
    }

    [Test]
    public async Task Automine_eth_sendTransaction_on_a_failed_round_answers_the_reason_and_the_nonce_is_reused()
    {
        var tx = new Dictionary<string, object> { ["from"] = Keys.Address(0).ToString(), ["to"] = Keys.Address(6).ToString(), ["value"] = "0x1" };
        _chain.RoundFault = DiskFull();
        RpcError e = await _node.CallFails("eth_sendTransaction", tx);
        Assert.That(e.Message, Does.Contain("No space left on device"));
        Assert.That(await Nonce(0, "pending"), Is.Zero);

        _chain.RoundFault = null;
        string hash = (await _node.Call("eth_sendTransaction", tx)).GetString()!;
        JsonElement mined = await _node.Call("eth_getTransactionByHash", hash);
        Assert.That(mined.GetProperty("nonce").GetString(), Is.EqualTo("0x0"));
        Assert.That(mined.GetProperty("blockNumber").GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public async Task Evm_mine_on_a_failed_round_answers_the_reason_and_the_node_keeps_serving()
    {
        _chain.RoundFault = DiskFull();
        RpcError e = await _node.CallFails("evm_mine");
        Assert.That(e.Code, Is.EqualTo(-32000));
        Assert.That(e.Message, Does.Contain("No space left on device"));
        Assert.That((await _node.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
        _chain.RoundFault = null;
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public async Task Without_automine_a_send_answers_at_admission_and_the_failed_round_empties_the_pool_consistently()
    {
        await _node.Call("evm_setAutomine", false);
        await _node.SendRaw(TestNode.Sign(4, 0, Keys.Address(6), UInt256.One));
        await _node.SendRaw(TestNode.Sign(4, 1, Keys.Address(6), UInt256.One));
        Assert.That(await Nonce(4, "pending"), Is.EqualTo(2UL));
        _chain.RoundFault = DiskFull();
        await _node.CallFails("evm_mine");
        Assert.That(await Nonce(4, "pending"), Is.Zero);
        Assert.That((await _node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x0"));
    }
}
