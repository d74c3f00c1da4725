namespace OasisEth.Rpc.Tests;

/// <summary>The RPC gas cap (RpcLimits.CallGasCap, `--rpc.gascap`): its default, 0 = unlimited, and that it, not the
/// block gas limit, bounds eth_call; a block override's gasLimit still bounds the call; estimates stay in a block.</summary>
[TestFixture]
public sealed class GasCapTests
{
    // GAS PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: the gas left at the first instruction.
    private static readonly byte[] GasLeft = Hex.Decode("600980600b6000396000f3" + "5a60005260206000f3");
    // GASLIMIT PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: the block gas limit the call sees.
    private static readonly byte[] GasLimit = Hex.Decode("600980600b6000396000f3" + "4560005260206000f3");

    private static async Task<ulong> CallQuantity(TestNode node, Address to, object? gas = null, object? blockOverrides = null)
    {
        object call = gas is null ? new { to = to.ToString() } : new { to = to.ToString(), gas };
        JsonElement r = blockOverrides is null
            ? await node.Call("eth_call", call, "latest")
            : await node.Call("eth_call", call, "latest", null, blockOverrides);
        return TestNode.Quantity(r);
    }

    [Test]
    public async Task The_default_cap_is_50M_above_the_30M_block_limit_and_more_is_cut_to_it()
    {
        await using TestNode node = await TestNode.StartAsync();
        Address left = await node.Deploy(4, GasLeft);
        ulong none = await CallQuantity(node, left);
        Assert.That(none, Is.GreaterThan(49_970_000UL).And.LessThan(50_000_000UL - 21_000));
        Assert.That(await CallQuantity(node, left, "0x5f5e100"), Is.EqualTo(none)); // 100M asked
        Assert.That(await CallQuantity(node, left, "0x186a0"), Is.LessThan(100_000UL - 21_000)); // 100k asked: kept
    }

    [Test]
    public async Task A_call_above_the_block_limit_sees_its_gas_as_the_limit_and_below_it_the_blocks()
    {
        await using TestNode node = await TestNode.StartAsync();
        Address limit = await node.Deploy(4, GasLimit);
        Assert.That(await CallQuantity(node, limit, "0xf4240"), Is.EqualTo(30_000_000UL)); // 1M: the block's
        Assert.That(await CallQuantity(node, limit, "0x2625a00"), Is.EqualTo(40_000_000UL)); // 40M
    }

    [Test]
    public async Task A_configured_cap_bounds_calls_and_zero_means_unlimited()
    {
        await using (TestNode small = await TestNode.StartAsync(new RpcLimits { CallGasCap = 1_000_000 }))
        {
            Address left = await small.Deploy(4, GasLeft);
            Assert.That(await CallQuantity(small, left), Is.LessThan(1_000_000UL - 21_000).And.GreaterThan(970_000UL));
            Assert.That(await CallQuantity(small, left, "0x2625a00"), Is.LessThan(1_000_000UL));
        }
        await using TestNode unlimited = await TestNode.StartAsync(new RpcLimits { CallGasCap = 0 });
        Address l = await unlimited.Deploy(4, GasLeft);
        Assert.That(await CallQuantity(unlimited, l, "0x3b9aca00"), Is.GreaterThan(999_900_000UL)); // 1e9 asked
        // Unlimited is the EVM's most (2^63 - 1), also for a call that asks for more.
        Assert.That(await CallQuantity(unlimited, l, "0xffffffffffffffff"), Is.GreaterThan((ulong)long.MaxValue - 100_000));
    }

    [Test]
    public async Task A_block_override_gas_limit_bounds_the_call()
    {
        await using TestNode node = await TestNode.StartAsync();
        Address left = await node.Deploy(4, GasLeft);
        Assert.That(await CallQuantity(node, left, null, new { gasLimit = "0x30d40" }), Is.LessThan(200_000UL - 21_000)); // 200k
    }

    [Test]
    public async Task Estimates_stay_within_the_block_and_the_cap()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { CallGasCap = 20_000 });
        RpcError e = await node.CallFails("eth_estimateGas", new { from = Keys.Address(5).ToString(), to = Keys.Address(6).ToString() });
        Assert.That(e.Code, Is.EqualTo(-32000), "a transfer needs more than the 20,000 cap");
        await using TestNode normal = await TestNode.StartAsync();
        Assert.That((await normal.Call("eth_estimateGas", new { from = Keys.Address(5).ToString(), to = Keys.Address(6).ToString() })).GetString(),
            Is.EqualTo("0x5208"));
    }
}
