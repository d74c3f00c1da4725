namespace OasisEth.Rpc.Tests;

/// <summary>
/// The block and flat-trace methods on a two-transaction block: debug_traceBlockBy*, trace_* and ots_*. The block
/// holds a call through a forwarder (a call to Store that writes slot 0, then a call to Reverter that reverts and is
/// ignored) and a second write to Store, so the second transaction's prestate shows the first one's effect.
/// </summary>
[TestFixture]
public sealed class BlockTraceTests
{
    private TestNode _node = null!;
    private Address _store, _reverter, _forwarder;
    private string _first = "", _second = "", _failed = "";
    private ulong _block;
    private string _blockHash = "";

    /// <summary>Copies calldata, CALLs <paramref name="store"/> with it, CALLs <paramref name="reverter"/>, ignores both results.</summary>
    private static byte[] Forwarder(Address store, Address reverter) => Contracts.Init([
        0x36, 0x5f, 0x5f, 0x37,                                                    // CALLDATACOPY(0, 0, CALLDATASIZE)
        0x5f, 0x5f, 0x36, 0x5f, 0x5f, 0x73, .. store.ToArray(), 0x5a, 0xf1, 0x50,   // CALL(gas, store, 0, 0, size, 0, 0); POP
        0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x73, .. reverter.ToArray(), 0x5a, 0xf1, 0x50, // CALL(gas, reverter, 0, 0, 0, 0, 0); POP
        0x00]);

    private static byte[] WordOf(byte b)
    {
        var word = new byte[32];
        word[31] = b;
        return word;
    }

    [OneTimeSetUp]
    public async Task Start()
    {
        _node = await TestNode.StartAsync();
        _store = await _node.Deploy(4, Contracts.Store());
        _reverter = await _node.Deploy(4, Contracts.Reverter());
        _forwarder = await _node.Deploy(4, Forwarder(_store, _reverter));
        // Two transactions in one block: stop automining, send both, mine once.
        await _node.Call("evm_setAutomine", false);
        _first = await _node.SendRaw(TestNode.Sign(5, 0, _forwarder, UInt256.Zero, WordOf(7), gas: 200_000));
        _second = await _node.SendRaw(TestNode.Sign(6, 0, _store, UInt256.Zero, WordOf(9), gas: 100_000));
        await _node.Call("evm_mine");
        await _node.Call("evm_setAutomine", true);
        JsonElement receipt = await _node.Call("eth_getTransactionReceipt", _second);
        _block = TestNode.Quantity(receipt.GetProperty("blockNumber"));
        _blockHash = receipt.GetProperty("blockHash").GetString()!;
        Assert.That(TestNode.Quantity((await _node.Call("eth_getTransactionReceipt", _first)).GetProperty("blockNumber")), Is.EqualTo(_block));
        _failed = (await _node.SendAndMine(TestNode.Sign(7, 0, _reverter, UInt256.Zero, gas: 100_000))).GetProperty("transactionHash").GetString()!;
    }

