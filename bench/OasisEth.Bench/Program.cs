using BenchmarkDotNet.Running;
using OasisEth.Bench.Interpreter;

if (args.Length > 0 && args[0] == "compiled-tier")
{
    CompiledTierFigures.Run(args.Length > 1 ? args[1] : null);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
