using BenchmarkDotNet.Configs;
using OasisEth.Bench.Columns;

namespace OasisEth.Bench.Precompiles;

/// <summary>Adds "Gas" (per call) and "Mgas/s" (gas / median time) columns to <see cref="PrecompileBenchmarks"/>.</summary>
public sealed class GasRateConfig : ManualConfig
{
    public GasRateConfig() => AddColumn(GasColumn.PerCall("Precompile", PrecompileBenchmarks.GasOf));
}
