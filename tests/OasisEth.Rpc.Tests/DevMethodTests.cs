namespace OasisEth.Rpc.Tests;

/// <summary>Mining controls, the dev clock, snapshots and reverts, refused supply-breaking methods, oasis_supply.</summary>
[TestFixture]
public sealed class DevMethodTests
{
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static readonly Address Recipient = Address.Parse("0x00000000000000000000000000000000000c0c00");

    private async Task<JsonElement> Head() => await _node.Call("eth_getBlockByNumber", "latest", false);

    [Test]
    public async Task Evm_mine_uses_the_clock_and_never_goes_back_in_time()
    {
        Assert.That((await _node.Call("evm_mine")).GetString(), Is.EqualTo("0x0"));
        Assert.That(TestNode.Quantity((await Head()).GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime));
        await _node.Call("evm_mine");
        Assert.That(TestNode.Quantity((await Head()).GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime + 1), "parent + 1 when the clock stands still");
        _node.Now = TestNode.StartTime + 100;
        await _node.Call("evm_mine");
        Assert.That(TestNode.Quantity((await Head()).GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime + 100));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x3"));
    }

    [Test]
    public async Task Increase_time_and_set_next_timestamp()
    {
        Assert.That((await _node.Call("evm_increaseTime", 3600)).GetInt64(), Is.EqualTo(3600));
        await _node.Call("evm_mine");
        Assert.That(TestNode.Quantity((await Head()).GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime + 3600));

        await _node.Call("evm_setNextBlockTimestamp", "0x" + (TestNode.StartTime + 10_000).ToString("x"));
        await _node.Call("evm_mine");
        Assert.That(TestNode.Quantity((await Head()).GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime + 10_000));
        _node.Now += 5;
        await _node.Call("evm_mine");
        Assert.That(TestNode.Quantity((await Head()).GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime + 10_005), "time continues from the pinned one");

        await _node.Call("evm_mine", TestNode.StartTime + 20_000);
        Assert.That(TestNode.Quantity((await Head()).GetProperty("timestamp")), Is.EqualTo(TestNode.StartTime + 20_000));
        RpcError past = await _node.CallFails("evm_setNextBlockTimestamp", TestNode.StartTime);
        Assert.That(past.Code, Is.EqualTo(-32602));
        Assert.That(past.Message, Does.Contain("lower than or equal to the previous block's timestamp"));
        RpcError pastMine = await _node.CallFails("evm_mine", TestNode.StartTime);
        Assert.That(pastMine.Code, Is.EqualTo(-32602));
    }

    [Test]
    public async Task Anvil_mine_mines_count_blocks_interval_apart()
    {
        Assert.That((await _node.Call("anvil_mine", "0x5", "0xa")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x5"));
        ulong t1 = TestNode.Quantity((await _node.Call("eth_getBlockByNumber", "0x1", false)).GetProperty("timestamp"));
        ulong t5 = TestNode.Quantity((await _node.Call("eth_getBlockByNumber", "0x5", false)).GetProperty("timestamp"));
        Assert.That(t5 - t1, Is.EqualTo(40UL));
        await _node.Call("hardhat_mine", "0x2");
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x7"));
        RpcError tooMany = await _node.CallFails("anvil_mine", "0xffffff");
        Assert.That(tooMany.Code, Is.EqualTo(-32005));
    }

    [Test]
    public async Task Automine_off_keeps_transactions_pending_until_mined()
    {
        await _node.Call("evm_setAutomine", false);
        Assert.That((await _node.Call("anvil_getAutomine")).GetBoolean(), Is.False);
        string hash = await _node.SendRaw(TestNode.Sign(4, 0, Recipient, UInt256.One));
        await _node.FlushAsync();
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).ValueKind, Is.EqualTo(JsonValueKind.Null));
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_getTransactionReceipt", hash)).GetProperty("blockNumber").GetString(), Is.EqualTo("0x1"));
        JsonElement info = await _node.Call("anvil_nodeInfo");
        Assert.That(info.GetProperty("miningMode").GetString(), Is.EqualTo("manual"));
        Assert.That(info.GetProperty("currentBlockNumber").GetUInt64(), Is.EqualTo(1UL));
        JsonElement meta = await _node.Call("hardhat_metadata");
        Assert.That(meta.GetProperty("chainId").GetUInt64(), Is.EqualTo(TestNode.ChainId));
    }

