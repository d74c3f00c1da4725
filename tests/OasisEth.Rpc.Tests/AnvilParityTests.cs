namespace OasisEth.Rpc.Tests;

/// <summary>The methods added for anvil parity: raw transactions, account reads, the old eth_* names, the detailed
/// mine methods and the genesis time.</summary>
[TestFixture]
public sealed class AnvilParityTests
{
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000c0c01");

    [Test]
    public async Task Raw_transaction_getters_give_the_bytes_as_sent()
    {
        byte[] raw = TestNode.Sign(0, 0, Recipient, UInt256.One);
        JsonElement receipt = await _node.SendAndMine(raw);
        string hash = receipt.GetProperty("transactionHash").GetString()!;
        string blockHash = receipt.GetProperty("blockHash").GetString()!;
        string expected = Hex.EncodePrefixed(raw);
        Assert.That((await _node.Call("eth_getRawTransactionByHash", hash)).GetString(), Is.EqualTo(expected));
        Assert.That((await _node.Call("debug_getRawTransaction", hash)).GetString(), Is.EqualTo(expected));
        Assert.That((await _node.Call("eth_getRawTransactionByBlockHashAndIndex", blockHash, "0x0")).GetString(), Is.EqualTo(expected));
        Assert.That((await _node.Call("eth_getRawTransactionByBlockNumberAndIndex", "latest", "0x0")).GetString(), Is.EqualTo(expected));
        Assert.That((await _node.Call("eth_getRawTransactionByBlockNumberAndIndex", "latest", "0x1")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getRawTransactionByBlockNumberAndIndex", "0x99", "0x0")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_getRawTransactionByHash", "0x" + new string('1', 64))).ValueKind, Is.EqualTo(JsonValueKind.Null));

