namespace OasisEth.Rpc.Tests;

/// <summary>geth-format state and block overrides on eth_call, eth_estimateGas and debug_traceCall: they change
/// the answer, never the chain, and every malformed override is a -32602 naming what is wrong.</summary>
[TestFixture]
public sealed class StateOverrideTests
{
    /// <summary>Returns SLOAD(calldata[0]).</summary>
    private static readonly byte[] ReaderCode = [0x5f, 0x35, 0x54, 0x5f, 0x52, 0x60, 0x20, 0x5f, 0xf3];

    /// <summary>Returns NUMBER, TIMESTAMP, GASLIMIT, BASEFEE, COINBASE, PREVRANDAO as six words.</summary>
    private static readonly byte[] EnvCode = Hex.Decode("435f52" + "42602052" + "45604052" + "48606052" + "41608052" + "4460a052" + "60c05ff3");

    private TestNode _node = null!;
    private Address _reader, _env;

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync();
        _reader = await _node.Deploy(4, CallTimeoutTests.Deployable(ReaderCode));
        _env = await _node.Deploy(4, CallTimeoutTests.Deployable(EnvCode));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static string Slot(ulong n) => "0x" + n.ToString("x64");

    private async Task<string> ReadSlot(Address contract, ulong slot, object? overrides) =>
        (await _node.Call("eth_call", new { to = contract.ToString(), input = Slot(slot) }, "latest", overrides)).GetString()!;

    [Test]
    public async Task StateDiff_and_state_change_only_the_call()
    {
        string r = _reader.ToString();
        var diff = new Dictionary<string, object> { [r] = new { stateDiff = new Dictionary<string, string> { [Slot(1)] = Slot(0x99) } } };
        Assert.That(await ReadSlot(_reader, 1, diff), Is.EqualTo(Slot(0x99)));

        // Replace the storage: listed slots as given, every other slot zero.
        var replace = new Dictionary<string, object> { [r] = new { state = new Dictionary<string, string> { [Slot(2)] = Slot(0x22) } } };
        Assert.That(await ReadSlot(_reader, 2, replace), Is.EqualTo(Slot(0x22)));
        Assert.That(await ReadSlot(_reader, 1, replace), Is.EqualTo(Slot(0)));

        Assert.That(await ReadSlot(_reader, 1, null), Is.EqualTo(Slot(0)), "the override did not stay");
        Assert.That((await _node.Call("eth_getStorageAt", r, "0x1", "latest")).GetString(), Is.EqualTo(Slot(0)));
    }

    [Test]
    public async Task Code_and_balance_overrides_never_reach_the_chain()
    {
        string eoa = Keys.Address(6).ToString();
        string balanceBefore = (await _node.Call("eth_getBalance", eoa, "latest")).GetString()!;
        var overrides = new Dictionary<string, object>
        {
            [eoa] = new
            {
                code = Hex.EncodePrefixed(ReaderCode),
                balance = "0x1",
                nonce = "0x5",
                stateDiff = new Dictionary<string, string> { [Slot(3)] = Slot(0x33) },
            },
        };
        Assert.That(await ReadSlot(Keys.Address(6), 3, overrides), Is.EqualTo(Slot(0x33)));

        Assert.That((await _node.Call("eth_getCode", eoa, "latest")).GetString(), Is.EqualTo("0x"));
        Assert.That((await _node.Call("eth_getBalance", eoa, "latest")).GetString(), Is.EqualTo(balanceBefore));
        Assert.That((await _node.Call("eth_getTransactionCount", eoa, "latest")).GetString(), Is.EqualTo("0x0"));
    }

    [Test]
    public async Task Estimate_takes_state_overrides_as_its_third_parameter()
    {
        string poor = "0x00000000000000000000000000000000000f00d1";
        var tx = new { from = poor, to = Keys.Address(6).ToString(), value = "0x1", gasPrice = "0x77359400" };
        RpcError e = await _node.CallFails("eth_estimateGas", tx, "latest");
        Assert.That(e.Message, Is.EqualTo("insufficient funds for transfer"));
        var rich = new Dictionary<string, object> { [poor] = new { balance = "0xde0b6b3a7640000" } };
        Assert.That((await _node.Call("eth_estimateGas", tx, "latest", rich)).GetString(), Is.EqualTo("0x5208"));
    }

    [Test]
    public async Task Block_overrides_are_the_fourth_parameter()
    {
        var block = new { number = "0x1234", time = "0x5678", gasLimit = "0xf4240", feeRecipient = "0x0000000000000000000000000000000000000c0b" };
        string output = (await _node.Call("eth_call", new { to = _env.ToString() }, "latest", null, block)).GetString()!;
        byte[] words = Hex.Decode(output.AsSpan(2));
        Assert.That(UInt256.FromBigEndian(words.AsSpan(0, 32)), Is.EqualTo(new UInt256(0x1234)));
        Assert.That(UInt256.FromBigEndian(words.AsSpan(32, 32)), Is.EqualTo(new UInt256(0x5678)));
        Assert.That(UInt256.FromBigEndian(words.AsSpan(64, 32)), Is.EqualTo(new UInt256(1_000_000)));
        Assert.That(UInt256.FromBigEndian(words.AsSpan(128, 32)), Is.EqualTo(new UInt256(0xc0b)));
    }