    [Test]
    public async Task Snapshot_and_revert_restore_state_head_balances_and_supply_exactly()
    {
        await _node.SendAndMine(TestNode.Sign(4, 0, Recipient, new UInt256(1000)));
        JsonElement headBefore = await Head();
        JsonElement supplyBefore = await _node.Call("oasis_supply", "latest");
        string balanceBefore = (await _node.Call("eth_getBalance", Keys.Address(4).ToString(), "latest")).GetString()!;
        string id = (await _node.Call("evm_snapshot")).GetString()!;

        for (ulong i = 1; i <= 3; i++) await _node.SendAndMine(TestNode.Sign(4, i, Recipient, new UInt256(7)));
        await _node.Call("anvil_mine", "0x3");
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x7"));
        Assert.That((await _node.Call("oasis_supply", "latest")).GetProperty("burned").GetString(),
            Is.Not.EqualTo(supplyBefore.GetProperty("burned").GetString()));

        Assert.That((await _node.Call("evm_revert", id)).GetBoolean(), Is.True);
        JsonElement headAfter = await Head();
        Assert.That(headAfter.GetProperty("hash").GetString(), Is.EqualTo(headBefore.GetProperty("hash").GetString()));
        Assert.That(headAfter.GetProperty("stateRoot").GetString(), Is.EqualTo(headBefore.GetProperty("stateRoot").GetString()));
        Assert.That((await _node.Call("eth_getBalance", Keys.Address(4).ToString(), "latest")).GetString(), Is.EqualTo(balanceBefore));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(1000)));
        Assert.That((await _node.Call("eth_getTransactionCount", Keys.Address(4).ToString(), "pending")).GetString(), Is.EqualTo("0x1"));
        Assert.That((await _node.Call("oasis_supply", "latest")).GetRawText(), Is.EqualTo(supplyBefore.GetRawText()));
        Assert.That((await _node.Call("eth_getBlockByNumber", "0x3", false)).ValueKind, Is.EqualTo(JsonValueKind.Null));

        Assert.That((await _node.Call("evm_revert", id)).GetBoolean(), Is.False, "a snapshot is used up by its revert");
        // The chain goes on from the restored head with the same nonces.
        JsonElement again = await _node.SendAndMine(TestNode.Sign(4, 1, Recipient, new UInt256(9)));
        Assert.That(again.GetProperty("blockNumber").GetString(), Is.EqualTo("0x2"));
    }

    [Test]
    public async Task Nested_snapshots_revert_in_any_order_and_anvil_names_work()
    {
        string s0 = (await _node.Call("anvil_snapshot")).GetString()!;
        await _node.Call("evm_mine");
        string s1 = (await _node.Call("evm_snapshot")).GetString()!;
        await _node.Call("evm_mine");
        Assert.That(s1, Is.Not.EqualTo(s0));
        Assert.That((await _node.Call("anvil_revert", s1)).GetBoolean(), Is.True);
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x1"));
        Assert.That((await _node.Call("evm_revert", s0)).GetBoolean(), Is.True);
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("evm_revert", "0x99")).GetBoolean(), Is.False);
    }

    [Test]
    public async Task Anvil_reset_without_parameters_starts_a_plain_dev_chain_over()
    {
        string genesisHash = (await _node.Call("eth_getBlockByNumber", "0x0", false)).GetProperty("hash").GetString()!;
        await _node.Call("anvil_setBalance", Recipient.ToString(), "0x1234");
        await _node.Call("evm_mine");
        string snapshot = (await _node.Call("evm_snapshot")).GetString()!;
        await _node.Call("evm_mine");
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x2"));

        Assert.That((await _node.Call("anvil_reset")).ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_getBalance", Recipient.ToString(), "latest")).GetString(), Is.EqualTo("0x0"), "the edit went with the old chain");
        Assert.That((await _node.Call("eth_getBlockByNumber", "0x0", false)).GetProperty("hash").GetString(), Is.EqualTo(genesisHash), "the same genesis");
        Assert.That((await _node.Call("evm_revert", snapshot)).GetBoolean(), Is.False, "snapshots of the old chain are gone");
        Assert.That((await _node.Call("oasis_forkStatus")).ValueKind, Is.EqualTo(JsonValueKind.Null), "not a fork");
        Assert.That((await _node.Call("evm_mine")).GetString(), Is.EqualTo("0x0"));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x1"), "the new chain goes on");
        Assert.That((await _node.Call("hardhat_reset")).GetBoolean(), Is.True, "hardhat_reset answers true, as Hardhat's");
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"));
    }

    [TestCase("anvil_reset")]
    [TestCase("hardhat_reset")]
    public async Task Reset_parameters_of_the_wrong_shape_are_invalid_params(string method)
    {
        await _node.Call("evm_mine");
        Assert.That((await _node.CallFails(method, Keys.Address(0).ToString())).Code, Is.EqualTo(-32602));
        Assert.That((await _node.CallFails(method, new { forking = "http://127.0.0.1:1" })).Code, Is.EqualTo(-32602));
        Assert.That((await _node.CallFails(method, new { forking = new { jsonRpcUrl = "ftp://127.0.0.1/" } })).Code, Is.EqualTo(-32602));
        Assert.That((await _node.CallFails(method, new { forking = new { blockNumber = 1 } })).Code, Is.EqualTo(-32602), "no URL and not a fork");
        RpcError unreachable = await _node.CallFails(method, new { forking = new { jsonRpcUrl = "http://127.0.0.1:1", blockNumber = 1 } });
        Assert.That(unreachable.Code, Is.EqualTo(-32000));
        Assert.That(unreachable.Message, Does.Contain("fork's remote node http://127.0.0.1:1/"));
        Assert.That((await _node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x1"), "a refused reset changes nothing");
    }

    [Test]
    public async Task Supply_figures_add_up_to_21_million_oeth_and_burn_grows_with_fees()
    {
        JsonElement s0 = await _node.Call("oasis_supply", "latest");
        UInt256 total = TestNode.Big(s0.GetProperty("total"));
        Assert.That(total, Is.EqualTo(UInt256.Parse("21000000000000000000000000")));
        Assert.That(TestNode.Big(s0.GetProperty("rewardPool")) + TestNode.Big(s0.GetProperty("unclaimed"))
            + TestNode.Big(s0.GetProperty("circulating")) + TestNode.Big(s0.GetProperty("burned")), Is.EqualTo(total));
        Assert.That(TestNode.Big(s0.GetProperty("circulating")), Is.EqualTo(TestNode.Funding * 8UL));
        await _node.SendAndMine(TestNode.Sign(4, 0, Recipient, UInt256.One));
        JsonElement s1 = await _node.Call("oasis_supply");
        Assert.That(TestNode.Big(s1.GetProperty("burned")), Is.EqualTo(new UInt256(21_000UL * 1_000_000_000UL)), "base fee 1 gwei x 21000 burned");
        Assert.That(TestNode.Big(s1.GetProperty("total")), Is.EqualTo(total));
        JsonElement atGenesis = await _node.Call("oasis_supply", "earliest");
        Assert.That(atGenesis.GetRawText(), Is.EqualTo(s0.GetRawText()));
    }

    [Test]
    public async Task Epoch_end_is_logged_by_the_driver()
    {
        await _node.Call("anvil_mine", "0x64");
        lock (_node.Log) Assert.That(_node.Log, Has.Some.Contains("epoch 1 ended at round 100"));
    }

    [Test]
    public async Task Restart_on_the_same_directory_continues_the_chain()
    {
        await _node.SendAndMine(TestNode.Sign(4, 0, Recipient, new UInt256(5)));
        JsonElement before = await Head();
        await _node.RestartAsync();
        JsonElement after = await Head();
        Assert.That(after.GetRawText(), Is.EqualTo(before.GetRawText()));
        JsonElement next = await _node.SendAndMine(TestNode.Sign(4, 1, Recipient, new UInt256(5)));
        Assert.That(next.GetProperty("blockNumber").GetString(), Is.EqualTo("0x2"));
        Assert.That((await _node.Call("eth_getBlockByNumber", "0x2", false)).GetProperty("parentHash").GetString(),
            Is.EqualTo(before.GetProperty("hash").GetString()));
        Assert.That(TestNode.Big(await _node.Call("eth_getBalance", Recipient.ToString(), "latest")), Is.EqualTo(new UInt256(10)));
    }

    [Test]
    public async Task Interval_mining_makes_blocks_without_transactions()
    {
        await using TestNode interval = await TestNode.StartAsync(blockTime: 1);
        JsonElement info = await interval.Call("anvil_nodeInfo");
        Assert.That(info.GetProperty("miningMode").GetString(), Is.EqualTo("interval 1s"));
        string hash = await interval.SendRaw(TestNode.Sign(4, 0, Recipient, UInt256.One));
        // Wait for the timer's round by polling the receipt (the only way a client can see it).
        JsonElement receipt = default;
        for (int i = 0; i < 100 && receipt.ValueKind != JsonValueKind.Object; i++)
        {
            await Task.Delay(50);
            receipt = await interval.Call("eth_getTransactionReceipt", hash);
        }
        Assert.That(receipt.ValueKind, Is.EqualTo(JsonValueKind.Object));
        await interval.Call("evm_setIntervalMining", 0);
        Assert.That((await interval.Call("anvil_nodeInfo")).GetProperty("miningMode").GetString(), Is.EqualTo("manual"));
    }

    [Test]
    public async Task Get_interval_mining_gives_the_interval_in_seconds_or_null_as_anvil()
    {
        Assert.That((await _node.Call("anvil_getIntervalMining")).ValueKind, Is.EqualTo(JsonValueKind.Null), "automine");
        await using TestNode interval = await TestNode.StartAsync(blockTime: 7);
        Assert.That((await interval.Call("anvil_getIntervalMining")).GetUInt64(), Is.EqualTo(7UL));
        await interval.Call("anvil_setIntervalMining", 3);
        Assert.That((await interval.Call("anvil_getIntervalMining")).GetUInt64(), Is.EqualTo(3UL));
        await interval.Call("anvil_setIntervalMining", 0);
        Assert.That((await interval.Call("anvil_getIntervalMining")).ValueKind, Is.EqualTo(JsonValueKind.Null), "manual");
    }

    [Test]
    public async Task Interval_mining_takes_every_value_up_to_a_year_beyond_the_timer_limit()
    {
        // 4,294,968 s is just past System.Threading.Timer's longest due time (2^32 - 2 ms): it used to crash the
        // start (--block-time) and answer -32603 (evm_setIntervalMining).
        await using TestNode interval = await TestNode.StartAsync(blockTime: 4_294_968);
        Assert.That((await interval.Call("anvil_nodeInfo")).GetProperty("miningMode").GetString(), Is.EqualTo("interval 4294968s"));
        foreach (ulong seconds in (ulong[])[1, 4_294_967, 4_294_968, 31_536_000])
        {
            await interval.Call("evm_setIntervalMining", seconds);
            Assert.That((await interval.Call("anvil_nodeInfo")).GetProperty("miningMode").GetString(), Is.EqualTo($"interval {seconds}s"));
        }
    }

    [TestCase(31_536_001UL)]
    [TestCase(ulong.MaxValue)]
    public async Task Interval_mining_beyond_a_year_is_32602_naming_the_range(ulong seconds)
    {
        RpcError e = await _node.CallFails("evm_setIntervalMining", "0x" + seconds.ToString("x"));
        Assert.That(e.Code, Is.EqualTo(-32602));
        Assert.That(e.Message, Does.Contain("0 to 31536000"));
    }
}