    [OneTimeTearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static string Hex(ulong n) => "0x" + n.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Debug_trace_block_gives_each_transaction_the_answer_of_debug_trace_transaction()
    {
        var options = new { tracer = "callTracer" };
        JsonElement byNumber = await _node.Call("debug_traceBlockByNumber", Hex(_block), options);
        JsonElement byHash = await _node.Call("debug_traceBlockByHash", _blockHash, options);
        Assert.That(byNumber.GetArrayLength(), Is.EqualTo(2));
        Assert.That(byHash.GetRawText(), Is.EqualTo(byNumber.GetRawText()));
        string[] hashes = [_first, _second];
        for (int i = 0; i < 2; i++)
        {
            Assert.That(byNumber[i].GetProperty("txHash").GetString(), Is.EqualTo(hashes[i]));
            JsonElement single = await _node.Call("debug_traceTransaction", hashes[i], options);
            Assert.That(byNumber[i].GetProperty("result").GetRawText(), Is.EqualTo(single.GetRawText()));
        }
        // In order on the block's state: the second write finds the first one's 7 in slot 0.
        JsonElement prestate = await _node.Call("debug_traceBlockByNumber", Hex(_block), new { tracer = "prestateTracer" });
        string slot0 = "0x" + new string('0', 64);
        Assert.That(prestate[1].GetProperty("result").GetProperty(_store.ToString()).GetProperty("storage").GetProperty(slot0).GetString(),
            Is.EqualTo("0x" + new string('0', 63) + "7"));
        JsonElement fourByte = await _node.Call("debug_traceBlockByNumber", Hex(_block), new { tracer = "4byteTracer" });
        Assert.That(fourByte[0].GetProperty("result").EnumerateObject().Count(), Is.EqualTo(1), "the store call's selector; the reverter got no input");
        RpcError missing = await _node.CallFails("debug_traceBlockByNumber", "0xffff", options);
        Assert.That(missing.Code, Is.EqualTo(-32000));
        RpcError missingHash = await _node.CallFails("debug_traceBlockByHash", "0x" + new string('1', 64), options);
        Assert.That(missingHash.Message, Does.Contain("not found"));
    }

    [Test]
    public void A_block_trace_runs_each_transaction_once_in_order()
    {
        var asked = new List<int>();
        bool traced = _node.Chain.TraceBlock(_block, i => { asked.Add(i); return null; });
        Assert.That(traced, Is.True);
        Assert.That(asked, Is.EqualTo(new[] { 0, 1 }));
        Assert.That(_node.Chain.TraceBlock(_block + 1000, _ => null), Is.False);
    }

    [Test]
    public async Task Trace_transaction_flattens_the_call_tree_and_trace_get_and_trace_block_agree()
    {
        JsonElement traces = await _node.Call("trace_transaction", _first);
        Assert.That(traces.GetArrayLength(), Is.EqualTo(3));
        Assert.That(traces[0].GetProperty("subtraces").GetInt32(), Is.EqualTo(2));
        Assert.That(traces[1].GetProperty("action").GetProperty("to").GetString(), Is.EqualTo(_store.ToString()));
        Assert.That(traces[1].GetProperty("traceAddress")[0].GetInt32(), Is.EqualTo(0));
        Assert.That(traces[2].GetProperty("error").GetString(), Is.EqualTo("Reverted"));
        Assert.That(traces[2].GetProperty("result").GetProperty("output").GetString(), Is.EqualTo(Hex(Contracts.ErrorNopeData)));
        Assert.That(traces[0].GetProperty("blockHash").GetString(), Is.EqualTo(_blockHash));
        Assert.That(traces[0].GetProperty("transactionPosition").GetInt32(), Is.Zero);
        // The top frame's gasUsed is the receipt's minus intrinsic gas (21,000 + 32 bytes, one of them non-zero).
        JsonElement receipt = await _node.Call("eth_getTransactionReceipt", _first);
        ulong intrinsic = 21_000 + 16 + 31 * 4;
        Assert.That(TestNode.Quantity(traces[0].GetProperty("result").GetProperty("gasUsed")), Is.EqualTo(TestNode.Quantity(receipt.GetProperty("gasUsed")) - intrinsic));
        Assert.That(TestNode.Quantity(traces[0].GetProperty("action").GetProperty("gas")), Is.EqualTo(200_000 - intrinsic));

        JsonElement second = await _node.Call("trace_get", _first, new[] { "0x2" });
        Assert.That(second.GetRawText(), Is.EqualTo(traces[2].GetRawText()));
        Assert.That((await _node.Call("trace_get", _first, new[] { "0x3" })).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("trace_transaction", "0x" + new string('2', 64))).ValueKind, Is.EqualTo(JsonValueKind.Null));

        JsonElement block = await _node.Call("trace_block", Hex(_block));
        JsonElement other = await _node.Call("trace_transaction", _second);
        Assert.That(block.GetArrayLength(), Is.EqualTo(traces.GetArrayLength() + other.GetArrayLength()));
        Assert.That(block[3].GetRawText(), Is.EqualTo(other[0].GetRawText()));
        Assert.That(other[0].GetProperty("transactionPosition").GetInt32(), Is.EqualTo(1));
    }

    private static string Hex(byte[] bytes) => OasisEth.Primitives.Hex.EncodePrefixed(bytes);

