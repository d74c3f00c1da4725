using System.Diagnostics;

namespace OasisEth.EndToEnd.Tests;

/// <summary>Where the pieces are: the built oasis-eth.dll (copied beside the tests by the project reference), the
/// tests/e2e folder with its scripts, and its node_modules (installed with `npm ci` when missing or stale).</summary>
internal static class E2eEnvironment
{
    private static readonly Lazy<string> E2eDir = new(FindE2eDirectory);
    private static readonly object NpmLock = new();
    private static bool _npmChecked;

    public static string NodeDll => Path.Combine(AppContext.BaseDirectory, "oasis-eth.dll");

    /// <summary>The dotnet host running the tests (so the node runs on the same runtime), else `dotnet` on PATH.</summary>
    public static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    public static string E2eDirectory => E2eDir.Value;

    private static string FindE2eDirectory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "e2e");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new InvalidOperationException($"tests/e2e/package.json not found above {AppContext.BaseDirectory}");
    }

    /// <summary>Installs tests/e2e's pinned packages unless node_modules already matches package-lock.json
    /// (`.ci/run` installs them first; this keeps a plain `dotnet test` working too).</summary>
    public static void EnsureNodeModules()
    {
        lock (NpmLock)
        {
            if (_npmChecked) return;
            string lockFile = Path.Combine(E2eDirectory, "package-lock.json");
            string installed = Path.Combine(E2eDirectory, "node_modules", ".package-lock.json");
            if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(lockFile))
            {
                // Install scripts are not needed (the tool packages ship their binaries as platform packages) and
                // would be the only part that could try to download anything.
                ProcessResult npm = ProcessRunner.Run("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], E2eDirectory,
                    new Dictionary<string, string>(), TimeSpan.FromMinutes(5));
                if (npm.ExitCode != 0)
                    throw new InvalidOperationException($"npm ci in {E2eDirectory} failed ({npm.ExitCode}):\n{npm.Output}");
            }
            _npmChecked = true;
        }
    }
}

internal sealed record ProcessResult(int ExitCode, string Output, bool TimedOut);

/// <summary>Runs a child process to completion with a deadline, collecting stdout and stderr together.</summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string file, IEnumerable<string> args, string workingDirectory, IDictionary<string, string> env, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args) psi.ArgumentList.Add(a);
        foreach (KeyValuePair<string, string> kv in env) psi.Environment[kv.Key] = kv.Value;

        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        else
        {
            process.WaitForExit(); // drains the async readers
        }
        lock (output)
            return new ProcessResult(exited ? process.ExitCode : -1, output.ToString(), !exited);
    }
}
