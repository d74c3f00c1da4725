using System.Diagnostics;
using System.Text.RegularExpressions;

namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// The newcomer's path without a build: `dotnet pack` of runtime/OasisEth.Node makes a .NET tool package,
/// `dotnet tool install --tool-path DIR --add-source PACKDIR oasis-eth` installs it from that local folder, and the
/// installed `oasis-eth` answers --version and runs `dev` (eth_chainId over HTTP).
/// </summary>
[TestFixture]
[NonParallelizable]
public partial class ToolPackageTests
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(10);

    [GeneratedRegex(@"Listening on (http://\S+)")]
    private static partial Regex ListeningLine();

    [Test]
    public void ThePackedToolInstallsFromALocalFolderAndRunsDev()
    {
        using var dir = new TempDirectory();
        string repo = Path.GetFullPath(Path.Combine(E2eEnvironment.E2eDirectory, "..", ".."));
        string project = Path.Combine(repo, "runtime", "OasisEth.Node", "OasisEth.Node.csproj");
        string packages = dir.Sub("packages");
        string tools = dir.Sub("tools");
        var env = new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

        // The solution is already built in Release; ReadyToRun off keeps the test's pack to a copy (a user's pack
        // precompiles, which takes minutes).
        ProcessResult pack = ProcessRunner.Run(E2eEnvironment.DotnetHost,
            ["pack", project, "-c", "Release", "--no-build", "-p:PublishReadyToRun=false", "-o", packages], repo, env, Slow);
        Assert.That(pack.ExitCode, Is.Zero, pack.Output);
        string[] nupkgs = Directory.GetFiles(packages, "oasis-eth.*.nupkg");
        Assert.That(nupkgs, Has.Length.EqualTo(1), pack.Output);

        ProcessResult install = ProcessRunner.Run(E2eEnvironment.DotnetHost,
            ["tool", "install", "--tool-path", tools, "--add-source", packages, "oasis-eth"], dir.Path, env, Slow);
        Assert.That(install.ExitCode, Is.Zero, install.Output);
        string tool = Path.Combine(tools, "oasis-eth");
        Assert.That(File.Exists(tool), Is.True, install.Output);

        ProcessResult version = ProcessRunner.Run(tool, ["--version"], dir.Path, env, TimeSpan.FromMinutes(1));
        Assert.That(version.ExitCode, Is.Zero, version.Output);
        Assert.That(version.Output, Does.Match(@"^\d+\.\d+\.\d+"));

        var psi = new ProcessStartInfo(tool) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        foreach (string a in (string[])["dev", "--http.port", "0", "--datadir", dir.Sub("chain")]) psi.ArgumentList.Add(a);
        using Process node = Process.Start(psi)!;
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } m) url.TrySetResult(m.Groups[1].Value);
        };
        node.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        try
        {
            Assert.That(url.Task.Wait(TimeSpan.FromMinutes(3)), Is.True, () => "the installed oasis-eth dev printed no URL:\n" + output);
            using var http = new HttpClient();
            using var body = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", System.Text.Encoding.UTF8, "application/json");
            string answer = http.PostAsync(url.Task.Result, body).GetAwaiter().GetResult().Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.That(answer, Does.Contain("\"result\":\"0x7a69\""));
        }
        finally
        {
            if (!node.HasExited) node.Kill();
            node.WaitForExit();
        }
    }
}
