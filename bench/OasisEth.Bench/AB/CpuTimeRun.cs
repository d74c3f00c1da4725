using System.Diagnostics;
using System.Globalization;
using OasisEth.Bench.Interpreter;

namespace OasisEth.Bench.AB;

/// <summary>
/// <c>--cpu-time FILTER [BATCHES]</c>: each evmone case whose name contains FILTER (or every case for "*") through the
/// same <see cref="EvmoneBenchmarks"/> setup and checks as BenchmarkDotNet, timed in thread CPU time. Prints one line
/// per case, "case min-ns median-ns", the per-operation figures over BATCHES batches of about 20 ms each after a
/// warm-up long enough for tiered compilation to settle. Two builds (before/after a change) run alternately by
/// <c>bench/ab/interleave.sh</c> give an A/B on a machine too loaded for wall-clock timings.
/// </summary>
internal static class CpuTimeRun
{
    public static int Run(string[] args)
    {
        string filter = args.Length > 0 ? args[0] : "*";
        int batches = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
        foreach (string name in EvmoneBenchmarks.Cases)
        {
            if (filter != "*" && !name.Contains(filter, StringComparison.Ordinal)) continue;
            var bench = new EvmoneBenchmarks { Case = name };
            bench.Setup();
            // Warm-up: enough calls and time for tier-1 code with dynamic PGO (30 calls, then the background
            // recompilation), measured in wall time as it is only about the JIT.
            var warm = Stopwatch.StartNew();
            int calls = 0;
            while (warm.ElapsedMilliseconds < 1000 || calls < 500) { bench.Execute(); calls++; }
            int perBatch = Math.Max(1, (int)(calls * 20L / Math.Max(1, warm.ElapsedMilliseconds)));
            var perOp = new double[batches];
            for (int b = 0; b < batches; b++)
            {
                long start = ThreadCpuClock.NowNanoseconds();
                for (int i = 0; i < perBatch; i++) bench.Execute();
                perOp[b] = (ThreadCpuClock.NowNanoseconds() - start) / (double)perBatch;
            }
            bench.Cleanup();
            Array.Sort(perOp);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {perOp[0]:F0} {perOp[batches / 2]:F0}"));
        }
        return 0;
    }
}
