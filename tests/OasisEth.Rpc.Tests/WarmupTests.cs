namespace OasisEth.Rpc.Tests;

/// <summary>The start-up warm-up sends the node its own read-only requests in whole bursts until the JIT is quiet:
/// all are answered and nothing changes.</summary>
public sealed class WarmupTests
{
    [Test]
    public async Task The_warmup_is_answered_in_full_and_leaves_the_chain_as_it_was()
    {
        await using TestNode node = await TestNode.StartAsync(options: o => o with { Warmup = true });
        int answered = await node.Node.Warmup.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.That(answered % RpcWarmup.RequestsPerBurst, Is.Zero, "whole bursts, every request answered");
        Assert.That(answered / RpcWarmup.RequestsPerBurst, Is.InRange(RpcWarmup.MinBursts, RpcWarmup.MaxBursts));
        Assert.That((await node.Call("eth_blockNumber")).GetString(), Is.EqualTo("0x0"));
        // The eth_call with a code override at 0x…e2 must not have left code there.
        Assert.That((await node.Call("eth_getCode", "0x00000000000000000000000000000000000000e2", "latest")).GetString(), Is.EqualTo("0x"));
        Assert.That((await node.Call("txpool_status")).GetProperty("pending").GetString(), Is.EqualTo("0x0"));
        lock (node.Log) Assert.That(node.Log.Where(line => line.StartsWith("rpc:", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_node_stopped_during_its_warmup_stops_cleanly()
    {
        TestNode node = await TestNode.StartAsync(options: o => o with { Warmup = true });
        await node.DisposeAsync();
        Assert.That(await node.Node.Warmup.WaitAsync(TimeSpan.FromSeconds(30)), Is.LessThanOrEqualTo(RpcWarmup.RequestsPerBurst * RpcWarmup.MaxBursts));
    }
}