    [Test]
    public async Task Trace_filter_matches_senders_and_receivers_pages_with_after_and_count_and_bounds_the_range()
    {
        var range = new { fromBlock = "0x1", toBlock = "latest" };
        JsonElement fromForwarder = await _node.Call("trace_filter", new { range.fromBlock, range.toBlock, fromAddress = new[] { _forwarder.ToString() } });
        Assert.That(fromForwarder.GetArrayLength(), Is.EqualTo(2));
        JsonElement toStore = await _node.Call("trace_filter", new { range.fromBlock, range.toBlock, toAddress = new[] { _store.ToString() } });
        // The deployment's creation (to = the created Store), the forwarded call, the direct write.
        Assert.That(toStore.GetArrayLength(), Is.EqualTo(3));
        Assert.That(toStore[0].GetProperty("type").GetString(), Is.EqualTo("create"));
        JsonElement paged = await _node.Call("trace_filter", new { range.fromBlock, range.toBlock, toAddress = new[] { _store.ToString() }, after = 1, count = 1 });
        Assert.That(paged.GetArrayLength(), Is.EqualTo(1));
        Assert.That(paged[0].GetRawText(), Is.EqualTo(toStore[1].GetRawText()));
        JsonElement both = await _node.Call("trace_filter", new { range.fromBlock, range.toBlock, fromAddress = new[] { _forwarder.ToString() },
            toAddress = new[] { _store.ToString() }, mode = "intersection" });
        Assert.That(both.GetArrayLength(), Is.EqualTo(1));

        RpcError tooWide = await _node.CallFails("trace_filter", new { fromBlock = "0x0", toBlock = Hex(5000) });
        Assert.That(tooWide.Code, Is.EqualTo(-32602));
        Assert.That(tooWide.Message, Does.Contain("1000 blocks"));
    }

