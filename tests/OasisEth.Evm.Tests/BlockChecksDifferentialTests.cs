using OasisEth.Evm.Tracing;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Evm.Tests;

/// <summary>
/// The untraced interpreter checks stack and static gas once per block; the traced one checks every instruction. Random
/// valid and invalid programs (short gas, undefined opcodes, underflows, bad jumps, calls, creations) run both ways on
/// the same start state must give the same status, gas used, error, output, logs and state root. The seed is in every
/// failure message.
/// </summary>
public class BlockChecksDifferentialTests
{
    private const int Programs = 3000;

    [Test]
    public void Random_calls_give_the_same_result_checked_per_block_and_per_instruction()
    {
        var errors = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int seed = 1; seed <= Programs; seed++)
        {
            var (perBlock, perInstruction) = RunBoth(seed, create: false);
            Assert.That(perBlock, Is.EqualTo(perInstruction), $"seed {seed} (call)");
            string error = perBlock[(perBlock.IndexOf(" error=", StringComparison.Ordinal) + 7)..perBlock.IndexOf(" out=", StringComparison.Ordinal)];
            errors[error.Length == 0 ? "success" : error] = errors.GetValueOrDefault(error.Length == 0 ? "success" : error) + 1;
        }
        foreach (var (error, count) in errors) TestContext.Out.WriteLine($"  {error}: {count}");
        // The per-instruction fallback is what a failing block check runs: these outcomes prove it ran.
        Assert.That(errors.Keys, Is.SupersetOf(new[] { "success", "out of gas", "stack underflow", "invalid opcode" }));
    }

    [Test]
    public void Random_creations_give_the_same_result_checked_per_block_and_per_instruction()
    {
        for (int seed = 1; seed <= Programs / 3; seed++)
        {
            var (perBlock, perInstruction) = RunBoth(2_000_000 + seed, create: true);
            Assert.That(perBlock, Is.EqualTo(perInstruction), $"seed {2_000_000 + seed} (create)");
        }
    }

    private static (string PerBlock, string PerInstruction) RunBoth(int seed, bool create)
    {
        var tx = new RandomTransaction(seed, create);
        return (Run(tx, tracer: null), Run(tx, new StepCounter()));
    }

    private static string Run(RandomTransaction random, ITxTracer? tracer)
    {
        var host = new EvmTestHost { Fork = random.Fork };
        random.Deploy(host);
        TransactionResult result = host.Run(tracer, random.To, random.Input, random.Gas, random.Value);
        return OutcomeText.Describe(result, host.State.ComputeStateRoot());
    }

    /// <summary>Any tracer makes the interpreter check every instruction.</summary>
    private sealed class StepCounter : ITxTracer
    {
        public long Steps;
        public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund) => Steps++;
        public void OnError(string error) { }
        public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error) { }
    }
}
