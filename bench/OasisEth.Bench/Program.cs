using BenchmarkDotNet.Running;
using OasisEth.Bench.AB;

if (args.Length > 0 && args[0] == "--cpu-time") return CpuTimeRun.Run(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
