using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OasisEth.Bench.Interpreter;

/// <summary>
/// Adds the gas columns to <see cref="EvmoneBenchmarks"/>: "Gas" (charged for the transaction), "ExecGas" (Gas minus
/// intrinsic gas, the figure evmone and peers.md report) and "Mgas/s" (Gas / median time). The values come from
/// the case's checked reference run, recomputed in the host process, which never runs the benchmark setup.
/// </summary>
public sealed class EvmoneConfig : ManualConfig
{
    public EvmoneConfig()
    {
        // Median next to the default Mean: the rate column divides by it, and it shrugs off the noisy neighbours.
        AddColumn(StatisticColumn.Median);
        AddColumn(new GasColumn(Kind.Gas), new GasColumn(Kind.ExecGas), new GasColumn(Kind.Rate));
        // Case names such as "swap_math/insufficient_liquidity" stay readable instead of "swap_(...)idity".
        WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(48));
    }

    private enum Kind { Gas, ExecGas, Rate }

    private sealed class GasColumn(Kind kind) : IColumn
    {
        public string Id => "Evmone" + kind;
        public string ColumnName => kind switch { Kind.Gas => "Gas", Kind.ExecGas => "ExecGas", _ => "Mgas/s" };
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => (int)kind;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => kind switch
        {
            Kind.Gas => "Gas charged for the transaction (intrinsic 21000 + calldata included)",
            Kind.ExecGas => "Gas burned by the code: Gas minus intrinsic gas (comparable with evmone's and peers.md's figures)",
            _ => "Million gas (the Gas column) per second at the median time",
        };

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Parameters["Case"] is not string name) return "?";
            EvmoneCase c;
            try { c = EvmoneCase.Get(name); }
            catch (Exception e) when (e is not OutOfMemoryException) { return "WRONG"; } // the setup already reported why
            switch (kind)
            {
                case Kind.Gas: return c.GasUsed.ToString(CultureInfo.InvariantCulture);
                case Kind.ExecGas: return c.ExecutionGas.ToString(CultureInfo.InvariantCulture);
            }
            double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
            if (medianNs is not > 0) return "?";
            // gas / ns * 1e9 = gas/s; / 1e6 = Mgas/s.
            return (c.GasUsed / medianNs.Value * 1e3).ToString("F1", CultureInfo.InvariantCulture);
        }
    }
}