    [Test]
    public async Task Replay_and_trace_call_answer_trace_and_state_diff()
    {
        JsonElement replay = await _node.Call("trace_replayTransaction", _second, new[] { "trace", "stateDiff" });
        Assert.That(replay.GetProperty("vmTrace").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(replay.GetProperty("trace").GetArrayLength(), Is.EqualTo(1));
        JsonElement slot = replay.GetProperty("stateDiff").GetProperty(_store.ToString()).GetProperty("storage").GetProperty("0x" + new string('0', 64));
        Assert.That(slot.GetProperty("*").GetProperty("from").GetString(), Does.EndWith("7"));
        Assert.That(slot.GetProperty("*").GetProperty("to").GetString(), Does.EndWith("9"));
        JsonElement onlyTrace = await _node.Call("trace_replayTransaction", _second, new[] { "trace" });
        Assert.That(onlyTrace.GetProperty("stateDiff").ValueKind, Is.EqualTo(JsonValueKind.Null));

        JsonElement blockReplay = await _node.Call("trace_replayBlockTransactions", Hex(_block), new[] { "trace" });
        Assert.That(blockReplay.GetArrayLength(), Is.EqualTo(2));
        Assert.That(blockReplay[1].GetProperty("transactionHash").GetString(), Is.EqualTo(_second));

        JsonElement call = await _node.Call("trace_call", new { from = Keys.Address(5).ToString(), to = _store.ToString() }, new[] { "trace", "stateDiff" }, "latest");
        Assert.That(call.GetProperty("output").GetString(), Does.EndWith("9"), "Store returns slot 0 when called without data");
        Assert.That(call.GetProperty("trace")[0].GetProperty("action").GetProperty("to").GetString(), Is.EqualTo(_store.ToString()));

        RpcError badType = await _node.CallFails("trace_replayTransaction", _second, new[] { "everything" });
        Assert.That(badType.Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task Otterscan_transaction_methods()
    {
        Assert.That((await _node.Call("ots_getApiLevel")).GetInt32(), Is.EqualTo(8));
        Assert.That((await _node.Call("ots_hasCode", _store.ToString(), "latest")).GetBoolean(), Is.True);
        Assert.That((await _node.Call("ots_hasCode", Keys.Address(5).ToString(), "latest")).GetBoolean(), Is.False);
        JsonElement trace = await _node.Call("ots_traceTransaction", _first);
        Assert.That(trace.EnumerateArray().Select(f => f.GetProperty("depth").GetInt32()), Is.EqualTo(new[] { 0, 1, 1 }));
        Assert.That(trace[2].GetProperty("output").GetString(), Is.EqualTo(Hex(Contracts.ErrorNopeData)));
        Assert.That((await _node.Call("ots_getInternalOperations", _first)).GetArrayLength(), Is.Zero, "no value moved, nothing created");
        Assert.That((await _node.Call("ots_getTransactionError", _failed)).GetString(), Is.EqualTo(Hex(Contracts.ErrorNopeData)));
        Assert.That((await _node.Call("ots_getTransactionError", _first)).GetString(), Is.EqualTo("0x"), "an inner revert is not the transaction's error");
        RpcError unknown = await _node.CallFails("ots_traceTransaction", "0x" + new string('3', 64));
        Assert.That(unknown.Message, Does.Contain("not found"));
    }

    [Test]
    public async Task Otterscan_block_and_search_methods()
    {
        JsonElement details = await _node.Call("ots_getBlockDetails", _block);
        Assert.That(details.GetProperty("block").GetProperty("transactionCount").GetInt32(), Is.EqualTo(2));
        Assert.That(details.GetProperty("block").TryGetProperty("transactions", out _), Is.False);
        UInt256 fees = UInt256.Zero;
        foreach (string tx in new[] { _first, _second })
        {
            JsonElement r = await _node.Call("eth_getTransactionReceipt", tx);
            fees += TestNode.Big(r.GetProperty("gasUsed")) * TestNode.Big(r.GetProperty("effectiveGasPrice"));
        }
        Assert.That(TestNode.Big(details.GetProperty("totalFees")), Is.EqualTo(fees));
        Assert.That((await _node.Call("ots_getBlockDetailsByHash", _blockHash)).GetRawText(), Is.EqualTo(details.GetRawText()));

        // Page 0 of size 1 is the block's last transaction, its input cut to 4 bytes.
        JsonElement page = await _node.Call("ots_getBlockTransactions", _block, 0, 1);
        JsonElement txs = page.GetProperty("fullblock").GetProperty("transactions");
        Assert.That(txs.GetArrayLength(), Is.EqualTo(1));
        Assert.That(txs[0].GetProperty("hash").GetString(), Is.EqualTo(_second));
        Assert.That(txs[0].GetProperty("input").GetString(), Is.EqualTo("0x00000000"));
        Assert.That(page.GetProperty("receipts")[0].GetProperty("transactionHash").GetString(), Is.EqualTo(_second));
        Assert.That(page.GetProperty("receipts")[0].TryGetProperty("timestamp", out _), Is.True);

        // The Store is touched by its deployment, the forwarded call (internal) and the direct write: newest first.
        JsonElement before = await _node.Call("ots_searchTransactionsBefore", _store.ToString(), 0, 10);
        string[] hashes = before.GetProperty("txs").EnumerateArray().Select(t => t.GetProperty("hash").GetString()!).ToArray();
        Assert.That(hashes, Has.Length.EqualTo(3));
        Assert.That(hashes[0], Is.EqualTo(_second));
        Assert.That(hashes[1], Is.EqualTo(_first));
        Assert.That(before.GetProperty("firstPage").GetBoolean() && before.GetProperty("lastPage").GetBoolean(), Is.True);
        JsonElement after = await _node.Call("ots_searchTransactionsAfter", _store.ToString(), 0, 1);
        Assert.That(after.GetProperty("txs").GetArrayLength(), Is.EqualTo(1), "stops at the first block that fills the page");
        Assert.That(after.GetProperty("lastPage").GetBoolean() && !after.GetProperty("firstPage").GetBoolean(), Is.True);

        Assert.That((await _node.Call("ots_getTransactionBySenderAndNonce", Keys.Address(5).ToString(), 0)).GetString(), Is.EqualTo(_first));
        Assert.That((await _node.Call("ots_getTransactionBySenderAndNonce", Keys.Address(5).ToString(), 1)).ValueKind, Is.EqualTo(JsonValueKind.Null));
        JsonElement creator = await _node.Call("ots_getContractCreator", _forwarder.ToString());
        Assert.That(creator.GetProperty("creator").GetString(), Is.EqualTo(Keys.Address(4).ToString()));
        Assert.That((await _node.Call("ots_getContractCreator", Keys.Address(4).ToString())).ValueKind, Is.EqualTo(JsonValueKind.Null));
    }
}
