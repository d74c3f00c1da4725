namespace OasisEth.Rpc.Tests;

/// <summary>anvil_/hardhat_ cheats over HTTP: state edits visible before mining and mined into the next block,
/// the supply adjustment, impersonated sends, the pool, the next base fee, bad parameters, restart.</summary>
public sealed class CheatMethodTests
{
    private const string Fresh = "0x00000000000000000000000000000000000000aa";
    private const string Whale = "0x000000000000000000000000000000000000beef";
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private async Task<string> Get(string method, params object?[] p) => (await _node.Call(method, p)).GetString()!;

    [TestCase("anvil_setBalance", true)]
    [TestCase("hardhat_setBalance", false)]
    public async Task SetBalance_is_visible_before_mining_and_in_the_next_block(string method, bool anvil)
    {
        JsonElement answer = await _node.Call(method, Fresh, "0xde0b6b3a7640000");
        Assert.That(answer.ValueKind, Is.EqualTo(anvil ? JsonValueKind.Null : JsonValueKind.True));
        Assert.That(await Get("eth_blockNumber"), Is.EqualTo("0x0"), "nothing mined");
        Assert.That(await Get("eth_getBalance", Fresh, "latest"), Is.EqualTo("0xde0b6b3a7640000"));
        Assert.That(await Get("eth_getBalance", Fresh, "pending"), Is.EqualTo("0xde0b6b3a7640000"));
        Assert.That(await Get("eth_getBalance", Fresh, "0x0"), Is.EqualTo("0xde0b6b3a7640000"), "the head block's number reads the head state");
        string rootBefore = (await _node.Call("eth_getBlockByNumber", "latest", false)).GetProperty("stateRoot").GetString()!;

        await _node.Call("evm_mine");
        Assert.That(await Get("eth_getBalance", Fresh, "0x1"), Is.EqualTo("0xde0b6b3a7640000"));
        Assert.That((await _node.Call("eth_getBlockByNumber", "0x1", false)).GetProperty("stateRoot").GetString(), Is.Not.EqualTo(rootBefore));
    }

    [Test]
    public async Task Supply_shows_the_oeth_an_edit_created_or_destroyed_and_still_adds_up()
    {
        await _node.Call("anvil_setBalance", Fresh, "0x64");
        await _node.Call("anvil_addBalance", Fresh, "0x5");
        await _node.Call("anvil_setBalance", Keys.Address(5).ToString(), "0x0");
        JsonElement s = await _node.Call("oasis_supply", "latest");
        Assert.That(TestNode.Big(s.GetProperty("devMinted")), Is.EqualTo(new UInt256(105)));
        Assert.That(TestNode.Big(s.GetProperty("devDestroyed")), Is.EqualTo(TestNode.Funding));
        UInt256 expected = UInt256.Parse("21000000000000000000000000") + new UInt256(105) - TestNode.Funding;
        Assert.That(TestNode.Big(s.GetProperty("total")), Is.EqualTo(expected));
        await _node.Call("evm_mine");
        JsonElement mined = await _node.Call("oasis_supply", "0x1");
        Assert.That(TestNode.Big(mined.GetProperty("total")), Is.EqualTo(expected));
        Assert.That(TestNode.Big(mined.GetProperty("devMinted")), Is.EqualTo(new UInt256(105)));
    }

