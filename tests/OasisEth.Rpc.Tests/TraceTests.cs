namespace OasisEth.Rpc.Tests;

/// <summary>debug_traceTransaction and debug_traceCall with the struct logger and the callTracer.</summary>
[TestFixture]
public sealed class TraceTests
{
    private TestNode _node = null!;
    private Address _store, _reverter;
    private string _storeTx = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync();
        _store = await _node.Deploy(4, Contracts.Store());
        _reverter = await _node.Deploy(4, Contracts.Reverter());
        var word = new byte[32];
        word[31] = 0x07;
        _storeTx = (await _node.SendAndMine(TestNode.Sign(5, 0, _store, UInt256.Zero, word, gas: 60_000)))
            .GetProperty("transactionHash").GetString()!;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task Struct_logger_trace_of_a_mined_transaction()
    {
        JsonElement trace = await _node.Call("debug_traceTransaction", _storeTx, new { });
        JsonElement receipt = await _node.Call("eth_getTransactionReceipt", _storeTx);
        Assert.That(trace.GetProperty("failed").GetBoolean(), Is.False);
        Assert.That(trace.GetProperty("gas").GetUInt64(), Is.EqualTo(TestNode.Quantity(receipt.GetProperty("gasUsed"))));
        JsonElement logs = trace.GetProperty("structLogs");
        Assert.That(logs.GetArrayLength(), Is.GreaterThan(5));
        Assert.That(logs[0].GetProperty("op").GetString(), Is.EqualTo("CALLDATASIZE"));
        Assert.That(logs[0].GetProperty("pc").GetInt32(), Is.EqualTo(0));
        bool sawStore = false;
        foreach (JsonElement step in logs.EnumerateArray()) sawStore |= step.GetProperty("op").GetString() == "SSTORE";
        Assert.That(sawStore, Is.True);
        // Same call without trace options: the struct logger is the default.
        JsonElement plain = await _node.Call("debug_traceTransaction", _storeTx);
        Assert.That(plain.GetProperty("structLogs").GetArrayLength(), Is.EqualTo(logs.GetArrayLength()));
    }

    [Test]
    public async Task Call_tracer_trace_of_a_mined_transaction_and_of_a_reverting_call()
    {
        JsonElement top = await _node.Call("debug_traceTransaction", _storeTx, new { tracer = "callTracer", tracerConfig = new { withLog = true } });
        Assert.That(top.GetProperty("type").GetString(), Is.EqualTo("CALL"));
        Assert.That(top.GetProperty("from").GetString(), Is.EqualTo(Keys.Address(5).ToString()));
        Assert.That(top.GetProperty("to").GetString(), Is.EqualTo(_store.ToString()));
        // The top frame reports the transaction's gas limit and the receipt's gas used, as geth does.
        JsonElement receipt = await _node.Call("eth_getTransactionReceipt", _storeTx);
        Assert.That(top.GetProperty("gas").GetString(), Is.EqualTo("0xea60"));
        Assert.That(top.GetProperty("gasUsed").GetString(), Is.EqualTo(receipt.GetProperty("gasUsed").GetString()));

        JsonElement reverted = await _node.Call("debug_traceCall", new { from = Keys.Address(5).ToString(), to = _reverter.ToString() }, "latest",
            new { tracer = "callTracer" });
        Assert.That(reverted.GetProperty("error").GetString(), Is.EqualTo("execution reverted"));
        Assert.That(reverted.GetProperty("revertReason").GetString(), Is.EqualTo("nope"));
        Assert.That(reverted.GetProperty("output").GetString(), Is.EqualTo(Hex.EncodePrefixed(Contracts.ErrorNopeData)));
    }

    [Test]
    public async Task Call_tracer_renders_a_recursion_hundreds_of_frames_deep()
    {
        Address recurser = await _node.Deploy(6, Contracts.Recurser());
        JsonElement top = await _node.Call("debug_traceCall", new { from = Keys.Address(6).ToString(), to = recurser.ToString(), gas = "0x2faf080" },
            "latest", new { tracer = "callTracer" });
        int depth = 1;
        for (JsonElement frame = top; frame.TryGetProperty("calls", out JsonElement calls); frame = calls[0]) depth++;
        // The call's gas (capped by the block's) reaches ~530 frames before (63/64)^n leaves too little: past the
        // JSON writer's default limit, 1000 levels = 500 frames. The full 1024 is DeepCallTreeTests (Tracing).
        Assert.That(depth, Is.GreaterThan(510));
    }

    [Test]
    public async Task Trace_errors()
    {
        RpcError unknownTracer = await _node.CallFails("debug_traceTransaction", _storeTx, new { tracer = "prestateTracerX" });
        Assert.That((unknownTracer.Code, unknownTracer.Message), Is.EqualTo((-32000, "tracer not found")));
        string missing = "0x" + new string('8', 64);
        RpcError unknownTx = await _node.CallFails("debug_traceTransaction", missing);
        Assert.That((unknownTx.Code, unknownTx.Message), Is.EqualTo((-32000, $"transaction {missing} not found")));
        RpcError badOptions = await _node.CallFails("debug_traceTransaction", _storeTx, "fast");
        Assert.That(badOptions.Code, Is.EqualTo(-32602));
    }
}
