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
    private static readonly Fork[] Forks =
        [
            Fork.Frontier, Fork.Homestead, Fork.Byzantium, Fork.Istanbul, Fork.Berlin, Fork.London, Fork.Shanghai,
            Fork.Cancun, Fork.Cancun, Fork.Cancun, Fork.Prague, Fork.Prague, Fork.Prague,
        ];

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

    /// <summary>One program by its seed, for reproducing a failure.</summary>
    [TestCase(1)]
    public void Replay(int seed)
    {
        var (interpreted, compiled) = RunBoth(seed, create: seed >= 1_000_000);
        Assert.That(TierRunner.Describe(compiled), Is.EqualTo(TierRunner.Describe(interpreted)), $"seed {seed}");
    }

    private static (TierRunner.Outcome Interpreted, TierRunner.Outcome Compiled) RunBoth(int seed, bool create)
    {
        var random = new Random(seed);
        Fork fork = Forks[random.Next(Forks.Length)];
        byte[] main = RandomProgram.Generate(seed, random.Next(4, 60));
        byte[] second = RandomProgram.Generate(seed ^ 0x5a5a5a, random.Next(2, 20));
        byte[] third = new Bytecode().Push(7).Push(0).Op(Opcode.SSTORE).Push(32).Push(0).Op(Opcode.RETURN).Build();
        var data = new byte[random.Next(0, 70)];
        random.NextBytes(data);
        ulong gas = 21_000 + (ulong)(random.Next(4) == 0 ? random.Next(3_000) : random.Next(400_000));
        if (create) gas += 32_000 + 16UL * (ulong)main.Length;
        ulong value = random.Next(3) == 0 ? (ulong)random.Next(1000) : 0;
        void Deploy(EvmTestHost host)
        {
            host.Deploy(EvmTestHost.Contract, main, new UInt256(5000), (1, 1), (2, 0x1234));
            host.Deploy(EvmTestHost.A, second, new UInt256(10), (3, 3));
            host.Deploy(EvmTestHost.B, third);
        }
        Address? to = create ? null : EvmTestHost.Contract;
        byte[] input = create ? main : data;
        var interpreted = TierRunner.Run(EvmTier.Interpreter, fork, Deploy, to, input, gas, value);
        var compiled = TierRunner.Run(EvmTier.Compiled, fork, Deploy, to, input, gas, value);
        return (interpreted, compiled);
    }
}
