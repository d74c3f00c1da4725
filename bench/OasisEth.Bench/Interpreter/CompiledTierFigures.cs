using OasisEth.Bench.AB;
using OasisEth.Evm.CodeAnalysis;
using OasisEth.Evm.Compiler;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Bench.Interpreter;

/// <summary>
/// <c>OasisEth.Bench compiled-tier [filter]</c>: the evmone cases on the interpreter and on the compiled tier (code
/// compiled before the timed runs), by the calling thread's CPU time, so other load on the machine counts less than
/// in wall time; each figure is the fastest of several batches, after a warm-up (see <see cref="TimeBoth"/>). Also the compile time per KiB of code (emitting the
/// IL, and the first run, which JITs it) and the memory per compiled contract. A quick comparison, not a
/// BenchmarkDotNet run.
/// </summary>
public static class CompiledTierFigures
{
    private const int Batches = 9;
    private const long MinBatchNs = 3_000_000;

    public static void Run(string? filter)
    {
        Console.WriteLine("case | code B | exec gas | interpreter us | compiled us | compiled/interp | emit ms/KiB | first run ms | IL B | segments | chunks | largest chunk IL B | kept B | alloc B");
        double logSum = 0;
        int count = 0;
        foreach (string name in EvmoneCase.Names)
        {
            if (filter is not null && !name.Contains(filter, StringComparison.Ordinal)) continue;
            EvmoneCase c = EvmoneCase.Get(name);
            var state = new RestoringWorldState(c.CreatePreState());
            byte[] code = state.Inner.GetCode(c.Transaction.To!.Value);

            // Compile a fresh copy of the code alone: IL emission, and the managed memory it allocates.
            var probe = new CompiledCodeCache();
            var codeInfo = new CodeInfo(code);
            long allocBefore = GC.GetAllocatedBytesForCurrentThread();
            long t0 = ThreadCpuClock.NowNanoseconds();
            CompiledContract compiled = probe.GetOrCompile(codeInfo, ForkSpec.Of(c.Fork));
            long emitNs = ThreadCpuClock.NowNanoseconds() - t0;
            long alloc = GC.GetAllocatedBytesForCurrentThread() - allocBefore;

            var interpreter = new TransactionProcessor(c.Fork);
            var engine = new CompiledExecutionEngine(EvmTier.Compiled, new CompiledCodeCache());
            var compiledProcessor = new TransactionProcessor(c.Fork, null, engine);
            long f0 = ThreadCpuClock.NowNanoseconds();
            Check(c, compiledProcessor.Execute(state, c.Block, c.Transaction), "compiled");
            long firstRunNs = ThreadCpuClock.NowNanoseconds() - f0;
            // Repeats give the same result (a run must leave nothing behind that changes the next).
            for (int r = 0; r < 20; r++) Check(c, compiledProcessor.Execute(state, c.Block, c.Transaction), $"compiled, repeat {r + 1}");
            Check(c, interpreter.Execute(state, c.Block, c.Transaction), "interpreter");

            var (interpNs, compiledNs) = TimeBoth(() => interpreter.Execute(state, c.Block, c.Transaction),
                () => compiledProcessor.Execute(state, c.Block, c.Transaction));
            double ratio = compiledNs / interpNs;
            logSum += Math.Log(ratio);
            count++;
            double kib = Math.Max(code.Length, 1) / 1024.0;
            Console.WriteLine($"{name} | {code.Length} | {c.ExecutionGas} | {interpNs / 1000:F1} | {compiledNs / 1000:F1} | {ratio:F2} | " +
                $"{emitNs / 1e6 / kib:F2} | {firstRunNs / 1e6:F2} | {compiled.IlBytes} | {compiled.Segments} | {compiled.ChunkCount} | {compiled.LargestChunkIlBytes} | {compiled.EstimatedBytes} | {alloc}");
        }
        if (count > 0) Console.WriteLine($"geomean compiled/interpreter over {count} cases: {Math.Exp(logSum / count):F3}");
    }

    private static void Check(EvmoneCase c, TransactionResult result, string tier)
    {
        if (!result.Success || result.GasUsed != c.GasUsed || !result.Output.AsSpan().SequenceEqual(c.Output))
            throw new InvalidOperationException($"{c.Name} on the {tier} tier: success {result.Success}, gas {result.GasUsed} (reference {c.GasUsed})");
    }

    /// <summary>
    /// Nanoseconds of thread CPU per run of each: first both warm up for a while and the runtime gets time to recompile
    /// their hot methods at its optimising tier (the interpreter's loop and the helpers the compiled code calls start at
    /// tier 0, and a short run would time that), then batches of enough runs alternate between the two, so load that
    /// comes and goes on the machine falls on both; each figure is its fastest batch.
    /// </summary>
    private static (double First, double Second) TimeBoth(Func<TransactionResult> first, Func<TransactionResult> second)
    {
        for (int round = 0; round < 2; round++)
        {
            RunFor(first, WarmUpNs);
            RunFor(second, WarmUpNs);
            Thread.Sleep(250); // the tier-1 recompilation runs in the background once calls stop coming at tier 0
        }
        int n1 = BatchSize(first), n2 = BatchSize(second);
        double best1 = double.MaxValue, best2 = double.MaxValue;
        for (int b = 0; b < Batches; b++)
        {
            best1 = Math.Min(best1, Batch(first, n1));
            best2 = Math.Min(best2, Batch(second, n2));
        }
        return (best1, best2);
    }

    private const long WarmUpNs = 150_000_000;

    private static void RunFor(Func<TransactionResult> run, long ns)
    {
        long t = ThreadCpuClock.NowNanoseconds();
        do run();
        while (ThreadCpuClock.NowNanoseconds() - t < ns);
    }

    private static int BatchSize(Func<TransactionResult> run)
    {
        int n = 1;
        while (true)
        {
            long t = ThreadCpuClock.NowNanoseconds();
            for (int i = 0; i < n; i++) run();
            if (ThreadCpuClock.NowNanoseconds() - t >= MinBatchNs) return n;
            n *= 2;
        }
    }

    private static double Batch(Func<TransactionResult> run, int n)
    {
        long t = ThreadCpuClock.NowNanoseconds();
        for (int i = 0; i < n; i++) run();
        return (double)(ThreadCpuClock.NowNanoseconds() - t) / n;
    }
}
