using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace OasisEth.Rpc;

/// <summary>
/// Kestrel's transport for the dev node: one thread per connection that blocks in <c>recv</c> and runs the request
/// itself (<see cref="DedicatedThreadConnection"/>). With Kestrel's socket transport a request woke two threads: the
/// epoll thread saw the bytes and queued the read's completion to the thread pool, whose worker (asleep between a
/// client's calls) ran the request. Here the kernel wakes the connection's own thread and nothing else. Inlining the
/// completions on the epoll thread instead (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS) saves the same hop but
/// lets one long eth_call stall every connection that epoll thread serves; a connection's own thread stalls only
/// that connection, which HTTP/1.1 serialises anyway. A dev node has a few client connections, so a thread each is
/// cheap (a stack of what it touches: tens of KiB).
/// </summary>
internal sealed class DedicatedThreadTransport : IConnectionListenerFactory
{
    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        if (endpoint is not IPEndPoint ip)
            throw new NotSupportedException($"The dev node listens on IP endpoints, not {endpoint.GetType().Name}.");
        var socket = new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (ip.Address.Equals(IPAddress.IPv6Any)) socket.DualMode = true;
            socket.Bind(ip);
            socket.Listen(512);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            socket.Dispose();
            // Kestrel reports this type as "address in use" with the endpoint named.
            throw new AddressInUseException(e.Message, e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new ValueTask<IConnectionListener>(new Listener(socket));
    }

    private sealed class Listener(Socket socket) : IConnectionListener
    {
        // The bound endpoint (port 0 resolved): Kestrel reports it as the server's address.
        public EndPoint EndPoint { get; } = socket.LocalEndPoint!;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            while (true)
            {
                try
                {
                    Socket accepted = await socket.AcceptAsync(cancellationToken);
                    accepted.NoDelay = true;
                    return DedicatedThreadConnection.Start(accepted);
                }
                catch (ObjectDisposedException)
                {
                    return null; // unbound
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.OperationAborted)
                {
                    return null;
                }
                catch (SocketException)
                {
                    // A connection reset before it was accepted: it concerns only that client.
                }
            }
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
        {
            socket.Dispose();
            return default;
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return default;
        }
    }
}