    [Test]
    public async Task Older_field_names_and_any_letter_case_are_accepted()
    {
        var block = new Dictionary<string, string> { ["Number"] = "0x7", ["coinbase"] = "0x0000000000000000000000000000000000000c0c" };
        string output = (await _node.Call("eth_call", new { to = _env.ToString() }, "latest", null, block)).GetString()!;
        byte[] words = Hex.Decode(output.AsSpan(2));
        Assert.That(UInt256.FromBigEndian(words.AsSpan(0, 32)), Is.EqualTo(new UInt256(7)));
        Assert.That(UInt256.FromBigEndian(words.AsSpan(128, 32)), Is.EqualTo(new UInt256(0xc0c)));

        var state = new Dictionary<string, object> { [_reader.ToString()] = new Dictionary<string, object> { ["StateDiff"] = new Dictionary<string, string> { [Slot(8)] = Slot(0x88) } } };
        Assert.That(await ReadSlot(_reader, 8, state), Is.EqualTo(Slot(0x88)));
    }

    [Test]
    public async Task Trace_call_takes_overrides_in_its_options()
    {
        var options = new
        {
            tracer = "callTracer",
            stateOverrides = new Dictionary<string, object> { [_reader.ToString()] = new { stateDiff = new Dictionary<string, string> { [Slot(4)] = Slot(0x44) } } },
        };
        JsonElement top = await _node.Call("debug_traceCall", new { to = _reader.ToString(), input = Slot(4) }, "latest", options);
        Assert.That(top.GetProperty("output").GetString(), Is.EqualTo(Slot(0x44)));
    }

    [TestCase("{\"0xSTATE\":{\"state\":{},\"stateDiff\":{}}}", "invalid argument 2: account 0xSTATE has both 'state' and 'stateDiff'")]
    [TestCase("{\"0xSTATE\":{\"balance\":\"0xzz\"}}", "invalid argument 2: account 0xSTATE: balance: invalid hex string")]
    [TestCase("{\"0xSTATE\":{\"balance\":\"12\"}}", "invalid argument 2: account 0xSTATE: balance: hex string without 0x prefix")]
    [TestCase("{\"0xSTATE\":{\"code\":\"0x123\"}}", "invalid argument 2: account 0xSTATE: code: hex string of odd length")]
    [TestCase("{\"0xSTATE\":{\"stateDiff\":{\"0x01\":\"0xgg\"}}}", "invalid argument 2: account 0xSTATE: stateDiff: value of slot 0x01: invalid hex string")]
    [TestCase("{\"0xSTATE\":{\"state\":[]}}", "invalid argument 2: account 0xSTATE: state: expected an object of slot: value")]
    [TestCase("{\"0xSTATE\":{\"balanse\":\"0x1\"}}", "invalid argument 2: account 0xSTATE: unknown field \"balanse\" (expected balance, nonce, code, state or stateDiff)")]
    [TestCase("{\"0x1234\":{}}", "invalid argument 2: account 0x1234: hex string has length 4, want 40 for common.Address")]
    [TestCase("[]", "invalid argument 2: state overrides must be an object keyed by address")]
    public async Task Malformed_state_overrides_are_invalid_params(string overridesJson, string message)
    {
        string address = _reader.ToString();
        string body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"to\":\"" + address + "\"},\"latest\","
            + overridesJson.Replace("0xSTATE", address) + "]}";
        JsonElement response = await _node.Post(body);
        JsonElement error = response.GetProperty("error");
        Assert.That(error.GetProperty("code").GetInt32(), Is.EqualTo(-32602));
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(message.Replace("0xSTATE", address)));
    }

    [Test]
    public async Task Malformed_block_overrides_are_invalid_params()
    {
        RpcError unknown = await _node.CallFails("eth_call", new { to = _env.ToString() }, "latest", null, new { nmber = "0x1" });
        Assert.That(unknown.Code, Is.EqualTo(-32602));
        Assert.That(unknown.Message, Does.StartWith("invalid argument 3: unknown block override \"nmber\""));
        RpcError badHex = await _node.CallFails("eth_call", new { to = _env.ToString() }, "latest", null, new { time = "0xq" });
        Assert.That((badHex.Code, badHex.Message), Is.EqualTo((-32602, "invalid argument 3: time: invalid hex string")));
        RpcError traceBoth = await _node.CallFails("debug_traceCall", new { to = _env.ToString() }, "latest",
            new { stateOverrides = new Dictionary<string, object> { [_env.ToString()] = new { state = new { }, stateDiff = new { } } } });
        Assert.That((traceBoth.Code, traceBoth.Message),
            Is.EqualTo((-32602, $"invalid argument 2: stateOverrides: account {_env} has both 'state' and 'stateDiff'")));
    }
}
