using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Queries;

public sealed class TraceTests
{
    private sealed class CountingTracer : ITxTracer
    {
        public int Steps;
        public long GasUsed = -1;
        public string? Error;
        public List<Opcode> Opcodes { get; } = [];

        public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund)
        {
            Steps++;
            Opcodes.Add(opcode);
        }

        public void OnError(string error) => Error = error;

        public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) => GasUsed = gasUsed;
    }

    [Test]
    public void TraceReexecutesOnTheParentStateAfterTheEarlierTransactions()
    {
        using var f = new ChainFixture();
        Address token = BenchToken.CreatedBy(TestAccounts.Address(0), 0);
        f.Round(TestAccounts.Tx(0, 0, null, 0, BenchToken.CreationCode(), gas: 2_000_000));
        // The second transfer succeeds only because the mint before it in the same block ran first.
        RoundResult r = f.Round(
            TestAccounts.Tx(0, 1, token, 0, BenchToken.Mint(TestAccounts.Address(1), 50), gas: 200_000),
            TestAccounts.Tx(1, 0, token, 0, BenchToken.Transfer(TestAccounts.Address(2), 50), gas: 200_000));
        Assert.That(r.Receipts[1].Success, Is.True);

        var tracer = new CountingTracer();
        Assert.That(f.Chain.TraceTransaction(r.Receipts[1].TransactionHash, tracer), Is.True);
        Assert.That(tracer.GasUsed, Is.EqualTo((long)r.Receipts[1].GasUsed));
        Assert.That(tracer.Steps, Is.GreaterThan(50));
        Assert.That(tracer.Opcodes, Does.Contain(Opcode.LOG3)); // the Transfer event
        Assert.That(tracer.Opcodes, Does.Not.Contain(Opcode.REVERT));

        // Nothing was committed by the trace.
        Assert.That(f.Chain.OpenState(2).GetNonce(TestAccounts.Address(1)), Is.EqualTo(1UL));
        Assert.That(f.Chain.Head.Number, Is.EqualTo(2UL));
        Assert.That(f.Chain.TraceTransaction(Keccak.Compute([1]), tracer), Is.False);
    }

    [Test]
    public void TraceOfPrunedStateIsFalse()
    {
        using var f = new ChainFixture(options: new ChainOptions { SyncCommits = false, KeptRounds = 2 });
        RoundResult r = f.Round(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1));
        for (int i = 0; i < 4; i++) f.Round();
        Assert.That(f.Chain.TraceTransaction(r.Receipts[0].TransactionHash, new CountingTracer()), Is.False);
    }
}
