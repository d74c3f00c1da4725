using System.Diagnostics;

namespace OasisEth.Executor.Tests.Determinism;

/// <summary>Starts the chain child (OasisEth.Executor.Child) on a data directory, a genesis file and a workload
/// file, with its output redirected; the determinism and crash-resume tests read or kill it.</summary>
internal static class ChildProcess
{
    public static Process Start(string dataDir, string genesisFile, string workloadFile)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OasisEth.Executor.Child.dll"));
        start.ArgumentList.Add(dataDir);
        start.ArgumentList.Add(genesisFile);
        start.ArgumentList.Add(workloadFile);
        return Process.Start(start)!;
    }
}
