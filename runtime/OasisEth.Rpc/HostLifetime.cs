using Microsoft.Extensions.Hosting;

namespace OasisEth.Rpc;

/// <summary>
/// The web host's lifetime without signal handling. The default console lifetime swallows SIGTERM/Ctrl+C and only
/// asks the host to stop, but a host started with StartAsync (not Run) never stops on that ask, so the process
/// would ignore the signal. The program embedding <see cref="DevNode"/> owns signals and calls StopAsync.
/// </summary>
internal sealed class HostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
