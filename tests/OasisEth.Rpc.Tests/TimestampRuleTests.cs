namespace OasisEth.Rpc.Tests;

/// <summary>
/// Block timestamps are checked where they are set (evm_mine, evm_setNextBlockTimestamp, evm_increaseTime,
/// anvil_mine): strictly after the parent and at most 2^63 - 1, so no call can stamp a block that no other block can
/// follow. A value out of range is -32602 naming the range, and the chain goes on.
/// </summary>
[TestFixture]
public sealed class TimestampRuleTests
{
    private const ulong Max = long.MaxValue;
    private TestNode _node = null!;

    [SetUp]
    public async Task Start() => _node = await TestNode.StartAsync();

    [TearDown]
    public async Task Stop() => await _node.DisposeAsync();

    private static string Hex(ulong v) => "0x" + v.ToString("x");

    private async Task<ulong> HeadTimestamp() =>
        TestNode.Quantity((await _node.Call("eth_getBlockByNumber", "latest", false)).GetProperty("timestamp"));

    /// <summary>The chain still makes blocks, with transactions.</summary>
    private async Task AssertChainGoesOn()
    {
        ulong before = TestNode.Quantity(await _node.Call("eth_blockNumber"));
        ulong nonce = TestNode.Quantity(await _node.Call("eth_getTransactionCount", Keys.Address(5).ToString(), "pending"));
        JsonElement receipt = await _node.SendAndMine(TestNode.Sign(5, nonce, Keys.Address(6), UInt256.One));
        Assert.That(receipt.GetProperty("status").GetString(), Is.EqualTo("0x1"));
        await _node.Call("evm_mine");
        Assert.That(TestNode.Quantity(await _node.Call("eth_blockNumber")), Is.EqualTo(before + 2));
    }

    [TestCase("0xffffffffffffffff")]
    [TestCase("0x8000000000000000")]
    public async Task Evm_mine_beyond_the_largest_timestamp_is_32602_and_the_chain_goes_on(string timestamp)
    {
        RpcError e = await _node.CallFails("evm_mine", timestamp);
        Assert.That(e.Code, Is.EqualTo(-32602));
        Assert.That(e.Message, Does.Contain($"to {Max}"));
        RpcError inObject = await _node.CallFails("evm_mine", new Dictionary<string, object> { ["timestamp"] = timestamp, ["blocks"] = 2 });
        Assert.That(inObject.Code, Is.EqualTo(-32602));
        Assert.That(TestNode.Quantity(await _node.Call("eth_blockNumber")), Is.Zero);
        await AssertChainGoesOn();
    }

    [Test]
    public async Task Set_next_timestamp_near_the_64_bit_limit_then_two_mines_is_refused_and_the_chain_goes_on()
    {
        RpcError e = await _node.CallFails("evm_setNextBlockTimestamp", "0xfffffffffffffffe");
        Assert.That(e.Code, Is.EqualTo(-32602));
        Assert.That(e.Message, Does.Contain($"from 1 to {Max}"), "after the genesis block, stamped 0");
        await _node.Call("evm_mine");
        await _node.Call("evm_mine");
        await AssertChainGoesOn();
    }

    [Test]
    public async Task The_largest_timestamp_itself_is_taken_and_blocks_still_follow_it()
    {
        await _node.Call("evm_setNextBlockTimestamp", Hex(Max));
        await _node.Call("evm_mine");
        Assert.That(await HeadTimestamp(), Is.EqualTo(Max));
        RpcError e = await _node.CallFails("evm_setNextBlockTimestamp", Hex(Max));
        Assert.That(e.Code, Is.EqualTo(-32602), "not after the parent");
        await AssertChainGoesOn();
        Assert.That(await HeadTimestamp(), Is.EqualTo(Max + 2));
    }

    [Test]
    public async Task A_timestamp_not_after_the_parent_is_32602_naming_the_range()
    {
        await _node.Call("evm_mine", Hex(TestNode.StartTime + 100));
        RpcError e = await _node.CallFails("evm_mine", Hex(TestNode.StartTime + 100));
        Assert.That(e.Code, Is.EqualTo(-32602));
        Assert.That(e.Message, Does.Contain($"from {TestNode.StartTime + 101} to {Max}"));
    }

    [Test]
    public async Task Increase_time_is_bounded_so_repeated_calls_never_overflow()
    {
        RpcError e = await _node.CallFails("evm_increaseTime", "0xffffffffffffffff");
        Assert.That(e.Code, Is.EqualTo(-32602));
        ulong room = Max - TestNode.StartTime;
        Assert.That(e.Message, Does.Contain($"0 to {room}"));
        // Up to the limit in two steps; one second more is refused; the next block is at the largest timestamp.
        await _node.Call("evm_increaseTime", Hex(room / 2));
        await _node.Call("evm_increaseTime", Hex(room - room / 2));
        Assert.That((await _node.CallFails("evm_increaseTime", "0x1")).Code, Is.EqualTo(-32602));
        await _node.Call("evm_mine");
        Assert.That(await HeadTimestamp(), Is.EqualTo(Max));
        await AssertChainGoesOn();
    }

    [Test]
    public async Task Anvil_mine_whose_last_block_would_pass_the_largest_timestamp_is_32602()
    {
        RpcError e = await _node.CallFails("anvil_mine", "0x3", "0x4000000000000000");
        Assert.That(e.Code, Is.EqualTo(-32602));
        Assert.That(TestNode.Quantity(await _node.Call("eth_blockNumber")), Is.Zero, "nothing mined");
        await AssertChainGoesOn();
    }
}
