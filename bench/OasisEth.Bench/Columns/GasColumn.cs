using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace OasisEth.Bench.Columns;

/// <summary>
/// A summary column fed by the benchmark's <c>Case</c> parameter: either a gas figure for the case, or that gas
/// divided by the case's median time (Mgas/s). The gas comes from a lookup recomputed in the host process, which never
/// runs the benchmark setup; a lookup that returns null marks a case whose setup failed ("WRONG").
/// </summary>
public sealed class GasColumn(string id, string columnName, string legend, int priority, Func<string, long?> gasOf, bool rate)
    : IColumn
{
    /// <summary>The pair the precompile benchmarks show: "Gas" per call (Prague) and "Mgas/s" at the median time.</summary>
    public static IColumn[] PerCall(string idPrefix, Func<string, long> gasOf) =>
    [
        new GasColumn(idPrefix + "Gas", "Gas", "Gas charged for one call (Prague)", 0, name => gasOf(name), rate: false),
        new GasColumn(idPrefix + "MgasPerSecond", "Mgas/s", "Million gas per second at the median time", 1, name => gasOf(name), rate: true),
    ];

    public string Id => id;
    public string ColumnName => columnName;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => priority;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => legend;

    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (benchmarkCase.Parameters["Case"] is not string name) return "?";
        if (gasOf(name) is not long gas) return "WRONG";
        if (!rate) return gas.ToString(CultureInfo.InvariantCulture);
        double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
        if (medianNs is not > 0) return "?";
        // gas / ns * 1e9 = gas/s; / 1e6 = Mgas/s.
        return (gas / medianNs.Value * 1e3).ToString("F1", CultureInfo.InvariantCulture);
    }
}
