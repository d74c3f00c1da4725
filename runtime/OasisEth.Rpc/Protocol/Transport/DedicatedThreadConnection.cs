using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace OasisEth.Rpc;

/// <summary>
/// One accepted socket of <see cref="DedicatedThreadTransport"/>. Its thread blocks in <c>recv</c>, writes what
/// arrives into the input pipe and flushes; both pipes schedule their readers inline, so the flush runs Kestrel's
/// parser and the request on this thread, and the response's flush runs <see cref="SendLoopAsync"/> (a blocking
/// <c>send</c>) on whichever thread wrote it. A request that awaits (a send under automine waits for its round)
/// continues on the pool as before, and the thread goes back to <c>recv</c>.
/// Only the first <see cref="MaxDedicatedThreads"/> connections open at a time get a thread; the others receive
/// asynchronously on the thread pool (as Kestrel's socket transport does, the request running on the thread that
/// completed the read). A load test's 32 connections with a thread each added ~15 MiB of stacks and per-thread
/// buffer caches to the node's peak resident memory.
/// </summary>
internal sealed class DedicatedThreadConnection : ConnectionContext,
    IConnectionIdFeature, IConnectionTransportFeature, IConnectionItemsFeature, IConnectionLifetimeFeature, IConnectionEndPointFeature
{
    /// <summary>Connections open at a time that get their own thread: a client's usual few kept-alive sockets.</summary>
    public const int MaxDedicatedThreads = 4;

    // Kestrel's own transport reads at least this much per receive.
    private const int MinimumReceive = 4096;

    private static long s_lastId;
    private static int s_dedicated;

    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly CancellationTokenSource _closed = new();
    private readonly FeatureCollection _features = new();
    private Task _sending = Task.CompletedTask;
    private int _shutdown;

    /// <summary>A blocking send that makes no progress for this long (a client that stopped reading its answers) ends
    /// the connection instead of holding its thread and the server's shutdown for ever.</summary>
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(60);

    private DedicatedThreadConnection(Socket socket)
    {
        _socket = socket;
        socket.SendTimeout = (int)SendTimeout.TotalMilliseconds;
        // Back-pressure as Kestrel's socket transport has it: a client that sends faster than requests are read
        // waits in recv; a client that does not read its answers makes the writer wait.
        var options = new PipeOptions(
            readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
            pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19, useSynchronizationContext: false);
        _input = new Pipe(options);
        _output = new Pipe(options);
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
        ConnectionId = "dt" + Interlocked.Increment(ref s_lastId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        LocalEndPoint = socket.LocalEndPoint;
        RemoteEndPoint = socket.RemoteEndPoint;
        ConnectionClosed = _closed.Token;
        _features.Set<IConnectionIdFeature>(this);
        _features.Set<IConnectionTransportFeature>(this);
        _features.Set<IConnectionItemsFeature>(this);
        _features.Set<IConnectionLifetimeFeature>(this);
        _features.Set<IConnectionEndPointFeature>(this);
    }

    public static DedicatedThreadConnection Start(Socket socket)
    {
        var connection = new DedicatedThreadConnection(socket);
        connection._sending = connection.SendLoopAsync();
        if (Interlocked.Increment(ref s_dedicated) <= MaxDedicatedThreads)
        {
            new Thread(() =>
            {
                try
                {
                    connection.ReceiveLoopAsync(blocking: true).GetAwaiter().GetResult();
                }
                finally
                {
                    Interlocked.Decrement(ref s_dedicated);
                }
            }) { IsBackground = true, Name = "rpc connection " + connection.ConnectionId }.Start();
        }
        else
        {
            Interlocked.Decrement(ref s_dedicated);
            _ = connection.ReceiveLoopAsync(blocking: false);
        }
        return connection;
    }

    public override string ConnectionId { get; set; }
    public override IFeatureCollection Features => _features;
    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    public override IDuplexPipe Transport { get; set; }
    public override CancellationToken ConnectionClosed { get; set; }
    public override EndPoint? LocalEndPoint { get; set; }
    public override EndPoint? RemoteEndPoint { get; set; }

    /// <summary>Receives until the connection ends. <paramref name="blocking"/> (the connection's own thread): recv and
    /// any wait for Kestrel to read block this thread, so the method never yields and runs to its end here; otherwise
    /// it awaits both on the pool.</summary>
    private async Task ReceiveLoopAsync(bool blocking)
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                Memory<byte> buffer = _input.Writer.GetMemory(MinimumReceive);
                int received = blocking ? _socket.Receive(buffer.Span) : await _socket.ReceiveAsync(buffer, SocketFlags.None);
                if (received == 0) break;
                _input.Writer.Advance(received);
                ValueTask<FlushResult> flush = _input.Writer.FlushAsync();
                // Completed unless Kestrel left 1 MiB unread: then wait, as a blocked recv would.
                FlushResult result = !blocking ? await flush
                    : flush.IsCompletedSuccessfully ? flush.Result : flush.AsTask().GetAwaiter().GetResult();
                if (result.IsCompleted || result.IsCanceled) break;
            }
        }
        catch (Exception e)
        {
            // Whatever ended the receiving ends the connection (and must not take the process down).
            error = ReceiveError(e);
        }
        EndInput(error);
    }

    // A reset is reported to Kestrel as one (it logs it quietly); the socket shut down by an abort or disposed is a
    // plain end; anything else travels with the input's completion.
    private static Exception? ReceiveError(Exception e) => e switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted } reset =>
            new ConnectionResetException(reset.Message, reset),
        SocketException or ObjectDisposedException => null,
        _ => e,
    };

    private void EndInput(Exception? error)
    {
        _input.Writer.Complete(error);
        // On the pool: ConnectionClosed's callbacks (a request's RequestAborted) must not run on the receiving thread.
        ThreadPool.UnsafeQueueUserWorkItem(static cts => cts.Cancel(), _closed, preferLocal: false);
    }

    private async Task SendLoopAsync()
    {
        Exception? error = null;
        try
        {
            while (true)
            {
                ReadResult result = await _output.Reader.ReadAsync();
                ReadOnlySequence<byte> buffer = result.Buffer;
                foreach (ReadOnlyMemory<byte> segment in buffer)
                {
                    ReadOnlySpan<byte> span = segment.Span;
                    while (!span.IsEmpty) span = span[_socket.Send(span)..];
                }
                _output.Reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled) break;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            error = e;
        }
        _output.Reader.Complete(error);
        Shutdown();
    }

    public override void Abort(ConnectionAbortedException abortReason)
    {
        _output.Reader.CancelPendingRead();
        Shutdown();
    }

    void IConnectionLifetimeFeature.Abort() => Abort(new ConnectionAbortedException("The connection was aborted."));

    // Both directions at once: the receive thread's recv returns 0 and ends the connection's input.
    private void Shutdown()
    {
        if (Interlocked.Exchange(ref _shutdown, 1) != 0) return;
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already reset by the peer.
        }
    }

    public override async ValueTask DisposeAsync()
    {
        _output.Writer.Complete();
        await _sending.ConfigureAwait(false);
        Shutdown();
        _socket.Dispose();
        // _closed is not disposed: the receive thread may still cancel it (it holds no timer to release).
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
