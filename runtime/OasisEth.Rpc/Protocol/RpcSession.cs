using System.Net.WebSockets;
using System.Threading.Channels;

namespace OasisEth.Rpc;

/// <summary>
/// One WebSocket connection: its subscriptions and one outgoing queue, so replies and notifications (pushed from the
/// round driver's thread) are sent one at a time without the driver ever waiting on a socket. A client that lets
/// more than <see cref="RpcLimits.MaxQueuedNotifications"/> messages pile up is disconnected.
/// </summary>
internal sealed class RpcSession
{
    public enum SubscriptionKind { NewHeads, Logs, NewPendingTransactions }

    public sealed record Subscription(string Id, SubscriptionKind Kind, LogCriteria? Criteria, bool FullTransactions);

    private readonly WebSocket _socket;
    private readonly Channel<byte[]> _outbox;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly int _maxSubscriptions;
    private volatile Subscription[] _snapshot = [];
    private readonly long _maxQueuedBytes;
    private long _queuedBytes;
    /// <summary>Released by the send loop as it frees room; a waiting reply re-checks (a spurious wake-up is harmless).</summary>
    private readonly SemaphoreSlim _roomFreed = new(0);

    public RpcSession(WebSocket socket, RpcLimits limits)
    {
        _socket = socket;
        _maxSubscriptions = limits.MaxSubscriptionsPerConnection;
        _maxQueuedBytes = limits.MaxQueuedBytesPerConnection;
        _outbox = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(limits.MaxQueuedNotifications)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The current subscriptions (an immutable copy: the driver thread reads it without a lock).</summary>
    public Subscription[] Subscriptions => _snapshot;

    public string Subscribe(SubscriptionKind kind, LogCriteria? criteria, bool fullTransactions)
    {
        lock (_lock)
        {
            if (_subscriptions.Count >= _maxSubscriptions)
                throw new RpcException(RpcErrorCodes.LimitExceeded, $"too many subscriptions on this connection (limit {_maxSubscriptions})");
            string id = FilterStore.NewId();
            _subscriptions[id] = new Subscription(id, kind, criteria, fullTransactions);
            _snapshot = [.. _subscriptions.Values];
            return id;
        }
    }

    public bool Unsubscribe(string id)
    {
        lock (_lock)
        {
            if (!_subscriptions.Remove(id.ToLowerInvariant())) return false;
            _snapshot = [.. _subscriptions.Values];
            return true;
        }
    }

    /// <summary>
    /// A reply: waits for room in the queue, counted in bytes as well as messages (the client is reading, or the
    /// connection closes). The receive loop awaits each reply before reading the next request, so a client that
    /// pipelines large requests without reading the answers holds at most the queue's bytes, not one answer each.
    /// </summary>
    public async ValueTask ReplyAsync(byte[] message, CancellationToken ct)
    {
        while (!Fits(message.Length)) await _roomFreed.WaitAsync(ct);
        Interlocked.Add(ref _queuedBytes, message.Length);
        await _outbox.Writer.WriteAsync(message, ct);
    }

    /// <summary>A notification: never waits; a full queue (messages or bytes) means the client does not keep up, so
    /// it is disconnected.</summary>
    public void Notify(byte[] message)
    {
        if (Fits(message.Length))
        {
            Interlocked.Add(ref _queuedBytes, message.Length);
            if (_outbox.Writer.TryWrite(message)) return;
            Interlocked.Add(ref _queuedBytes, -message.Length);
        }
        _outbox.Writer.TryComplete();
        _socket.Abort();
    }

    /// <summary>Room for <paramref name="length"/> more bytes; one message of any size fits an empty queue.</summary>
    private bool Fits(int length)
    {
        long queued = Volatile.Read(ref _queuedBytes);
        return queued == 0 || queued + length <= _maxQueuedBytes;
    }

    /// <summary>Bytes waiting to be sent (tests).</summary>
    internal long QueuedBytes => Volatile.Read(ref _queuedBytes);

    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>Sends queued messages until the queue completes or the socket fails.</summary>
    public async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (byte[] message in _outbox.Reader.ReadAllAsync(ct))
            {
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct);
                Interlocked.Add(ref _queuedBytes, -message.Length);
                if (_roomFreed.CurrentCount == 0) _roomFreed.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone; the receive side notices and ends the session.
        }
    }
}
