using System.Text;
using OasisEth.Bench.Interpreter;
using OasisEth.Evm.Compiler;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Tests.Shared;
using OasisEth.Transactions;

namespace OasisEth.Bench.Codegen;

/// <summary>
/// <c>OasisEth.Bench codegen-check [--out FILE] [--repeats N] [--programs N] [--rounds N] [--poison]</c>: the same
/// work in one process, to be run under several runtime modes (ReadyToRun code kept, JIT only, tier-0 only, no
/// AVX-512, ...; <c>bench/codegen/run.sh</c>) whose outputs are then compared. Written for a compiled-tier eth_call
/// that answered differently on a repeat (issue 17): a computation that depends on which code the JIT (or crossgen)
/// made, on memory read before it is written, or on state left by an earlier call shows as a mismatch here (within
/// one mode: between repeats, between the tiers, against evmone's output or BigInteger) or as a line that differs
/// between the modes' files.
/// </summary>
/// <remarks>
/// Three parts: UInt256's operations against BigInteger (<see cref="PrimitiveOracle"/>); every evmone case on both tiers,
/// each call repeated on one processor and one compiled-code cache (as the node runs repeated eth_calls), each on a
/// fresh pre-state whose post-state root is compared too; the compiler tests' random programs (calls, creations, large
/// programs) on both tiers, the compiled one repeated. <c>--poison</c> fills every UInt256 local of the emitted methods
/// with a pattern on entry instead of zero: a local read before it is written changes a result.
/// </remarks>
public static class CodegenCheck
{
    public static int Run(string[] args)
    {
        string? outFile = null;
        int repeats = 50, programs = 1500, rounds = 200_000;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out": outFile = args[++i]; break;
                case "--repeats": repeats = int.Parse(args[++i]); break;
                case "--programs": programs = int.Parse(args[++i]); break;
                case "--rounds": rounds = int.Parse(args[++i]); break;
                case "--poison": Evm.Compiler.Emit.ContractEmitter.PoisonLocals = true; break;
                default: Console.Error.WriteLine($"unknown argument {args[i]}"); return 2;
            }
        }
        var log = new StringBuilder();
        var lines = new StringBuilder();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        int primitiveMismatches = PrimitiveOracle.Run(rounds, log, out string digest);
        lines.AppendLine($"primitives {rounds} rounds digest {digest}");
        // Methods JIT-compiled so far: few where the runtime took the ReadyToRun code of the assemblies involved.
        Console.WriteLine($"primitives: {rounds} rounds x 18 checks, {primitiveMismatches} mismatches ({clock.Elapsed.TotalSeconds:F0} s, {System.Runtime.JitInfo.GetCompiledMethodCount()} methods JIT-compiled)");

        var (cases, calls, caseMismatches) = EvmoneCases(repeats, lines, log);
        Console.WriteLine($"evmone: {cases} cases x 2 tiers x {repeats} calls (2-{Math.Min(repeats, 3)} for the heaviest), {calls} calls, {caseMismatches} mismatches ({clock.Elapsed.TotalSeconds:F0} s)");

        var (runs, programMismatches, compiledRuns, interpretedRuns) = RandomPrograms(programs, lines, log);
        Console.WriteLine($"programs: {programs} calls + {programs / 3} creations + {programs / 15} large, compiled {Repeats + 1} times each: {runs} runs ({compiledRuns} frames compiled, {interpretedRuns} handed over), {programMismatches} mismatches ({clock.Elapsed.TotalSeconds:F0} s)");

        Console.Write(log);
        // What the runtime mode gave (not in --out: it differs between modes by design).
        Console.WriteLine($"runtime: AVX-512F {System.Runtime.Intrinsics.X86.Avx512F.IsSupported}, BMI2 {System.Runtime.Intrinsics.X86.Bmi2.X64.IsSupported}, " +
            $"X86Base.X64 {System.Runtime.Intrinsics.X86.X86Base.X64.IsSupported}, methods JIT-compiled {System.Runtime.JitInfo.GetCompiledMethodCount()}, " +
            $"JIT time {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:F1} s, " +
            $"GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (server {System.Runtime.GCSettings.IsServerGC}), poisoned locals {Evm.Compiler.Emit.ContractEmitter.PoisonLocals}");
        if (outFile is not null) File.WriteAllText(outFile, lines.ToString());
        int total = primitiveMismatches + caseMismatches + programMismatches;
        Console.WriteLine($"{total} mismatches");
        return total == 0 ? 0 : 1;
    }

    private static (int Cases, long Calls, int Mismatches) EvmoneCases(int repeats, StringBuilder lines, StringBuilder log)
    {
        var cache = new CompiledCodeCache();
        int mismatches = 0, cases = 0;
        long calls = 0;
        foreach (string name in EvmoneCase.Names)
        {
            EvmoneCase c = EvmoneCase.Get(name);
            cases++;
            string reference = $"success=True gas={c.GasUsed} out={Convert.ToHexString(c.Output)}";
            foreach (EvmTier tier in new[] { EvmTier.Interpreter, EvmTier.Compiled })
            {
                var processor = tier == EvmTier.Interpreter ? new TransactionProcessor(c.Fork)
                    : new TransactionProcessor(c.Fork, null, new CompiledExecutionEngine(tier, cache));
                int runs = c.ExecutionGas > 10_000_000 ? Math.Min(repeats, 3) : repeats;
                string? first = null;
                for (int i = 0; i < runs; i++)
                {
                    InMemoryWorldState state = c.CreatePreState();
                    TransactionResult r = processor.Execute(state, c.Block, c.Transaction);
                    calls++;
                    string got = $"success={r.Success} gas={r.GasUsed} out={Convert.ToHexString(r.Output)}";
                    string full = OutcomeText.Describe(r, state.ComputeStateRoot());
                    first ??= full;
                    if (got == reference && full == first) continue;
                    if (++mismatches <= 20) log.AppendLine($"evmone {name} {tier} call {i}: {full}\n  reference {reference}\n  first     {first}");
                }
                lines.AppendLine($"evmone {name} {tier} {first}");
            }
        }
        return (cases, calls, mismatches);
    }

    /// <summary>Calls of a compiled program after its first (the code compiled once, in the cache).</summary>
    private const int Repeats = 5;

    private static (long Runs, int Mismatches, long CompiledRuns, long InterpretedRuns) RandomPrograms(int programs, StringBuilder lines, StringBuilder log)
    {
        int mismatches = 0;
        long runs = 0, compiledRuns = 0, interpretedRuns = 0;
        var seeds = new List<(int Seed, bool Create, int? Pieces)>();
        for (int s = 1; s <= programs; s++) seeds.Add((s, false, null));
        for (int s = 1; s <= programs / 3; s++) seeds.Add((1_000_000 + s, true, null));
        for (int s = 1; s <= programs / 15; s++) seeds.Add((3_000_000 + s, false, 300 + s % 400));
        foreach (var (seed, create, pieces) in seeds)
        {
            var tx = new RandomTransaction(seed, create, pieces);
            string reference = RunOnce(tx, null);
            var engine = new CompiledExecutionEngine(EvmTier.Compiled, new CompiledCodeCache());
            runs++;
            for (int i = 0; i <= Repeats; i++)
            {
                string got = RunOnce(tx, engine);
                runs++;
                if (got == reference) continue;
                if (++mismatches <= 20) log.AppendLine($"program {seed} compiled call {i}: {got}\n  interpreter {reference}");
            }
            compiledRuns += engine.CompiledRuns;
            interpretedRuns += engine.InterpretedRuns;
            lines.AppendLine($"program {seed} {reference}");
        }
        return (runs, mismatches, compiledRuns, interpretedRuns);
    }

    /// <summary>One transaction on a fresh test state (as the compiler tests' TierRunner), described as text.</summary>
    private static string RunOnce(RandomTransaction t, CompiledExecutionEngine? engine)
    {
        var host = new EvmTestHost { Fork = t.Fork };
        t.Deploy(host);
        var tx = new Transaction
        {
            Type = TxType.Legacy,
            Nonce = host.State.GetNonce(EvmTestHost.Sender),
            GasPrice = UInt256.Zero,
            GasLimit = t.Gas,
            To = t.To,
            Value = new UInt256(t.Value),
            Data = t.Input,
            Sender = EvmTestHost.Sender,
        };
        var processor = engine is null ? new TransactionProcessor(t.Fork) : new TransactionProcessor(t.Fork, null, engine);
        TransactionResult result = processor.Execute(host.State, host.Block(t.Gas), tx);
        return OutcomeText.Describe(result, host.State.ComputeStateRoot());
    }
}
