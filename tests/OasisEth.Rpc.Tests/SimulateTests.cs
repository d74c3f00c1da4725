namespace OasisEth.Rpc.Tests;

/// <summary>eth_simulateV1: state carried from call to call and block to block, per-block overrides, numbering and
/// time, call errors, and the requests it refuses.</summary>
[TestFixture]
public sealed class SimulateTests
{
    private TestNode _node = null!;
    private Address _store, _reverter;

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync();
        _store = await _node.Deploy(4, Contracts.Store());
        _reverter = await _node.Deploy(4, Contracts.Reverter());
    }

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static string Word(byte b) => "0x" + new string('0', 62) + b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);

    private object Write(byte value) => new { from = Keys.Address(5).ToString(), to = _store.ToString(), data = Word(value) };
    private object Read() => new { from = Keys.Address(5).ToString(), to = _store.ToString() };

    [Test]
    public async Task Writes_carry_over_to_later_calls_and_blocks_and_blocks_follow_the_head()
    {
        JsonElement head = await _node.Call("eth_getBlockByNumber", "latest", false);
        JsonElement result = await _node.Call("eth_simulateV1", new
        {
            blockStateCalls = new object[]
            {
                new { calls = new[] { Write(3), Read() } },
                new { calls = new[] { Read() } },
            },
        }, "latest");
        Assert.That(result.GetArrayLength(), Is.EqualTo(2));
        Assert.That(result[0].GetProperty("calls")[1].GetProperty("returnData").GetString(), Is.EqualTo(Word(3)));
        Assert.That(result[1].GetProperty("calls")[0].GetProperty("returnData").GetString(), Is.EqualTo(Word(3)));
        Assert.That(TestNode.Quantity(result[0].GetProperty("number")), Is.EqualTo(TestNode.Quantity(head.GetProperty("number")) + 1));
        Assert.That(TestNode.Quantity(result[1].GetProperty("number")), Is.EqualTo(TestNode.Quantity(head.GetProperty("number")) + 2));
        Assert.That(TestNode.Quantity(result[1].GetProperty("timestamp")) - TestNode.Quantity(result[0].GetProperty("timestamp")), Is.EqualTo(12UL));
        Assert.That(result[1].GetProperty("parentHash").GetString(), Is.EqualTo(result[0].GetProperty("hash").GetString()));
        Assert.That(result[0].GetProperty("parentHash").GetString(), Is.EqualTo(head.GetProperty("hash").GetString()));
        ulong used = 0;
        foreach (JsonElement call in result[0].GetProperty("calls").EnumerateArray()) used += TestNode.Quantity(call.GetProperty("gasUsed"));
        Assert.That(TestNode.Quantity(result[0].GetProperty("gasUsed")), Is.EqualTo(used));
        // Nothing reached the chain.
        JsonElement stored = await _node.Call("eth_call", Read(), "latest");
        Assert.That(stored.GetString(), Is.EqualTo(Word(0)));
    }

    [Test]
    public async Task Block_overrides_and_state_overrides_apply_to_their_block()
    {
        JsonElement result = await _node.Call("eth_simulateV1", new
        {
            blockStateCalls = new object[]
            {
                new
                {
                    blockOverrides = new { number = "0x100", time = "0x7fffffff" },
                    stateOverrides = new Dictionary<string, object> { [_store.ToString()] = new { stateDiff = new Dictionary<string, string> { [Word(0)] = Word(0x42) } } },
                    calls = new[] { Read() },
                },
            },
        }, "latest");
        Assert.That(result[0].GetProperty("number").GetString(), Is.EqualTo("0x100"));
        Assert.That(result[0].GetProperty("timestamp").GetString(), Is.EqualTo("0x7fffffff"));
        Assert.That(result[0].GetProperty("calls")[0].GetProperty("returnData").GetString(), Is.EqualTo(Word(0x42)));
    }

    [Test]
    public async Task A_reverted_call_reports_code_3_with_its_data_and_logs_are_listed()
    {
        JsonElement result = await _node.Call("eth_simulateV1", new
        {
            blockStateCalls = new object[] { new { calls = new object[] { new { from = Keys.Address(5).ToString(), to = _reverter.ToString() }, Write(1) } } },
        }, "latest");
        JsonElement reverted = result[0].GetProperty("calls")[0];
        Assert.That(reverted.GetProperty("status").GetString(), Is.EqualTo("0x0"));
        Assert.That(reverted.GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(3));
        Assert.That(reverted.GetProperty("error").GetProperty("data").GetString(), Is.EqualTo(OasisEth.Primitives.Hex.EncodePrefixed(Contracts.ErrorNopeData)));
        Assert.That(reverted.GetProperty("logs").GetArrayLength(), Is.Zero);
        Assert.That(result[0].GetProperty("calls")[1].TryGetProperty("error", out _), Is.False);
    }

    [Test]
    public async Task Refuses_malformed_requests_decreasing_numbers_and_calls_over_the_block_gas()
    {
        RpcError noBlocks = await _node.CallFails("eth_simulateV1", new { }, "latest");
        Assert.That(noBlocks.Code, Is.EqualTo(-32602));
        RpcError backwards = await _node.CallFails("eth_simulateV1", new
        {
            blockStateCalls = new object[] { new { blockOverrides = new { number = "0x1" }, calls = Array.Empty<object>() } },
        }, "latest");
        Assert.That(backwards.Message, Does.Contain("must increase"));
        RpcError tooMuchGas = await _node.CallFails("eth_simulateV1", new
        {
            blockStateCalls = new object[] { new { blockOverrides = new { gasLimit = "0x10000" }, calls = new[] { new { from = Keys.Address(5).ToString(), to = _store.ToString(), gas = "0x20000" } } } },
        }, "latest");
        Assert.That(tooMuchGas.Message, Does.Contain("block gas limit reached"));
    }
}