    [Test]
    public async Task Code_nonce_and_storage_edits_serve_reads_and_calls()
    {
        // PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
        Assert.That((await _node.Call("anvil_setCode", Fresh, "0x602a60005260206000f3")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("hardhat_setNonce", Fresh, "0x9")).GetBoolean(), Is.True);
        await _node.Call("anvil_setStorageAt", Fresh, "0x1", "0x000000000000000000000000000000000000000000000000000000000000abcd");
        Assert.That(await Get("eth_getCode", Fresh, "latest"), Is.EqualTo("0x602a60005260206000f3"));
        Assert.That(await Get("eth_getTransactionCount", Fresh, "pending"), Is.EqualTo("0x9"));
        Assert.That(await Get("eth_getStorageAt", Fresh, "0x1", "latest"), Is.EqualTo("0x000000000000000000000000000000000000000000000000000000000000abcd"));
        Assert.That(await Get("eth_call", new { to = Fresh }, "latest"), Is.EqualTo("0x000000000000000000000000000000000000000000000000000000000000002a"));
        Assert.That(TestNode.Quantity(await _node.Call("eth_estimateGas", new { to = Fresh })), Is.GreaterThan(21_000UL));
        await _node.Call("evm_mine");
        Assert.That(await Get("eth_getCode", Fresh, "0x1"), Is.EqualTo("0x602a60005260206000f3"));
        Assert.That(await Get("eth_getTransactionCount", Fresh, "0x1"), Is.EqualTo("0x9"));
        Assert.That(await Get("eth_getStorageAt", Fresh, "0x1", "0x1"), Is.EqualTo("0x000000000000000000000000000000000000000000000000000000000000abcd"));
    }

    [Test]
    public async Task Mined_edits_survive_a_restart()
    {
        await _node.Call("anvil_setBalance", Fresh, "0x1234");
        await _node.Call("anvil_setStorageAt", Fresh, "0x0", "0x0000000000000000000000000000000000000000000000000000000000000007");
        await _node.Call("evm_mine");
        await _node.RestartAsync();
        Assert.That(await Get("eth_getBalance", Fresh, "latest"), Is.EqualTo("0x1234"));
        Assert.That(await Get("eth_getStorageAt", Fresh, "0x0", "latest"), Is.EqualTo("0x0000000000000000000000000000000000000000000000000000000000000007"));
    }

