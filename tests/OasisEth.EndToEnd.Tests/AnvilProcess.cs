using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace OasisEth.EndToEnd.Tests;

/// <summary>
/// A real anvil (npm @foundry-rs/anvil, from tests/e2e/node_modules) on a free loopback port: the other node a fork
/// test forks. Ready once it answers eth_chainId; killed on dispose.
/// </summary>
internal sealed class AnvilProcess : IDisposable
{
    private readonly Process _process;

    private AnvilProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }

    public static string Binary => Path.Combine(E2eEnvironment.E2eDirectory, "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    public static AnvilProcess Start()
    {
        E2eEnvironment.EnsureNodeModules();
        int port = FreePort();
        var psi = new ProcessStartInfo(Binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--host", "127.0.0.1", "--silent"])
            psi.ArgumentList.Add(a);
        Process process = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {Binary}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var anvil = new AnvilProcess(process, $"http://127.0.0.1:{port}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (int i = 0; i < 300; i++)
        {
            if (process.HasExited) break;
            try
            {
                using var body = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}", System.Text.Encoding.UTF8, "application/json");
                if (http.PostAsync(anvil.Url, body).GetAwaiter().GetResult().IsSuccessStatusCode) return anvil;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            Thread.Sleep(100);
        }
        anvil.Dispose();
        throw new InvalidOperationException($"anvil did not answer on {anvil.Url}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }
}
