namespace OasisEth.Rpc.Tests;

/// <summary>eth_call and eth_estimateGas: results, revert shape (code 3 + data), gas cap, timeout.</summary>
[TestFixture]
public sealed class CallTests
{
    private TestNode _node = null!;
    private Address _store, _reverter, _spinner;

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync(new RpcLimits { CallTimeout = TimeSpan.FromSeconds(20) });
        _store = await _node.Deploy(4, Contracts.Store());
        _reverter = await _node.Deploy(4, Contracts.Reverter());
        _spinner = await _node.Deploy(4, Contracts.Spinner());
        var word = new byte[32];
        word[31] = 0x2a;
        await _node.SendAndMine(TestNode.Sign(5, 0, _store, UInt256.Zero, word, gas: 60_000));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task Call_returns_output_and_reads_storage_at_the_asked_block()
    {
        string expected = "0x" + new string('0', 62) + "2a";
        Assert.That((await _node.Call("eth_call", new { to = _store.ToString() }, "latest")).GetString(), Is.EqualTo(expected));
        Assert.That((await _node.Call("eth_call", new { to = _store.ToString(), data = "0x" })).GetString(), Is.EqualTo(expected));
        ulong deployedAt = TestNode.Quantity(await _node.Call("eth_blockNumber")) - 1;
        Assert.That((await _node.Call("eth_call", new { to = _store.ToString() }, "0x" + deployedAt.ToString("x"))).GetString(),
            Is.EqualTo("0x" + new string('0', 64)));
        Assert.That((await _node.Call("eth_getStorageAt", _store.ToString(), "0x0", "latest")).GetString(), Is.EqualTo(expected));
        Assert.That((await _node.Call("eth_getCode", _store.ToString(), "latest")).GetString(), Does.StartWith("0x3615600a57"));
    }

    [Test]
    public async Task Revert_is_code_3_with_reason_and_data()
    {
        RpcError e = await _node.CallFails("eth_call", new { to = _reverter.ToString() }, "latest");
        Assert.That(e.Code, Is.EqualTo(3));
        Assert.That(e.Message, Is.EqualTo("execution reverted: nope"));
        Assert.That(e.ErrorData, Is.EqualTo(Hex.EncodePrefixed(Contracts.ErrorNopeData)));

        RpcError g = await _node.CallFails("eth_estimateGas", new { from = Keys.Address(5).ToString(), to = _reverter.ToString() });
        Assert.That(g.Code, Is.EqualTo(3));
        Assert.That(g.Message, Is.EqualTo("execution reverted: nope"));
        Assert.That(g.ErrorData, Is.EqualTo(Hex.EncodePrefixed(Contracts.ErrorNopeData)));
    }

    [Test]
    public async Task Estimate_of_a_transfer_and_a_store()
    {
        Assert.That((await _node.Call("eth_estimateGas", new { from = Keys.Address(5).ToString(), to = Keys.Address(6).ToString(), value = "0x1" })).GetString(),
            Is.EqualTo("0x5208"));
        ulong gas = TestNode.Quantity(await _node.Call("eth_estimateGas",
            new { from = Keys.Address(5).ToString(), to = _store.ToString(), input = "0x" + new string('0', 62) + "07" }));
        Assert.That(gas, Is.GreaterThan(21_000UL + 2_000).And.LessThan(60_000UL));
    }

    [Test]
    public async Task Out_of_gas_is_a_32000_error_and_the_gas_cap_applies()
    {
        RpcError e = await _node.CallFails("eth_call", new { to = _spinner.ToString(), gas = "0x186a0" }, "latest");
        Assert.That(e.Code, Is.EqualTo(-32000));
        Assert.That(e.Message, Does.Contain("gas"));
    }

    [Test]
    public async Task Conflicting_input_and_data_are_refused()
    {
        RpcError e = await _node.CallFails("eth_call", new { to = _store.ToString(), data = "0x01", input = "0x02" }, "latest");
        Assert.That(e.Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task Call_over_the_timeout_is_aborted_and_the_node_keeps_serving()
    {
        await using TestNode slow = await TestNode.StartAsync(new RpcLimits { CallTimeout = TimeSpan.FromMilliseconds(1), CallGasCap = 30_000_000 });
        Address spinner = await slow.Deploy(4, Contracts.Spinner());
        RpcError e = await slow.CallFails("eth_call", new { to = spinner.ToString() }, "latest");
        Assert.That((e.Code, e.Message), Is.EqualTo((-32000, "execution aborted (timeout = 0.001s)")));
        Assert.That((await slow.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
    }
}
