using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace OasisEth.Rpc.Tests;

/// <summary>A WebSocket JSON-RPC client: replies matched by id, notifications queued in order.</summary>
internal sealed class WsClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _notifications = Channel.CreateUnbounded<JsonElement>();
    private readonly Dictionary<long, TaskCompletionSource<JsonElement>> _waiting = [];
    private readonly CancellationTokenSource _cts = new();
    private Task _reader = Task.CompletedTask;
    private long _id;

    public static async Task<WsClient> ConnectAsync(Uri url)
    {
        var client = new WsClient();
        await client._socket.ConnectAsync(url, CancellationToken.None);
        client._reader = client.ReadLoop();
        return client;
    }

    public WebSocketState State => _socket.State;

    public async Task<JsonElement> Call(string method, params object?[] parameters)
    {
        long id = Interlocked.Increment(ref _id);
        var tcs = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting) _waiting[id] = tcs;
        await SendText(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters,
        }));
        JsonElement response = await tcs.Task.WaitAsync(TimeSpan.FromSeconds(30));
        if (response.TryGetProperty("error", out JsonElement error))
            throw new RpcError(error.GetProperty("code").GetInt32(), error.GetProperty("message").GetString()!, null);
        return response.GetProperty("result");
    }

    public Task SendText(string text) => SendBytes(Encoding.UTF8.GetBytes(text));

    /// <summary>One text message of these bytes as they are (a test may send invalid UTF-8).</summary>
    public Task SendBytes(byte[] bytes) => _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);

    public Task SendBinary(byte[] bytes) => _socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

    /// <summary>The next eth_subscription notification's params (subscription, result).</summary>
    public async Task<JsonElement> NextNotification() =>
        await _notifications.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

    public bool TryNextNotification(out JsonElement n) => _notifications.Reader.TryRead(out n);

    /// <summary>Ends when the server closes: the close status it gave.</summary>
    public async Task<WebSocketCloseStatus?> WaitClosed()
    {
        await _reader.WaitAsync(TimeSpan.FromSeconds(30));
        return _socket.CloseStatus;
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                int total = 0;
                WebSocketReceiveResult r;
                do
                {
                    r = await _socket.ReceiveAsync(buffer.AsMemory(total), _cts.Token) is var v
                        ? new WebSocketReceiveResult(v.Count, v.MessageType, v.EndOfMessage) : null!;
                    if (r.MessageType == WebSocketMessageType.Close) return;
                    total += r.Count;
                } while (!r.EndOfMessage);
                JsonElement message = JsonDocument.Parse(buffer.AsMemory(0, total)).RootElement.Clone();
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("method", out JsonElement m)
                    && m.GetString() == "eth_subscription")
                {
                    await _notifications.Writer.WriteAsync(message.GetProperty("params"));
                    continue;
                }
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("id", out JsonElement idElement)
                    && idElement.ValueKind == JsonValueKind.Number)
                {
                    TaskCompletionSource<JsonElement>? tcs;
                    lock (_waiting) _waiting.Remove(idElement.GetInt64(), out tcs);
                    // An answer nobody waits for (a request sent with SendText) is read like a notification.
                    if (tcs is not null) tcs.TrySetResult(message);
                    else await _notifications.Writer.WriteAsync(message);
                }
                else
                {
                    await _notifications.Writer.WriteAsync(message);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException)
            {
            }
        }
        _cts.Cancel();
        _socket.Dispose();
        _cts.Dispose();
    }
}
