using BenchmarkDotNet.Running;
using OasisEth.Bench.AB;
using OasisEth.Bench.Interpreter;

if (args.Length > 0 && args[0] == "--cpu-time") return CpuTimeRun.Run(args[1..]);
if (args.Length > 0 && args[0] == "codegen-check") return OasisEth.Bench.Codegen.CodegenCheck.Run(args[1..]);
if (args.Length > 0 && args[0] == "compiled-stress") return CompiledTierStress.Run();
if (args.Length > 0 && args[0] == "compiled-tier")
{
    CompiledTierFigures.Run(args.Length > 1 ? args[1] : null);
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
