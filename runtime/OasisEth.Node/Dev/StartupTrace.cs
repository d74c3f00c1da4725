using System.Diagnostics;
using System.Globalization;

namespace OasisEth.Node.Dev;

/// <summary>
/// With <c>OASISETH_STARTUP_TRACE=1</c>, writes one stderr line per start-up stage with the milliseconds since the
/// process started, so a slow start can be split into its parts without a profiler. Diagnostics only: the clock it
/// reads never reaches a block or a result.
/// </summary>
internal static class StartupTrace
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("OASISETH_STARTUP_TRACE") == "1";

    public static void Mark(string stage)
    {
        if (!Enabled) return;
        // The kernel's process start time, not Main's: runtime start-up (host, assembly loading) is part of the cost.
        TimeSpan since = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"startup: {since.TotalMilliseconds,7:F1} ms  {stage}"));
    }
}
