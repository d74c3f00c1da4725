using System.Diagnostics;

namespace OasisEth.Rpc.Tests;

/// <summary>
/// The eth_call timeout stops the execution, not just the wait: endless calls one after another each get the
/// timeout error about when it expires, and once they have answered the node burns no CPU on them (before, each
/// abandoned execution ran on to its gas cap in the background, so a client looping such calls pinned the cores).
/// The chain's count of running executions is the probe.
/// </summary>
[TestFixture]
public sealed class CallTimeoutTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(50);

    /// <summary>Endless KECCAK256 over 32 KiB: JUMPDEST PUSH2 0x8000 PUSH0 KECCAK256 POP PUSH0 JUMP. About 6,200 gas a
    /// round, so the 30M block gas limit lasts hundreds of milliseconds, several times the timeout.</summary>
    private static readonly byte[] HeavyLoop = [0x5b, 0x61, 0x80, 0x00, 0x5f, 0x20, 0x50, 0x5f, 0x56];

    internal static byte[] Deployable(byte[] runtime)
    {
        // PUSH1 n PUSH1 10 PUSH0 CODECOPY PUSH1 n PUSH0 RETURN, then the runtime code.
        byte n = checked((byte)runtime.Length);
        return [0x60, n, 0x60, 0x0a, 0x5f, 0x39, 0x60, n, 0x5f, 0xf3, .. runtime];
    }

    [Test]
    public async Task Endless_calls_in_a_row_time_out_on_time_and_leave_nothing_running()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { CallTimeout = Timeout });
        Address loop = await node.Deploy(4, Deployable(HeavyLoop));
        ulong head = node.Chain.Head.Number;

        // Precondition that makes the test mean something: run to the gas cap, the loop takes far longer than the timeout.
        long started = Stopwatch.GetTimestamp();
        CallOutcome full = node.Chain.Call(new CallRequest { To = loop }, head);
        TimeSpan fullRun = Stopwatch.GetElapsedTime(started);
        Assert.That(full.Error, Is.EqualTo("out of gas"));
        Assert.That(fullRun, Is.GreaterThan(Timeout * 3), "the loop must outlast the timeout for this test to mean anything");

        const int calls = 8;
        for (int i = 0; i < calls; i++)
        {
            started = Stopwatch.GetTimestamp();
            RpcError e = await node.CallFails("eth_call", new { to = loop.ToString(), gas = "0x2faf080" }, "latest");
            TimeSpan took = Stopwatch.GetElapsedTime(started);
            Assert.That((e.Code, e.Message), Is.EqualTo((-32000, "execution aborted (timeout = 0.05s)")));
            Assert.That(took, Is.LessThan(Timeout + TimeSpan.FromMilliseconds(900)), $"call {i} answered after {took.TotalMilliseconds:0} ms");
        }

        // Nothing left running: the answers came after the executions stopped. (Before, each abandoned execution
        // ran on for about fullRun, so several would still be running here, sharing the two cores.)
        Assert.That(node.Chain.RunningCalls, Is.EqualTo(0));

        Assert.That((await node.Call("eth_chainId")).GetString(), Is.EqualTo("0x7a69"));
    }

    [Test]
    public async Task Concurrent_endless_calls_all_time_out_and_stop()
    {
        // More calls than cores: the timeouts must not wait for a free pool thread to fire.
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { CallTimeout = Timeout });
        Address loop = await node.Deploy(4, Deployable(HeavyLoop));
        long started = Stopwatch.GetTimestamp();
        Task<RpcError>[] calls = Enumerable.Range(0, 6)
            .Select(_ => node.CallFails("eth_call", new { to = loop.ToString() }, "latest"))
            .ToArray();
        RpcError[] errors = await Task.WhenAll(calls);
        TimeSpan took = Stopwatch.GetElapsedTime(started);
        foreach (RpcError e in errors) Assert.That(e.Message, Is.EqualTo("execution aborted (timeout = 0.05s)"));
        Assert.That(took, Is.LessThan(TimeSpan.FromSeconds(2)));
        Assert.That(node.Chain.RunningCalls, Is.EqualTo(0));
    }

    [Test]
    public async Task Estimate_and_trace_of_an_endless_call_time_out_too()
    {
        await using TestNode node = await TestNode.StartAsync(new RpcLimits { CallTimeout = Timeout });
        Address loop = await node.Deploy(4, Deployable(HeavyLoop));

        long t0 = Stopwatch.GetTimestamp();
        RpcError estimate = await node.CallFails("eth_estimateGas", new { from = Keys.Address(5).ToString(), to = loop.ToString() });
        Assert.That((estimate.Code, estimate.Message), Is.EqualTo((-32000, "execution aborted (timeout = 0.05s)")));
        RpcError trace = await node.CallFails("debug_traceCall", new { to = loop.ToString() }, "latest", new { tracer = "callTracer" });
        Assert.That((trace.Code, trace.Message), Is.EqualTo((-32000, "execution aborted (timeout = 0.05s)")));
        Assert.That(Stopwatch.GetElapsedTime(t0), Is.LessThan(TimeSpan.FromSeconds(2)));
    }
}