    [Test]
    public async Task Revert_to_a_snapshot_restores_the_pending_edits_it_saw()
    {
        await _node.Call("anvil_setBalance", Fresh, "0x10");
        string id = await Get("evm_snapshot");
        await _node.Call("anvil_setBalance", Fresh, "0x20");
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("evm_revert", id)).GetBoolean(), Is.True);
        Assert.That(await Get("eth_blockNumber"), Is.EqualTo("0x0"));
        Assert.That(await Get("eth_getBalance", Fresh, "latest"), Is.EqualTo("0x10"));
    }

    [TestCase("anvil_setBalance", new object[] { "0x12", "0x1" }, -32602)]
    [TestCase("anvil_setBalance", new object[] { Fresh }, -32602)]
    [TestCase("anvil_setBalance", new object[] { Fresh, "12" }, -32602)]
    [TestCase("anvil_setNonce", new object[] { Fresh, "0x10000000000000000" }, -32602)]
    [TestCase("anvil_setCode", new object[] { Fresh, "0x123" }, -32602)]
    [TestCase("anvil_setStorageAt", new object[] { Fresh, "0x1" }, -32602)]
    [TestCase("anvil_autoImpersonateAccount", new object[] { "yes" }, -32602)]
    [TestCase("anvil_impersonateAccount", new object[] { "0x1" }, -32602)]
    [TestCase("anvil_setNextBlockBaseFeePerGas", new object[] { "0x0" }, -32602)]
    [TestCase("anvil_setBalance", new object[] { "0x4f45544800000000000000000000000000000002", "0x1" }, -32000)]
    [TestCase("hardhat_setStorageAt", new object[] { "0x4f45544800000000000000000000000000000001", "0x1", "0x1" }, -32000)]
    public async Task Bad_parameters_are_refused(string method, object[] parameters, int code)
    {
        RpcError e = await _node.CallFails(method, parameters);
        Assert.That(e.Code, Is.EqualTo(code), e.Message);
        Assert.That((await _node.Call("oasis_supply", "latest")).GetProperty("devMinted").GetString(), Is.EqualTo("0x0"), "nothing was edited");
    }

    [Test]
    public async Task SetMinGasPrice_answers_as_anvil_does_on_an_eip1559_chain()
    {
        RpcError e = await _node.CallFails("anvil_setMinGasPrice", "0x1");
        Assert.That(e.Code, Is.EqualTo(-32602));
        Assert.That(e.Message, Is.EqualTo("anvil_setMinGasPrice is not supported when EIP-1559 is active"));
    }

    [Test]
    public async Task Impersonated_sends_execute_as_the_address_with_receipts_and_traces()
    {
        Assert.That((await _node.CallFails("eth_sendTransaction", new { from = Whale, to = Fresh, value = "0x1" })).Message, Is.EqualTo("unknown account"));
        Assert.That((await _node.Call("hardhat_impersonateAccount", Whale)).GetBoolean(), Is.True);
        await _node.Call("anvil_setBalance", Whale, "0xde0b6b3a7640000");
        string hash = await Get("eth_sendTransaction", new { from = Whale, to = Fresh, value = "0x7" });

        JsonElement receipt = await _node.Call("eth_getTransactionReceipt", hash);
        lock (_node.Log) Assert.That(receipt.ValueKind, Is.EqualTo(JsonValueKind.Object), string.Join("\n", _node.Log));
        Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"));
        Assert.That(receipt.GetProperty("from").GetString(), Is.EqualTo(Whale));
        JsonElement tx = await _node.Call("eth_getTransactionByHash", hash);
        Assert.That(tx.GetProperty("from").GetString(), Is.EqualTo(Whale));
        Assert.That(tx.GetProperty("r").GetString(), Is.EqualTo("0x0"), "the dev-only mark instead of a signature");
        Assert.That(await Get("eth_getBalance", Fresh, "latest"), Is.EqualTo("0x7"));
        JsonElement trace = await _node.Call("debug_traceTransaction", hash, new { tracer = "callTracer" });
        Assert.That(trace.GetProperty("from").GetString(), Is.EqualTo(Whale));

        await _node.Call("anvil_stopImpersonatingAccount", Whale);
        Assert.That((await _node.CallFails("eth_sendTransaction", new { from = Whale, to = Fresh, value = "0x1" })).Message, Is.EqualTo("unknown account"));
        Assert.That((await _node.CallFails("eth_signTransaction", new { from = Whale, to = Fresh, value = "0x1" })).Message, Is.EqualTo("unknown account"));

        await _node.Call("anvil_autoImpersonateAccount", true);
        await _node.Call("anvil_setBalance", Fresh, "0xde0b6b3a7640000");
        string second = await Get("eth_sendTransaction", new { from = Fresh, to = Whale, value = "0x1" });
        Assert.That((await _node.Call("eth_getTransactionReceipt", second)).GetProperty("from").GetString(), Is.EqualTo(Fresh));
        await _node.Call("anvil_autoImpersonateAccount", false);
        Assert.That((await _node.CallFails("eth_sendTransaction", new { from = Fresh, to = Whale, value = "0x1" })).Message, Is.EqualTo("unknown account"));
    }

    [Test]
    public async Task A_raw_transaction_with_the_mark_is_refused_unless_the_sender_is_impersonated()
    {
        await _node.Call("anvil_setBalance", Whale, "0xde0b6b3a7640000");
        var unsigned = new OasisEth.Transactions.Transaction
        {
            Type = OasisEth.Transactions.TxType.DynamicFee, ChainId = TestNode.ChainId, Nonce = 0, GasLimit = 21_000,
            To = Address.Parse(Fresh), Value = UInt256.One, MaxFeePerGas = new UInt256(10_000_000_000), MaxPriorityFeePerGas = UInt256.One,
        };
        byte[] raw = ImpersonatedTransactions.Encode(unsigned, Address.Parse(Whale));
        RpcError e = await _node.CallFails("eth_sendRawTransaction", Hex.EncodePrefixed(raw));
        Assert.That(e.Code, Is.EqualTo(-32000));
        await _node.Call("anvil_impersonateAccount", Whale);
        Assert.That(await _node.SendRaw(raw), Is.EqualTo(Keccak.Compute(raw).ToString()));
    }

    [Test]
    public async Task DropAllTransactions_empties_the_pool()
    {
        await _node.Call("evm_setAutomine", false);
        await _node.SendRaw(TestNode.Sign(0, 0, Address.Parse(Fresh), 1));
        await _node.SendRaw(TestNode.Sign(1, 0, Address.Parse(Fresh), 1));
        Assert.That((await _node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x2"));
        Assert.That((await _node.Call("anvil_dropAllTransactions")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x0"));
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_getBlockByNumber", "latest", false)).GetProperty("transactions").GetArrayLength(), Is.EqualTo(0));
    }

    [Test]
    public async Task SetNextBlockBaseFeePerGas_sets_the_next_blocks_base_fee_and_suggestions()
    {
        Assert.That((await _node.Call("anvil_setNextBlockBaseFeePerGas", "0xba43b7400")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(TestNode.Big(await _node.Call("eth_gasPrice")), Is.EqualTo(new UInt256(50_000_000_000) + new UInt256(1_000_000_000)));
        string hash = await Get("eth_sendTransaction", new { from = Keys.Address(0).ToString(), to = Fresh, value = "0x1" });
        JsonElement block = await _node.Call("eth_getBlockByNumber", "latest", false);
        Assert.That(block.GetProperty("baseFeePerGas").GetString(), Is.EqualTo("0xba43b7400"));
        Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).GetProperty("status").GetString(), Is.EqualTo("0x1"));
    }

    [Test]
    public async Task SetLoggingEnabled_silences_the_running_log()
    {
        Assert.That((await _node.Call("hardhat_setLoggingEnabled", false)).GetBoolean(), Is.True);
        int before;
        lock (_node.Log) before = _node.Log.Count;
        await _node.Call("anvil_dropAllTransactions");
        lock (_node.Log) Assert.That(_node.Log, Has.Count.EqualTo(before));
        await _node.Call("anvil_setLoggingEnabled", true);
        await _node.Call("anvil_dropAllTransactions");
        lock (_node.Log) Assert.That(_node.Log, Has.Count.GreaterThan(before));
    }

    [Test]
    public async Task DealErc20_finds_the_balance_slot_and_writes_it()
    {
        // balanceOf(address) = sload(keccak256(holder ‖ 0)): a mapping at slot 0, the usual ERC-20 layout.
        const string token = "0x00000000000000000000000000000000000e2c20";
        await _node.Call("anvil_setCode", token, "0x600435600052600060205260406000205460005260206000f3");
        Address holder = Keys.Address(2);
        Assert.That((await _node.Call("anvil_dealERC20", holder.ToString(), token, "0x3e8")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        byte[] call = new byte[36];
        call[0] = 0x70; call[1] = 0xa0; call[2] = 0x82; call[3] = 0x31;
        holder.Bytes.CopyTo(call.AsSpan(16));
        string balance = await Get("eth_call", new { to = token, data = Hex.EncodePrefixed(call) }, "latest");
        Assert.That(UInt256.Parse(balance), Is.EqualTo(new UInt256(1000)));
        RpcError none = await _node.CallFails("anvil_dealERC20", holder.ToString(), Fresh, "0x1");
        Assert.That(none.Message, Is.EqualTo("Unable to set ERC20 balance, no slot found"));
    }

    [Test]
    public async Task DumpState_answers_gzip_json_and_LoadState_takes_it_back()
    {
        await _node.Call("anvil_setBalance", Fresh, "0x1234");
        await _node.Call("anvil_setStorageAt", Fresh, "0x1", "0x000000000000000000000000000000000000000000000000000000000000abcd");
        string hex = await Get("anvil_dumpState");
        Assert.That(hex, Does.StartWith("0x1f8b"), "gzip, as anvil answers");
        byte[] gz = Hex.Decode(hex.AsSpan(2));
        using var input = new System.IO.Compression.GZipStream(new MemoryStream(gz), System.IO.Compression.CompressionMode.Decompress);
        using var doc = JsonDocument.Parse(input);
        JsonElement account = doc.RootElement.GetProperty("accounts").GetProperty(Fresh);
        Assert.That(account.GetProperty("balance").GetString(), Is.EqualTo("0x1234"));
        Assert.That(account.GetProperty("storage").GetProperty("0x0000000000000000000000000000000000000000000000000000000000000001").GetString(),
            Is.EqualTo("0x000000000000000000000000000000000000000000000000000000000000abcd"));
        Assert.That(doc.RootElement.GetProperty("block").GetProperty("number").GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("hardhat_dumpState", true)).GetString(), Does.StartWith("0x1f8b"));

        await using TestNode other = await TestNode.StartAsync();
        Assert.That((await other.Call("anvil_loadState", hex)).GetBoolean(), Is.True);
        Assert.That((await other.Call("eth_getBalance", Fresh, "latest")).GetString(), Is.EqualTo("0x1234"));
        Assert.That((await other.Call("eth_getStorageAt", Fresh, "0x1", "latest")).GetString(),
            Is.EqualTo("0x000000000000000000000000000000000000000000000000000000000000abcd"));
        string plain = Hex.EncodePrefixed(System.Text.Encoding.UTF8.GetBytes("{\"accounts\":{\"" + Whale + "\":{\"nonce\":3,\"balance\":\"0x10\",\"code\":\"0x\",\"storage\":{}}}}"));
        Assert.That((await other.Call("hardhat_loadState", plain)).GetBoolean(), Is.True);
        Assert.That((await other.Call("eth_getTransactionCount", Whale, "latest")).GetString(), Is.EqualTo("0x3"));
        Assert.That((await other.CallFails("anvil_loadState", "0x1234")).Code, Is.EqualTo(-32602));
        Assert.That((await other.CallFails("anvil_loadState", "nope")).Code, Is.EqualTo(-32602));
        Assert.That((await other.CallFails("anvil_dumpState", "0x1")).Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task SetCoinbase_names_the_miner_of_later_blocks_which_gets_the_tips()
    {
        Assert.That((await _node.Call("hardhat_setCoinbase", Whale)).GetBoolean(), Is.True);
        Assert.That(await Get("eth_coinbase"), Is.EqualTo(Whale));
        string hash = await Get("eth_sendTransaction", new { from = Keys.Address(0).ToString(), to = Fresh, value = "0x1" });
        JsonElement receipt = await _node.Call("eth_getTransactionReceipt", hash);
        JsonElement block = await _node.Call("eth_getBlockByNumber", receipt.GetProperty("blockNumber").GetString(), false);
        Assert.That(block.GetProperty("miner").GetString(), Is.EqualTo(Whale));
        UInt256 tip = TestNode.Big(receipt.GetProperty("effectiveGasPrice")) - TestNode.Big(block.GetProperty("baseFeePerGas"));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Whale, "latest")), Is.EqualTo(tip * TestNode.Big(receipt.GetProperty("gasUsed"))));
        JsonElement supply = await _node.Call("oasis_supply", "latest");
        Assert.That(TestNode.Big(supply.GetProperty("total")), Is.EqualTo(UInt256.Parse("21000000000000000000000000")), "tips moved, nothing created");
        Assert.That((await _node.Call("anvil_setCoinbase", "0x4f45544800000000000000000000000000000002")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(await Get("eth_coinbase"), Is.EqualTo("0x4f45544800000000000000000000000000000002"));
        Assert.That((await _node.CallFails("anvil_setCoinbase", "0x12")).Code, Is.EqualTo(-32602));
    }
}
