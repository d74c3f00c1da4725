using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace OasisEth.ParaTime.Tests.TestHost;

/// <summary>
/// The real <c>oasis-eth</c> executable started as oasis-node starts a runtime (rhp-spec §1.1): a UNIX socket the
/// host listens on, a child whose environment is only <c>OASIS_WORKER_HOST</c> (nothing inherited), cwd <c>/</c>,
/// and the connection it makes accepted within 5 s.
/// </summary>
internal sealed class RuntimeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;

    private RuntimeProcess(Process process, string directory)
    {
        _process = process;
        _directory = directory;
    }

    public Socket Connection { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The apphost copied beside the tests by the project reference.</summary>
    public static string Executable => Path.Combine(AppContext.BaseDirectory, "oasis-eth");

    /// <summary>
    /// Set (with <see cref="SandboxElfVariable"/>) to run every runtime of these tests the way oasis-node's sandboxed
    /// provisioner does: this script (bench/sandbox/run-in-bwrap.sh) starts the given ELF under bwrap with the node's
    /// mounts and seccomp policy. Unset: the apphost runs directly.
    /// </summary>
    public const string SandboxWrapperVariable = "OASISETH_SANDBOX_WRAPPER";

    /// <summary>The ELF (e.g. the NativeAOT binary out of a bundle) the sandbox wrapper runs.</summary>
    public const string SandboxElfVariable = "OASISETH_SANDBOX_ELF";

    private static (string Wrapper, string Elf)? Sandbox =>
        Environment.GetEnvironmentVariable(SandboxWrapperVariable) is { Length: > 0 } wrapper
        && Environment.GetEnvironmentVariable(SandboxElfVariable) is { Length: > 0 } elf
            ? (wrapper, elf) : null;

    public static bool Sandboxed => Sandbox is not null;

    public static RuntimeProcess Start(params string[] args)
    {
        string directory = Path.Combine(Path.GetTempPath(), "oasiseth-rhp", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        string socketPath = Path.Combine(directory, "host.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(1);

        ProcessStartInfo info;
        if (Sandbox is var (wrapper, elf))
        {
            // The sandbox sees the socket at /host.sock and a genesis file only through the read-only /data mount.
            info = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
            info.ArgumentList.Add(wrapper);
            info.ArgumentList.Add("--socket");
            info.ArgumentList.Add(socketPath);
            string data = Path.Combine(directory, "data");
            Directory.CreateDirectory(data);
            info.ArgumentList.Add("--data");
            info.ArgumentList.Add(data);
            info.ArgumentList.Add(elf);
            for (int i = 0; i < args.Length; i++)
            {
                if (i > 0 && args[i - 1] == "--genesis" && File.Exists(args[i]))
                {
                    File.Copy(args[i], Path.Combine(data, "genesis.json"));
                    info.ArgumentList.Add("/data/genesis.json");
                }
                else
                {
                    info.ArgumentList.Add(args[i]);
                }
            }
            // The wrapper needs a PATH to find bwrap and a C compiler; the runtime inside gets only OASIS_WORKER_HOST.
            info.Environment.Clear();
            info.Environment["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        }
        else
        {
            info = new ProcessStartInfo(Executable)
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = "/",
            };
            foreach (string arg in args) info.ArgumentList.Add(arg);
            info.Environment.Clear();
            info.Environment["OASIS_WORKER_HOST"] = socketPath;
        }
        var process = new Process { StartInfo = info };
        var started = new RuntimeProcess(process, directory);
        StringBuilder output = started._output;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)); // oasis-node's runtimeConnectTimeout
            started.Connection = listener.AcceptAsync(timeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(); } catch (InvalidOperationException) { }
            process.WaitForExit(5000);
            throw new InvalidOperationException($"the runtime did not connect within 5 s; output:\n{started.Output}");
        }
        finally
        {
            listener.Dispose();
        }
        return started;
    }

    /// <summary>Waits for the process to end on its own (after the host closed the socket).</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public int ExitCode => _process.ExitCode;

    public void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
        _process.WaitForExit(10_000);
    }

    /// <summary>Peak resident set size in bytes (Linux: VmHWM) of the runtime: the started process, or under the
    /// sandbox wrapper the largest of its descendants (the runtime inside bwrap).</summary>
    public long PeakRss()
    {
        long peak = PeakRssOf(_process.Id);
        foreach (int child in Descendants(_process.Id)) peak = Math.Max(peak, PeakRssOf(child));
        return peak;
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        string children = $"/proc/{pid}/task/{pid}/children";
        if (!File.Exists(children)) yield break;
        string text;
        try { text = File.ReadAllText(children); } catch (IOException) { yield break; }
        foreach (string part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int child = int.Parse(part, System.Globalization.CultureInfo.InvariantCulture);
            yield return child;
            foreach (int grandchild in Descendants(child)) yield return grandchild;
        }
    }

    private static long PeakRssOf(int pid)
    {
        string status;
        try { status = File.ReadAllText($"/proc/{pid}/status"); } catch (IOException) { return -1; }
        foreach (string line in status.Split('\n'))
        {
            if (!line.StartsWith("VmHWM:", StringComparison.Ordinal)) continue;
            string kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
            return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
        return -1;
    }

    public void Dispose()
    {
        Connection.Dispose();
        Kill();
        _process.Dispose();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
