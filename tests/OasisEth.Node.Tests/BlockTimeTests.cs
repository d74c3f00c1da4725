using OasisEth.Node.Dev;

namespace OasisEth.Node.Tests;

/// <summary>Every --block-time the help promises starts a node; the rest are usage errors (exit 2).</summary>
public sealed class BlockTimeTests
{
    [TestCase(4_294_968UL)]
    [TestCase(31_536_000UL)]
    public async Task A_block_time_past_the_timer_limit_starts_and_stops_cleanly(ulong seconds)
    {
        string dir = Path.Combine(Path.GetTempPath(), "oasiseth-node-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using DevRun run = await DevRun.StartAsync(DevRun.Options(dir, blockTime: seconds));
            Assert.That((await run.Call("anvil_nodeInfo")).GetProperty("miningMode").GetString(), Is.EqualTo($"interval {seconds}s"));
            Assert.That(await run.StopAsync(), Is.Zero);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("--block-time", "0")]
    [TestCase("--block-time", "31536001")]
    [TestCase("--http.port", "65536")]
    [TestCase("--chain-id", "0")]
    [TestCase("--no-such-option")]
    public void Out_of_range_options_are_usage_errors_with_exit_code_2(params string[] args)
    {
        Assert.That(Cli.Run(["dev", .. args]), Is.EqualTo(Cli.UsageError));
    }
}
