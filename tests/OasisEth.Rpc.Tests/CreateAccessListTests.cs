namespace OasisEth.Rpc.Tests;

/// <summary>eth_createAccessList's answer shape and contents against a list worked out by hand.</summary>
[TestFixture]
public sealed class CreateAccessListTests
{
    private TestNode _node = null!;
    private Address _other, _target;
    private static readonly Address Probed = Address.FromLowUlong(0xa33);

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync();
        // Other: SLOAD(7) STOP.
        _other = await _node.Deploy(4, CallTimeoutTests.Deployable(Hex.Decode("60075400")));
        // Target: SLOAD(2); BALANCE(Probed); STATICCALL(Other); STATICCALL(identity precompile); BALANCE(CALLER); STOP.
        byte[] target = Hex.Decode(
            "600254" + "50" +
            "73" + Hex.Encode(Probed.Bytes) + "31" + "50" +
            "5f5f5f5f" + "73" + Hex.Encode(_other.Bytes) + "5a" + "fa" + "50" +
            "5f5f5f5f" + "6004" + "5a" + "fa" + "50" +
            "33" + "31" + "50" + "00");
        _target = await _node.Deploy(4, CallTimeoutTests.Deployable(target));
    }

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    [Test]
    public async Task Lists_what_the_call_touches_in_address_order()
    {
        string from = Keys.Address(5).ToString();
        JsonElement r = await _node.Call("eth_createAccessList", new { from, to = _target.ToString() }, "latest");

        // Hand-worked: the target (recipient) only through its slot 2; Other with slot 7; Probed; not the sender,
        // not the precompile. Deployed contract addresses are sorted with the fixed one.
        var expected = new List<(Address Address, string[] Keys)>
        {
            (_target, ["0x" + 2UL.ToString("x64")]),
            (_other, ["0x" + 7UL.ToString("x64")]),
            (Probed, []),
        };
        expected.Sort((a, b) => a.Address.CompareTo(b.Address));
        JsonElement list = r.GetProperty("accessList");
        Assert.That(list.GetArrayLength(), Is.EqualTo(expected.Count), list.GetRawText());
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.That(list[i].GetProperty("address").GetString(), Is.EqualTo(expected[i].Address.ToString()));
            Assert.That(list[i].GetProperty("storageKeys").EnumerateArray().Select(k => k.GetString()), Is.EqualTo(expected[i].Keys));
        }
        Assert.That(r.TryGetProperty("error", out _), Is.False);

        // gasUsed is what eth_estimateGas-style execution with that list attached uses: the call with the list
        // succeeds at exactly that gas and fails one below it is not guaranteed (refunds), so compare with a
        // traced call's gasUsed instead.
        JsonElement traced = await _node.Call("debug_traceCall", new { from, to = _target.ToString(), accessList = list }, "latest",
            new { tracer = "callTracer" });
        Assert.That(r.GetProperty("gasUsed").GetString(), Is.EqualTo(traced.GetProperty("gasUsed").GetString()));
    }

    [Test]
    public async Task A_failing_call_reports_its_error_beside_the_list()
    {
        // REVERT at once: code override on an empty address.
        string empty = "0x00000000000000000000000000000000000bad01";
        JsonElement r = await _node.Call("eth_createAccessList", new { to = empty }, "latest",
            new Dictionary<string, object> { [empty] = new { code = "0x600154505f5ffd" } });
        Assert.That(r.GetProperty("error").GetString(), Is.EqualTo("execution reverted"));
        Assert.That(r.GetProperty("accessList")[0].GetProperty("storageKeys")[0].GetString(), Is.EqualTo("0x" + 1UL.ToString("x64")));

        RpcError bad = await _node.CallFails("eth_createAccessList", new { to = "0x12" }, "latest");
        Assert.That(bad.Code, Is.EqualTo(-32602));
        RpcError poor = await _node.CallFails("eth_createAccessList",
            new { from = "0x00000000000000000000000000000000000f00d2", to = empty, gasPrice = "0x77359400" }, "latest");
        Assert.That((poor.Code, poor.Message), Is.EqualTo((-32000, "insufficient funds for gas * price + value")));
    }
}
