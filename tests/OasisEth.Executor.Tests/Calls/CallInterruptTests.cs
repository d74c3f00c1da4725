using System.Diagnostics;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Calls;

/// <summary>
/// Cancellation stops the chain's RPC executions themselves: a call looping on a gas allowance that would take
/// hours ends with <see cref="OperationCanceledException"/> soon after the signal, the estimate search stops, and
/// a traced re-execution too. The chain has a huge block gas limit here so nothing ends by running out of gas.
/// </summary>
public sealed class CallInterruptTests
{
    private static readonly Address Spinner = Address.FromLowUlong(0x5b01);
    private static readonly Address Hasher = Address.FromLowUlong(0x5b02);
    private const ulong HugeGasLimit = 1UL << 50;

    /// <summary>JUMPDEST PUSH0 JUMP.</summary>
    private static readonly byte[] SpinnerCode = Hex.Decode("5b5f56");

    /// <summary>3,000 rounds of KECCAK256 over 32 KiB, then STOP: a bounded run of ~19M gas (hundreds of ms).</summary>
    private static readonly byte[] HasherCode = Hex.Decode(
        "610bb8" +             // PUSH2 3000 (counter)
        "5b" +                 // pc 3: JUMPDEST
        "80" + "15" + "6016" + "57" + // DUP1 ISZERO PUSH1 0x16 JUMPI (done when counter is 0)
        "618000" + "5f" + "20" + "50" + // PUSH2 0x8000 PUSH0 KECCAK256 POP
        "6001" + "90" + "03" + // PUSH1 1 SWAP1 SUB (counter - 1)
        "6003" + "56" +        // PUSH1 3 JUMP
        "5b" + "00");          // pc 0x16: JUMPDEST STOP

    private static ChainFixture NewChain()
    {
        GenesisConfig dev = ChainFixture.DevGenesis(4);
        var allocations = new List<GenesisAllocation>(dev.Allocations)
        {
            new(Spinner, UInt256.Zero) { Code = SpinnerCode },
            new(Hasher, UInt256.Zero) { Code = HasherCode },
        };
        allocations.Sort((a, b) => a.Address.CompareTo(b.Address));
        return new ChainFixture(genesis: dev with { Allocations = allocations, GasLimit = HugeGasLimit });
    }

    [Test]
    public void The_hasher_is_a_bounded_call()
    {
        using var f = NewChain();
        CallOutcome done = f.Chain.Call(new CallRequest { To = Hasher, Gas = 30_000_000 }, 0);
        Assert.That(done.Success, Is.True, done.Error);
        Assert.That(done.GasUsed, Is.GreaterThan(18_000_000UL));
    }

    [Test]
    public void An_endless_call_stops_soon_after_cancellation()
    {
        using var f = NewChain();
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        long started = Stopwatch.GetTimestamp();
        Assert.Throws<OperationCanceledException>(() => f.Chain.Call(new CallRequest { To = Spinner }, 0, cancellation: cts.Token));
        Assert.That(Stopwatch.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(5)), "ran on after the signal");

        // The runner goes back to the pool in a clean state: the next call without a token works.
        Assert.That(f.Chain.Call(new CallRequest { To = TestAccounts.Address(1) }, 0).Success, Is.True);
    }

    [Test]
    public void An_already_cancelled_token_runs_nothing()
    {
        using var f = NewChain();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => f.Chain.Call(new CallRequest { To = TestAccounts.Address(1) }, 0, cancellation: cts.Token));
        Assert.Throws<OperationCanceledException>(() => f.Chain.EstimateGas(new CallRequest { To = TestAccounts.Address(1) }, 0, cancellation: cts.Token));
        Assert.Throws<OperationCanceledException>(() => f.Chain.CreateAccessList(new CallRequest { To = TestAccounts.Address(1) }, 0, cancellation: cts.Token));
    }

    [Test]
    public void The_estimate_search_stops_when_cancelled()
    {
        using var f = NewChain();
        var request = new CallRequest { To = Hasher, Gas = 30_000_000 };
        long started = Stopwatch.GetTimestamp();
        Assert.That(f.Chain.Call(request, 0).Success, Is.True);
        TimeSpan oneRun = Stopwatch.GetElapsedTime(started);

        // The search runs at the cap, then bisects down from there: a dozen or more runs, half of them complete.
        using var cts = new CancellationTokenSource(oneRun * 1.5);
        started = Stopwatch.GetTimestamp();
        Assert.Throws<OperationCanceledException>(() => f.Chain.EstimateGas(request, 0, cancellation: cts.Token));
        TimeSpan took = Stopwatch.GetElapsedTime(started);
        Assert.That(took, Is.LessThan(oneRun * 4), $"one run {oneRun.TotalMilliseconds:0} ms");
    }

    [Test]
    public void A_round_is_never_interrupted_and_a_traced_re_execution_is()
    {
        using var f = NewChain();
        RoundResult r = f.Round(TestAccounts.Tx(0, 0, Hasher, 0, gas: 25_000_000));
        Assert.That(r.Receipts[0].Success, Is.True);

        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => f.Chain.TraceTransaction(r.Receipts[0].TransactionHash, new CountingTracerStub(), cts.Token));
        Assert.That(f.Chain.TraceTransaction(r.Receipts[0].TransactionHash, new CountingTracerStub()), Is.True);
    }

    private sealed class CountingTracerStub : OasisEth.Evm.Tracing.ITxTracer
    {
        public void OnStep(int pc, OasisEth.Evm.Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) { }
        public void OnError(string error) { }
        public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) { }
    }
}
