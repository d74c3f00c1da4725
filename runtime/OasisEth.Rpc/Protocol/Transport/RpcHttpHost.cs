using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebSockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OasisEth.Rpc;

/// <summary>
/// Kestrel on <see cref="DedicatedThreadTransport"/> with the WebSocket middleware in front of one request handler,
/// and nothing else: no generic host, configuration, dependency injection, logging providers or routing. The web
/// application builder loaded ~40 assemblies more (configuration sources, a file watcher for appsettings.json,
/// console logging, routing, authentication abstractions) for a server that uses none of them.
/// </summary>
internal sealed class RpcHttpHost : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly KestrelServer _server;

    private RpcHttpHost(KestrelServer server, Uri url)
    {
        _server = server;
        Url = url;
    }

    /// <summary>http://address:port/ as bound (port 0 resolved).</summary>
    public Uri Url { get; }

    public static async Task<RpcHttpHost> StartAsync(IPAddress address, int port, RequestDelegate handler, CancellationToken ct)
    {
        var options = new KestrelServerOptions { ApplicationServices = NoServices.Instance };
        options.Listen(address, port);
        // The server reads bodies itself with the configured cap, to answer with a JSON-RPC error.
        options.Limits.MaxRequestBodySize = null;
        var server = new KestrelServer(Options.Create(options), new DedicatedThreadTransport(), NullLoggerFactory.Instance);
        var webSockets = new WebSocketMiddleware(handler,
            Options.Create(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) }), NullLoggerFactory.Instance);
        try
        {
            await server.StartAsync(new Application(webSockets.Invoke), ct);
        }
        catch
        {
            server.Dispose();
            throw;
        }
        string bound = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RpcHttpHost(server, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    /// <summary>Stops listening and closes the connections (requests in flight get <see cref="StopTimeout"/> to end).</summary>
    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(StopTimeout)) await _server.StopAsync(timeout.Token);
        _server.Dispose();
    }

    /// <summary>Kestrel's application: one <see cref="DefaultHttpContext"/> per connection, reused request after request
    /// (Kestrel offers the slot), as the web host's own application does.</summary>
    private sealed class Application(RequestDelegate pipeline) : IHttpApplication<HttpContext>
    {
        public HttpContext CreateContext(IFeatureCollection contextFeatures)
        {
            if (contextFeatures is IHostContextContainer<HttpContext> container)
            {
                if (container.HostContext is DefaultHttpContext reused)
                {
                    reused.Initialize(contextFeatures);
                    return reused;
                }
                var created = new DefaultHttpContext(contextFeatures);
                container.HostContext = created;
                return created;
            }
            return new DefaultHttpContext(contextFeatures);
        }

        public Task ProcessRequestAsync(HttpContext context) => pipeline(context);

        public void DisposeContext(HttpContext context, Exception? exception) => ((DefaultHttpContext)context).Uninitialize();
    }

    /// <summary>Kestrel asks its options for services only for HTTPS and configuration binding, which this server has not.</summary>
    private sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
