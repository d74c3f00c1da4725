using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OasisEth.Bench.Precompiles;

/// <summary>Adds "Gas" (per call) and "Mgas/s" (gas / median time) columns to <see cref="PrecompileBenchmarks"/>.</summary>
public sealed class GasRateConfig : ManualConfig
{
    public GasRateConfig()
    {
        AddColumn(new GasColumn(rate: false), new GasColumn(rate: true));
    }

    private sealed class GasColumn(bool rate) : IColumn
    {
        public string Id => rate ? "PrecompileMgasPerSecond" : "PrecompileGas";
        public string ColumnName => rate ? "Mgas/s" : "Gas";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => rate ? 1 : 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => rate ? "Million gas per second at the median time" : "Gas charged for one call (Prague)";

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Parameters["Case"] is not string name) return "?";
            long gas = PrecompileBenchmarks.GasOf(name);
            if (!rate) return gas.ToString(System.Globalization.CultureInfo.InvariantCulture);
            double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
            if (medianNs is not > 0) return "?";
            double mgasPerSecond = gas / medianNs.Value * 1e9 / 1e6;
            return mgasPerSecond.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
