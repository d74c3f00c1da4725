using System.Net.Sockets;
using OasisEth.Host.Transport;

namespace OasisEth.Host.Dispatch;

/// <summary>
/// Entry point for <c>oasis-eth runtime</c>: connect to the node's UNIX socket (<c>OASIS_WORKER_HOST</c>,
/// rhp-spec §1.1, §5) and serve it until the node goes away.
/// </summary>
public static class RuntimeHost
{
    public const string SocketEnvironmentVariable = "OASIS_WORKER_HOST";

    /// <summary>Connects to the UNIX stream socket at <paramref name="path"/>.</summary>
    public static Stream ConnectUnixSocket(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(path));
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Connects to <paramref name="socketPath"/> (default: <c>$OASIS_WORKER_HOST</c>), serves requests with
    /// <paramref name="logic"/> and completes when the connection closes. Do heavy start-up before calling:
    /// the host allows 1 s from connect to the handshake answer.
    /// </summary>
    public static async Task RunAsync(IRuntimeLogic logic, string? socketPath = null)
    {
        socketPath ??= Environment.GetEnvironmentVariable(SocketEnvironmentVariable)
            ?? throw new InvalidOperationException($"{SocketEnvironmentVariable} is not set.");
        using var connection = new RhpConnection(ConnectUnixSocket(socketPath));
        new RuntimeDispatcher(logic).Attach(connection);
        await connection.Completion.ConfigureAwait(false);
    }
}