        // A pooled transaction has its bytes too.
        await _node.Call("evm_setAutomine", false);
        byte[] pooled = TestNode.Sign(0, 1, Recipient, UInt256.One);
        string pooledHash = await _node.SendRaw(pooled);
        Assert.That((await _node.Call("eth_getRawTransactionByHash", pooledHash)).GetString(), Is.EqualTo(Hex.EncodePrefixed(pooled)));
    }

    [Test]
    public async Task Transaction_by_sender_and_nonce_finds_mined_and_pooled()
    {
        Address sender = Keys.Address(1);
        await _node.SendAndMine(TestNode.Sign(1, 0, Recipient, UInt256.One));
        string second = (await _node.SendAndMine(TestNode.Sign(1, 1, Recipient, UInt256.One))).GetProperty("transactionHash").GetString()!;
        JsonElement found = await _node.Call("eth_getTransactionBySenderAndNonce", sender.ToString(), "0x1");
        Assert.That(found.GetProperty("hash").GetString(), Is.EqualTo(second));
        Assert.That(found.GetProperty("blockNumber").GetString(), Is.EqualTo("0x2"));
        Assert.That((await _node.Call("eth_getTransactionBySenderAndNonce", sender.ToString(), "0x2")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        await _node.Call("evm_setAutomine", false);
        string pooled = await _node.SendRaw(TestNode.Sign(1, 2, Recipient, UInt256.One));
        JsonElement pending = await _node.Call("eth_getTransactionBySenderAndNonce", sender.ToString(), "0x2");
        Assert.That(pending.GetProperty("hash").GetString(), Is.EqualTo(pooled));
        Assert.That(pending.GetProperty("blockNumber").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Account_info_and_storage_values()
    {
        Address store = await _node.Deploy(2, Contracts.Store());
        string word = "0x00000000000000000000000000000000000000000000000000000000000000" + "2a";
        await _node.SendAndMine(TestNode.Sign(2, 1, store, UInt256.Zero, Hex.Decode(word), gas: 100_000));
        JsonElement info = await _node.Call("eth_getAccountInfo", Keys.Address(2).ToString(), "latest");
        Assert.That(info.GetProperty("nonce").GetString(), Is.EqualTo("0x2"));
        Assert.That(TestNode.Big(info.GetProperty("balance")), Is.EqualTo(TestNode.Big(await _node.Call("eth_getBalance", Keys.Address(2).ToString(), "latest"))));
        Assert.That(info.GetProperty("code").GetString(), Is.EqualTo("0x"));
        JsonElement contract = await _node.Call("eth_getAccountInfo", store.ToString());
        Assert.That(contract.GetProperty("code").GetString(), Is.EqualTo((await _node.Call("eth_getCode", store.ToString(), "latest")).GetString()));
        Assert.That(contract.GetProperty("code").GetString()!.Length, Is.GreaterThan(2));

        var request = new Dictionary<string, string[]> { [store.ToString()] = ["0x0", "0x1"], [Recipient.ToString()] = ["0x0"] };
        JsonElement values = await _node.Call("eth_getStorageValues", request, "latest");
        Assert.That(values.GetProperty(store.ToString())[0].GetString(), Is.EqualTo(word));
        Assert.That(values.GetProperty(store.ToString())[1].GetString(), Is.EqualTo("0x" + new string('0', 64)));
        Assert.That(values.GetProperty(Recipient.ToString()).GetArrayLength(), Is.EqualTo(1));
        JsonElement before = await _node.Call("eth_getStorageValues", request, "0x1");
        Assert.That(before.GetProperty(store.ToString())[0].GetString(), Is.EqualTo("0x" + new string('0', 64)), "the state of the asked block");

        var tooMany = new Dictionary<string, string[]> { [store.ToString()] = Enumerable.Range(0, AccountReadApi.MaxStorageValues + 1).Select(i => "0x" + i.ToString("x")).ToArray() };
        Assert.That((await _node.CallFails("eth_getStorageValues", tooMany)).Code, Is.EqualTo(-32602));
        Assert.That((await _node.CallFails("eth_getStorageValues", new Dictionary<string, string[]> { ["0x12"] = ["0x0"] })).Code, Is.EqualTo(-32602));
        Assert.That((await _node.CallFails("eth_getStorageValues", "nope")).Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task Old_eth_names_answer_as_anvil()
    {
        Assert.That((await _node.Call("eth_protocolVersion")).GetInt32(), Is.EqualTo(1));
        Assert.That((await _node.Call("eth_networkId")).GetString(), Is.EqualTo(TestNode.ChainId.ToString()));
        Assert.That((await _node.Call("eth_requestAccounts")).GetRawText(), Is.EqualTo((await _node.Call("eth_accounts")).GetRawText()));
        foreach (string name in new[] { "eth_getWork", "eth_submitWork", "eth_submitHashrate" })
        {
            RpcError e = await _node.CallFails(name);
            Assert.That((e.Code, e.Message), Is.EqualTo((-32000, "Not implemented")), name);
        }
        await _node.SendAndMine(TestNode.Sign(0, 0, Recipient, UInt256.One));
        JsonElement header = await _node.Call("erigon_getHeaderByNumber", "0x1");
        JsonElement block = await _node.Call("eth_getBlockByNumber", "0x1", false);
        Assert.That(header.GetRawText(), Is.EqualTo(block.GetRawText()));
        Assert.That(header.GetProperty("transactions")[0].ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That((await _node.Call("erigon_getHeaderByNumber", "0x9")).ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task Mine_detailed_answers_the_mined_blocks_with_their_transactions()
    {
        await _node.Call("evm_setAutomine", false);
        string hash = await _node.SendRaw(TestNode.Sign(0, 0, Recipient, UInt256.One));
        JsonElement blocks = await _node.Call("evm_mine_detailed");
        Assert.That(blocks.GetArrayLength(), Is.EqualTo(1));
        Assert.That(blocks[0].GetProperty("number").GetString(), Is.EqualTo("0x1"));
        Assert.That(blocks[0].GetProperty("transactions")[0].GetProperty("hash").GetString(), Is.EqualTo(hash));

        JsonElement three = await _node.Call("anvil_mine_detailed", new Dictionary<string, object> { ["blocks"] = 3, ["timestamp"] = TestNode.StartTime + 500 });
        Assert.That(three.EnumerateArray().Select(b => b.GetProperty("number").GetString()), Is.EqualTo(new[] { "0x2", "0x3", "0x4" }));
        Assert.That(TestNode.Quantity(three[0].GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime + 500));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x4"));
        Assert.That((await _node.CallFails("anvil_mine_detailed", new Dictionary<string, object> { ["blocks"] = 0xffffff })).Code, Is.EqualTo(-32005));
    }

    [Test]
    public async Task Genesis_time_is_block_zeros_timestamp()
    {
        await _node.Call("evm_mine");
        ulong genesis = TestNode.Quantity((await _node.Call("eth_getBlockByNumber", "0x0", false)).GetProperty("timestamp"));
        Assert.That((await _node.Call("anvil_getGenesisTime")).GetUInt64(), Is.EqualTo(genesis));
    }
    [Test]
    public async Task Sync_sends_answer_the_receipt()
    {
        JsonElement receipt = await _node.Call("eth_sendRawTransactionSync", Hex.EncodePrefixed(TestNode.Sign(0, 0, Recipient, UInt256.One)));
        Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"));
        Assert.That(receipt.GetProperty("blockNumber").GetString(), Is.EqualTo("0x1"));
        string hash = receipt.GetProperty("transactionHash").GetString()!;
        Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).GetRawText(), Is.EqualTo(receipt.GetRawText()));

        var send = new Dictionary<string, string> { ["from"] = Keys.Address(0).ToString(), ["to"] = Recipient.ToString(), ["value"] = "0x5" };
        JsonElement second = await _node.Call("eth_sendTransactionSync", send);
        Assert.That(second.GetProperty("blockNumber").GetString(), Is.EqualTo("0x2"));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(6)));

        // Nothing mines it in manual mining: the wait runs out, as anvil's, with code 4 and the hash as data.
        await _node.Call("evm_setAutomine", false);
        byte[] unmined = TestNode.Sign(0, 2, Recipient, UInt256.One);
        RpcError timeout = await _node.CallFails("eth_sendRawTransactionSync", Hex.EncodePrefixed(unmined), "0xc8");
        Assert.That((timeout.Code, timeout.Message), Is.EqualTo((4, "Transaction confirmation timeout")));
        Assert.That(timeout.ErrorData, Is.EqualTo(Keccak.Compute(unmined).ToString()));
        Assert.That((await _node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x1"), "the transaction stays pooled");
    }

    [Test]
    public async Task Remove_pool_transactions_drops_only_the_senders()
    {
        await _node.Call("evm_setAutomine", false);
        await _node.SendRaw(TestNode.Sign(0, 0, Recipient, UInt256.One));
        await _node.SendRaw(TestNode.Sign(0, 2, Recipient, UInt256.One));
        string other = await _node.SendRaw(TestNode.Sign(1, 0, Recipient, UInt256.One));
        Assert.That((await _node.Call("anvil_removePoolTransactions", Keys.Address(0).ToString())).ValueKind, Is.EqualTo(JsonValueKind.Null));
        JsonElement status = await _node.Call("txpool_status");
        Assert.That((status.GetProperty("pending").GetString(), status.GetProperty("queued").GetString()), Is.EqualTo(("0x1", "0x0")));
        Assert.That((await _node.Call("eth_getTransactionByHash", other)).ValueKind, Is.EqualTo(JsonValueKind.Object));
        Assert.That((await _node.CallFails("anvil_removePoolTransactions", "0x12")).Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task Typed_data_before_v4_is_not_implemented_as_in_anvil()
    {
        foreach (string name in new[] { "eth_signTypedData", "eth_signTypedData_v3" })
            Assert.That((await _node.CallFails(name, Keys.Address(0).ToString(), "{}")).Code, Is.EqualTo(-32000), name);
    }
    [Test]
    public async Task Set_erc20_allowance_finds_the_allowance_slot()
    {
        // allowance(owner, spender) = sload(keccak256(spender ‖ keccak256(owner ‖ 1))): the usual nested mapping at slot 1.
        const string token = "0x00000000000000000000000000000000000e2c21";
        await _node.Call("anvil_setCode", token, "0x600435600052600160205260406000206020526024356000526040600020546000526020" + "6000f3");
        Address owner = Keys.Address(2), spender = Keys.Address(3);
        Assert.That((await _node.Call("anvil_setERC20Allowance", owner.ToString(), spender.ToString(), token, "0x2a")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(await Allowance(token, owner, spender), Is.EqualTo(new UInt256(42)));
        Assert.That(await Allowance(token, spender, owner), Is.EqualTo(UInt256.Zero), "only the asked pair");
        byte[] inner = new byte[64];
        owner.Bytes.CopyTo(inner.AsSpan(12));
        inner[63] = 1;
        byte[] outer = new byte[64];
        spender.Bytes.CopyTo(outer.AsSpan(12));
        Keccak.Compute(inner).Bytes.CopyTo(outer.AsSpan(32));
        string slot = Keccak.Compute(outer).ToString();
        Assert.That(TestNode.Big(await _node.Call("eth_getStorageAt", token, slot, "latest")), Is.EqualTo(new UInt256(42)));
        RpcError none = await _node.CallFails("anvil_setERC20Allowance", owner.ToString(), spender.ToString(), Recipient.ToString(), "0x1");
        Assert.That(none.Message, Is.EqualTo("Unable to set ERC20 allowance, no slot found"));
    }

    private async Task<UInt256> Allowance(string token, Address owner, Address spender)
    {
        byte[] data = new byte[68];
        data[0] = 0xdd; data[1] = 0x62; data[2] = 0xed; data[3] = 0x3e;
        owner.Bytes.CopyTo(data.AsSpan(16));
        spender.Bytes.CopyTo(data.AsSpan(48));
        return TestNode.Big(await _node.Call("eth_call", new Dictionary<string, string> { ["to"] = token, ["data"] = Hex.EncodePrefixed(data) }, "latest"));
    }
}
