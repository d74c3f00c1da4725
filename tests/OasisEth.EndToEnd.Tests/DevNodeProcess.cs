using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// `oasis-eth dev` as a user runs it: its own process (`dotnet oasis-eth.dll dev --http.port 0 --datadir DIR`),
/// ready once it prints "Listening on http://...". Stopped with SIGTERM (clean) or SIGKILL (crash).
/// </summary>
internal sealed partial class DevNodeProcess : IDisposable
{
    // Generous: CI runs every test project at once on two cores, and a cold start JIT-compiles the node.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(300);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DevNodeProcess(Process process)
    {
        _process = process;
    }

    public string Url { get; private set; } = "";

    public int Pid => _process.Id;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    [GeneratedRegex(@"^Listening on (http://\S+)$")]
    private static partial Regex ListeningLine();

    /// <summary>Starts the node and waits for its URL; throws with the node's output when it exits or hangs first.</summary>
    public static DevNodeProcess Start(string dataDir, params string[] extraArgs)
    {
        long started = Stopwatch.GetTimestamp();
        DevNodeProcess node = Launch(dataDir, extraArgs);
        Task<string> ready = node._listening.Task;
        Task exited = node._process.WaitForExitAsync();
        Task first = Task.WhenAny(ready, exited, Task.Delay(StartTimeout)).GetAwaiter().GetResult();
        if (first != ready)
        {
            string why = first == exited ? $"exited with {node._process.ExitCode}" : $"printed no URL within {StartTimeout.TotalSeconds} s";
            node.Dispose();
            throw new InvalidOperationException($"oasis-eth dev {why}; output:\n{node.Output}");
        }
        node.Url = ready.Result;
        TestContext.Out.WriteLine($"oasis-eth dev listening on {node.Url} after {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
        return node;
    }

    /// <summary>Runs the node expecting it to fail at start; returns its exit code and output.</summary>
    public static ProcessResult RunToExit(string dataDir, TimeSpan timeout, params string[] extraArgs)
    {
        using DevNodeProcess node = Launch(dataDir, extraArgs);
        bool exited = node._process.WaitForExit(timeout);
        if (!exited) node.Kill();
        node._process.WaitForExit();
        return new ProcessResult(exited ? node._process.ExitCode : -1, node.Output, !exited);
    }

    private static DevNodeProcess Launch(string dataDir, string[] extraArgs)
    {
        var psi = new ProcessStartInfo(E2eEnvironment.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(E2eEnvironment.NodeDll);
        psi.ArgumentList.Add("dev");
        if (!extraArgs.Contains("--http.port"))
        {
            psi.ArgumentList.Add("--http.port");
            psi.ArgumentList.Add("0");
        }
        psi.ArgumentList.Add("--datadir");
        psi.ArgumentList.Add(dataDir);
        foreach (string a in extraArgs) psi.ArgumentList.Add(a);

        var process = new Process { StartInfo = psi };
        var node = new DevNodeProcess(process);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
        Match m = ListeningLine().Match(line);
        if (m.Success) _listening.TrySetResult(m.Groups[1].Value);
    }

    /// <summary>SIGKILL: no chance to finish anything (a crash, power loss as far as the process knows).</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, then waits for the exit; returns the exit code (-1 when it had to be killed).</summary>
    public int Terminate(TimeSpan timeout)
    {
        if (_process.HasExited) return _process.ExitCode;
        if (SysKill(_process.Id, SigTerm) != 0)
            throw new InvalidOperationException($"kill(SIGTERM) failed: errno {Marshal.GetLastPInvokeError()}");
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            return -1;
        }
        _process.WaitForExit();
        return _process.ExitCode;
    }

    private const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
        _process.Dispose();
    }
}
