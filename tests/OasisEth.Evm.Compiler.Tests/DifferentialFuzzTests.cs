using OasisEth.Primitives;
using OasisEth.Tests.Shared;

namespace OasisEth.Evm.Compiler.Tests;

/// <summary>
/// Random valid and invalid programs run by the interpreter and by the compiled tier on the same start state must
/// give the same status, gas used, error, output, logs, created address and state root (storage, balances, nonces,
/// code). The seed is in every failure message: <c>DifferentialFuzzTests.Replay(seed)</c> reruns one program.
/// </summary>
public class DifferentialFuzzTests
{
    private const int ProgramsPerRun = 3000;

    [Test]
    public void Random_calls_give_the_same_result_in_both_tiers()
    {
        long compiledRuns = 0, interpretedRuns = 0;
        var outcomes = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (int seed = 1; seed <= ProgramsPerRun; seed++)
        {
            var (interpreted, compiled) = RunBoth(seed, create: false);
            Assert.That(TierRunner.Describe(compiled), Is.EqualTo(TierRunner.Describe(interpreted)), $"seed {seed} (call)");
            string outcome = compiled.Result.Error ?? "success";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            compiledRuns += compiled.Engine!.CompiledRuns;
            interpretedRuns += compiled.Engine.InterpretedRuns;
        }
        TestContext.Out.WriteLine($"{ProgramsPerRun} programs: {compiledRuns} compiled runs, {interpretedRuns} handed to the interpreter");
        foreach (var (outcome, count) in outcomes) TestContext.Out.WriteLine($"  {outcome}: {count}");
        // The comparison means something only if the compiled code did most of the running.
        Assert.That(compiledRuns, Is.GreaterThan(interpretedRuns * 2));
    }

    [Test]
    public void Random_creations_give_the_same_result_in_both_tiers()
    {
        for (int seed = 1; seed <= ProgramsPerRun / 3; seed++)
        {
            var (interpreted, compiled) = RunBoth(1_000_000 + seed, create: true);
            Assert.That(TierRunner.Describe(compiled), Is.EqualTo(TierRunner.Describe(interpreted)), $"seed {1_000_000 + seed} (create)");
        }
    }

    [Test]
    public void Random_calls_give_the_same_result_with_tiny_chunks()
    {
        // Every segment or two in a method of its own: every jump and every run-on crosses chunks.
        long compiledRuns = 0;
        for (int seed = 1; seed <= ProgramsPerRun / 3; seed++)
        {
            var cache = new CompiledCodeCache(chunkBounds: new ChunkBounds(1, 1));
            var (interpreted, compiled) = RunBoth(2_000_000 + seed, create: false, cache);
            Assert.That(TierRunner.Describe(compiled), Is.EqualTo(TierRunner.Describe(interpreted)), $"seed {2_000_000 + seed} (tiny chunks)");
            compiledRuns += compiled.Engine!.CompiledRuns;
        }
        Assert.That(compiledRuns, Is.GreaterThan(ProgramsPerRun / 3));
    }

    /// <summary>One program by its seed, for reproducing a failure (seeds from 2,000,000: with tiny chunks).</summary>
    [TestCase(1)]
    public void Replay(int seed)
    {
        var cache = seed >= 2_000_000 ? new CompiledCodeCache(chunkBounds: new ChunkBounds(1, 1)) : null;
        var (interpreted, compiled) = RunBoth(seed, create: seed is >= 1_000_000 and < 2_000_000, cache);
        Assert.That(TierRunner.Describe(compiled), Is.EqualTo(TierRunner.Describe(interpreted)), $"seed {seed}");
    }

    private static (TierRunner.Outcome Interpreted, TierRunner.Outcome Compiled) RunBoth(int seed, bool create, CompiledCodeCache? cache = null)
    {
        var tx = new RandomTransaction(seed, create);
        var interpreted = TierRunner.Run(EvmTier.Interpreter, tx.Fork, tx.Deploy, tx.To, tx.Input, tx.Gas, tx.Value);
        var compiled = TierRunner.Run(EvmTier.Compiled, tx.Fork, tx.Deploy, tx.To, tx.Input, tx.Gas, tx.Value, cache: cache);
        return (interpreted, compiled);
    }
}
