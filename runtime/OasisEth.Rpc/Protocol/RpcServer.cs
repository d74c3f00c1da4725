using System.Buffers;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http;

namespace OasisEth.Rpc;

/// <summary>
/// The transport: JSON-RPC over HTTP POST and over WebSocket on the same port and path. Bodies and messages are read
/// with a size cap before parsing, so an oversized request costs at most the cap in memory and gets a JSON-RPC error
/// (HTTP 413 over HTTP; over WebSocket the error, then the connection is closed as geth does).
/// </summary>
internal sealed class RpcServer(RpcDispatcher dispatcher, SubscriptionHub hub, RpcLimits limits, HttpExposure exposure, CancellationToken stopping)
{
    public async Task HandleAsync(HttpContext http)
    {
        HttpResponse response = http.Response;
        // Host and Origin are checked before anything else, WebSocket upgrades included (browsers apply no CORS to
        // WebSockets: the Origin check is the only guard there).
        if (!exposure.HostAllowed(http.Request.Host))
        {
            await WriteAsync(response, StatusCodes.Status403Forbidden, RpcDispatcher.ErrorResponse(RpcErrorCodes.InvalidRequest,
                "invalid host specified (allow it with --http.vhosts)"));
            return;
        }
        string? origin = http.Request.Headers.Origin;
        if (!exposure.OriginAllowed(origin))
        {
            await WriteAsync(response, StatusCodes.Status403Forbidden, RpcDispatcher.ErrorResponse(RpcErrorCodes.InvalidRequest,
                $"origin {origin} not allowed (allow it with --http.corsdomain)"));
            return;
        }
        if (http.WebSockets.IsWebSocketRequest)
        {
            await HandleWebSocketAsync(http);
            return;
        }
        if (!string.IsNullOrEmpty(origin))
        {
            response.Headers.AccessControlAllowOrigin = origin;
            response.Headers.Vary = "Origin";
        }
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            response.Headers.AccessControlAllowMethods = "POST, GET, OPTIONS";
            response.Headers.AccessControlAllowHeaders = "Content-Type";
            response.Headers.AccessControlMaxAge = "600";
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            // Health checks and browsers: a GET is answered, not failed.
            response.StatusCode = StatusCodes.Status200OK;
            return;
        }
        if (!HttpExposure.IsJson(http.Request.ContentType))
        {
            await WriteAsync(response, StatusCodes.Status415UnsupportedMediaType, RpcDispatcher.ErrorResponse(RpcErrorCodes.InvalidRequest,
                $"invalid content type {http.Request.ContentType ?? "(none)"}, only application/json is supported"));
            return;
        }
        if (http.Request.ContentLength is long declared && declared > limits.MaxRequestBytes)
        {
            await WriteAsync(response, StatusCodes.Status413RequestEntityTooLarge, TooLarge(declared));
            return;
        }
        RequestScratch scratch = RequestScratch.Rent();
        try
        {
            int length = await ReadBodyAsync(http.Request, scratch, http.RequestAborted);
            if (length < 0)
            {
                await WriteAsync(response, StatusCodes.Status413RequestEntityTooLarge, TooLarge(null));
                return;
            }
            ReadOnlyMemory<byte>? reply = await dispatcher.HandleAsync(scratch.Body.AsMemory(0, length), null, scratch, http.RequestAborted);
            await WriteAsync(response, StatusCodes.Status200OK, reply ?? ReadOnlyMemory<byte>.Empty);
        }
        finally
        {
            RequestScratch.Return(scratch);
        }
    }

    private byte[] TooLarge(long? size) => RpcDispatcher.ErrorResponse(RpcErrorCodes.InvalidRequest,
        size is { } n ? $"request body too large ({n} > {limits.MaxRequestBytes} bytes)" : $"request body too large (> {limits.MaxRequestBytes} bytes)");

    private static async Task WriteAsync(HttpResponse response, int status, ReadOnlyMemory<byte> body)
    {
        response.StatusCode = status;
        if (body.Length == 0) return;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body);
    }

    /// <summary>Reads the body into <paramref name="scratch"/>'s body buffer: its length, or -1 when it is longer than
    /// the limit (chunked bodies have no declared length; a declared one was checked before).</summary>
    private async Task<int> ReadBodyAsync(HttpRequest request, RequestScratch scratch, CancellationToken ct)
    {
        if (request.ContentLength is long declared)
        {
            // The server delivers at most the declared length; fewer bytes (a client that went away) are parsed as
            // they are and fail as JSON.
            int expected = (int)declared;
            return await request.Body.ReadAtLeastAsync(scratch.BodyOf(expected).AsMemory(0, expected), expected, throwOnEndOfStream: false, ct);
        }
        int length = 0;
        while (true)
        {
            byte[] buffer = scratch.BodyOf(length + 4096, kept: length);
            int n = await request.Body.ReadAsync(buffer.AsMemory(length), ct);
            if (n == 0) return length;
            length += n;
            if (length > limits.MaxRequestBytes) return -1;
        }
    }

    private async Task HandleWebSocketAsync(HttpContext http)
    {
        using WebSocket socket = await http.WebSockets.AcceptWebSocketAsync();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        CancellationToken ct = linked.Token;
        var session = new RpcSession(socket, limits);
        hub.Add(session);
        Task sender = session.SendLoopAsync(ct);
        var message = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (socket.State == WebSocketState.Open && !ct.IsCancellationRequested)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                bool tooLarge = false;
                do
                {
                    result = await socket.ReceiveAsync(message.GetMemory(16 * 1024), ct);
                    if (result.MessageType == WebSocketMessageType.Close) return;
                    message.Advance(result.Count);
                    if (message.WrittenCount > limits.MaxRequestBytes) { tooLarge = true; break; }
                }
                while (!result.EndOfMessage);

                if (tooLarge)
                {
                    await session.ReplyAsync(TooLarge(null), ct);
                    session.Complete();
                    await sender;
                    await socket.CloseAsync(WebSocketCloseStatus.MessageTooBig, "message too large", CancellationToken.None);
                    return;
                }
                // The message buffer is reused only after the answer is built: no copy of the request.
                byte[]? reply = await dispatcher.HandleAsync(message.WrittenMemory, session, ct);
                if (reply is not null) await session.ReplyAsync(reply, ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            // Client went away (a slow one was cut off: its queue is closed) or the node is stopping.
        }
        finally
        {
            hub.Remove(session);
            session.Complete();
            await sender;
            // Answer the client's close (CloseReceived) as well as closing our side; a dropped TCP connection without
            // the handshake is an error for most client libraries.
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }
                catch (Exception e) when (e is WebSocketException or OperationCanceledException)
                {
                }
            }
        }
    }
}
