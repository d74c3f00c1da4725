using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

/// <summary>--gas-limit, --disable-block-gas-limit and --rpc.gascap on a running `oasis-eth dev`.</summary>
public sealed class GasLimitTests
{
    // Runtime code GAS PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN (returns the gas left), behind init code that returns it.
    private const string GasLeftInit = "0x600980600b6000396000f3" + "5a60005260206000f3";

    private string _dir = null!;

    [SetUp]
    public void NewDirectory() => _dir = Path.Combine(Path.GetTempPath(), "oasiseth-node-tests", Guid.NewGuid().ToString("N"));

    [TearDown]
    public void RemoveDirectory()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static ulong Quantity(System.Text.Json.JsonElement e) => Convert.ToUInt64(e.GetString()![2..], 16);

    private static async Task<string> DeployGasLeft(DevRun run)
    {
        string from = (await run.Call("eth_accounts"))[0].GetString()!;
        string hash = (await run.Call("eth_sendTransaction", new { from, data = GasLeftInit, gas = "0x30d40" })).GetString()!;
        return (await run.Call("eth_getTransactionReceipt", hash)).GetProperty("contractAddress").GetString()!;
    }

    [Test]
    public async Task Default_calls_get_the_50M_cap_above_the_30M_block_limit()
    {
        await using DevRun run = await DevRun.StartAsync(DevRun.Options(_dir));
        Assert.That(Quantity((await run.Call("eth_getBlockByNumber", "latest", false)).GetProperty("gasLimit")), Is.EqualTo(30_000_000UL));
        string contract = await DeployGasLeft(run);
        ulong left = Quantity(await run.Call("eth_call", new { to = contract }, "latest"));
        Assert.That(left, Is.GreaterThan(49_000_000UL).And.LessThan(50_000_000UL));
        ulong asked = Quantity(await run.Call("eth_call", new { to = contract, gas = "0x5f5e100" }, "latest")); // 100M
        Assert.That(asked, Is.EqualTo(left), "more than the cap is cut to the cap");
        Assert.That(await run.StopAsync(), Is.Zero);
    }

    [Test]
    public async Task Gas_limit_sets_the_block_limit_and_rpc_gascap_the_call_cap()
    {
        await using DevRun run = await DevRun.StartAsync(DevRun.Options(_dir) with { GasLimit = 40_000_000, RpcGasCap = 1_000_000 });
        Assert.That(Quantity((await run.Call("eth_getBlockByNumber", "latest", false)).GetProperty("gasLimit")), Is.EqualTo(40_000_000UL));
        Assert.That(run.Output, Does.Contain("Block gas limit:   40000000").And.Contain("RPC gas cap:       1000000"));
        string contract = await DeployGasLeft(run);
        Assert.That(Quantity(await run.Call("eth_call", new { to = contract }, "latest")), Is.LessThan(1_000_000UL).And.GreaterThan(970_000UL));
        Assert.That(await run.StopAsync(), Is.Zero);
    }

    [Test]
    public async Task Disabled_block_gas_limit_runs_calls_and_transactions_of_any_gas()
    {
        await using DevRun run = await DevRun.StartAsync(DevRun.Options(_dir) with { DisableBlockGasLimit = true });
        Assert.That(Quantity((await run.Call("eth_getBlockByNumber", "latest", false)).GetProperty("gasLimit")), Is.EqualTo((ulong)long.MaxValue));
        Assert.That(run.Output, Does.Contain("Block gas limit:   disabled").And.Contain("RPC gas cap:       unlimited"));
        string contract = await DeployGasLeft(run);
        ulong left = Quantity(await run.Call("eth_call", new { to = contract, gas = "0x3b9aca00" }, "latest")); // 1e9
        Assert.That(left, Is.GreaterThan(999_000_000UL));
        // A transaction above anvil's default block limit is mined.
        string from = (await run.Call("eth_accounts"))[1].GetString()!;
        string hash = (await run.Call("eth_sendTransaction", new { from, to = contract, gas = "0x2faf080" })).GetString()!; // 50M
        Assert.That((await run.Call("eth_getTransactionReceipt", hash)).GetProperty("status").GetString(), Is.EqualTo("0x1"));
        Assert.That(await run.StopAsync(), Is.Zero);
    }

    [Test]
    public async Task A_chain_made_with_one_gas_limit_is_not_resumed_with_another()
    {
        await using (DevRun first = await DevRun.StartAsync(DevRun.Options(_dir) with { GasLimit = 40_000_000 }))
            Assert.That(await first.StopAsync(), Is.Zero);
        (int code, _, string errors) = await DevRun.RunToExitAsync(DevRun.Options(_dir));
        Assert.That(code, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("different genesis").And.Contain("--gas-limit"));
    }
}
