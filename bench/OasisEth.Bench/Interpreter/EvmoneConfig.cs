using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using OasisEth.Bench.Columns;

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
        AddColumn(
            new GasColumn("EvmoneGas", "Gas", "Gas charged for the transaction (intrinsic 21000 + calldata included)", 0, GasUsed, rate: false),
            new GasColumn("EvmoneExecGas", "ExecGas",
                "Gas burned by the code: Gas minus intrinsic gas (comparable with evmone's and peers.md's figures)", 1, ExecutionGas, rate: false),
            new GasColumn("EvmoneRate", "Mgas/s", "Million gas (the Gas column) per second at the median time", 2, GasUsed, rate: true));
        // Case names such as "swap_math/insufficient_liquidity" stay readable instead of "swap_(...)idity".
        WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(48));
    }

    // The values come from the case's checked reference run; a case whose setup failed shows "WRONG" (the setup
    // already reported why).
    // A transaction's gas is far below 2^63, so the cast to the column's long is exact.
    private static long? GasUsed(string name) => (long?)TryGet(name)?.GasUsed;

    private static long? ExecutionGas(string name) => TryGet(name)?.ExecutionGas;

    private static EvmoneCase? TryGet(string name)
    {
        try { return EvmoneCase.Get(name); }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }
}
