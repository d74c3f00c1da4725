using System.Net.WebSockets;

namespace OasisEth.Rpc.Tests;

/// <summary>A WebSocket connection's outgoing queue is bounded in bytes: replies wait, notifications cut a slow client off.</summary>
public sealed class SessionQueueTests
{
    /// <summary>A socket whose sends complete only when the test lets them (a client that does not read).</summary>
    private sealed class StalledSocket : WebSocket
    {
        public readonly SemaphoreSlim Sends = new(0);
        public int Sent;
        public bool Aborted;

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken ct)
        {
            await Sends.WaitAsync(ct);
            Interlocked.Increment(ref Sent);
        }

        public override void Abort() => Aborted = true;
        public override WebSocketCloseStatus? CloseStatus => null;
        public override string? CloseStatusDescription => null;
        public override WebSocketState State => WebSocketState.Open;
        public override string? SubProtocol => null;
        public override Task CloseAsync(WebSocketCloseStatus s, string? d, CancellationToken ct) => Task.CompletedTask;
        public override Task CloseOutputAsync(WebSocketCloseStatus s, string? d, CancellationToken ct) => Task.CompletedTask;
        public override Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken ct) => throw new NotSupportedException();
        public override void Dispose() { }
    }

    [Test]
    public async Task A_reply_waits_while_the_queued_bytes_would_pass_the_limit()
    {
        var socket = new StalledSocket();
        var session = new RpcSession(socket, new RpcLimits { MaxQueuedBytesPerConnection = 1_000 });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Task sender = session.SendLoopAsync(cts.Token);

        await session.ReplyAsync(new byte[600], cts.Token);
        await session.ReplyAsync(new byte[300], cts.Token);
        ValueTask third = session.ReplyAsync(new byte[600], cts.Token);
        Assert.That(third.IsCompleted, Is.False, "900 queued + 600 > 1,000: the reply waits");
        Assert.That(session.QueuedBytes, Is.LessThanOrEqualTo(1_000));

        socket.Sends.Release(); // the 600-byte one leaves; 300 + 600 fits
        await third.AsTask().WaitAsync(cts.Token);
        Assert.That(session.QueuedBytes, Is.EqualTo(900));
        session.Complete();
        socket.Sends.Release(2);
        await sender.WaitAsync(cts.Token);
        Assert.That(socket.Sent, Is.EqualTo(3));
    }

    [Test]
    public async Task One_message_larger_than_the_limit_is_sent_from_an_empty_queue()
    {
        var socket = new StalledSocket();
        var session = new RpcSession(socket, new RpcLimits { MaxQueuedBytesPerConnection = 1_000 });
        await session.ReplyAsync(new byte[5_000], CancellationToken.None);
        Assert.That(session.QueuedBytes, Is.EqualTo(5_000));
    }

    [Test]
    public void A_notification_that_does_not_fit_disconnects_the_slow_client()
    {
        var socket = new StalledSocket();
        var session = new RpcSession(socket, new RpcLimits { MaxQueuedBytesPerConnection = 1_000 });
        session.Notify(new byte[800]);
        Assert.That(socket.Aborted, Is.False);
        session.Notify(new byte[800]);
        Assert.That(socket.Aborted, Is.True);
    }
}
