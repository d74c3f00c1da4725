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

    public RpcSession(WebSocket socket, RpcLimits limits)
    {
        _socket = socket;
        _maxSubscriptions = limits.MaxSubscriptionsPerConnection;
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

    /// <summary>A reply: waits for room in the queue (the client is reading, or the connection closes).</summary>
    public ValueTask ReplyAsync(byte[] message, CancellationToken ct) => _outbox.Writer.WriteAsync(message, ct);

    /// <summary>A notification: never waits; a full queue means the client does not keep up, so it is dropped.</summary>
    public void Notify(byte[] message)
    {
        if (_outbox.Writer.TryWrite(message)) return;
        _outbox.Writer.TryComplete();
        _socket.Abort();
    }

    public void Complete() => _outbox.Writer.TryComplete();

    /// <summary>Sends queued messages until the queue completes or the socket fails.</summary>
    public async Task SendLoopAsync(CancellationToken ct)
    {
        try
        {
            await foreach (byte[] message in _outbox.Reader.ReadAllAsync(ct))
                await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is gone; the receive side notices and ends the session.
        }
    }
}
