using System.Collections.Concurrent;
using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;

namespace OasisEth.Host.Transport;

/// <summary>
/// One RHP connection over a byte stream (rhp-spec §2): a reader thread, a writer thread fed by a queue, and a
/// pending-request table for our own requests (ids counting from 0). Incoming requests go to the handler
/// callback on the reader thread, which must hand long work elsewhere (the dispatcher does). A frame that does
/// not decode but whose id can be read is answered with an Error; a framing error (oversized or truncated
/// frame) closes the connection cleanly, since the next frame boundary is lost. Nothing here throws into the
/// reader loop's caller.
/// </summary>
public sealed class RhpConnection : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxReadFrame;
    private readonly int _maxWriteFrame;
    private readonly BlockingCollection<byte[]> _outbox = new();
    private readonly ConcurrentDictionary<ulong, TaskCompletionSource<Body>> _pending = new();
    private readonly CancellationTokenSource _closed = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action<RhpConnection, RhpMessage>? _onRequest;
    private long _nextId = -1;
    private int _started;
    private int _threadsLeft = 2;

    public RhpConnection(Stream stream, int maxReadFrame = FrameCodec.DefaultMaxReadFrame, int maxWriteFrame = FrameCodec.DefaultMaxWriteFrame)
    {
        _stream = stream;
        _maxReadFrame = maxReadFrame;
        _maxWriteFrame = maxWriteFrame;
    }

    /// <summary>Fires when the connection closes (peer gone, framing error, <see cref="Close"/>).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>Completes once both threads have stopped.</summary>
    public Task Completion => _done.Task;

    /// <summary>Why the connection closed, when it was not a clean end of stream.</summary>
    public string? CloseReason { get; private set; }

    /// <summary>Starts the reader and writer threads. <paramref name="onRequest"/> runs on the reader thread.</summary>
    public void Start(Action<RhpConnection, RhpMessage> onRequest)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0) throw new InvalidOperationException("Already started.");
        _onRequest = onRequest;
        new Thread(ReadLoop) { IsBackground = true, Name = "rhp-reader" }.Start();
        new Thread(WriteLoop) { IsBackground = true, Name = "rhp-writer" }.Start();
    }

    /// <summary>Queues a response. A body that does not encode, or encodes over the write limit, is replaced by an Error.</summary>
    public void Respond(ulong id, Body body) => Send(RhpMessage.Response(id, body));

    /// <summary>Sends a request to the host and waits for its answer. An Error answer throws <see cref="HostCallException"/>.</summary>
    public Body Call(Body request, CancellationToken ct)
    {
        var task = CallAsync(request, ct);
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (AggregateException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    public async Task<Body> CallAsync(Body request, CancellationToken ct)
    {
        ulong id = (ulong)Interlocked.Increment(ref _nextId);
        var tcs = new TaskCompletionSource<Body>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        if (_closed.IsCancellationRequested) FailPending();
        try
        {
            Send(RhpMessage.Request(id, request));
            using var _ = ct.Register(static s => ((TaskCompletionSource<Body>)s!).TrySetCanceled(), tcs);
            var body = await tcs.Task.ConfigureAwait(false);
            return body is ErrorBody error ? throw new HostCallException(error) : body;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>Closes the connection: pending calls fail, the threads stop.</summary>
    public void Close(string? reason = null)
    {
        CloseReason ??= reason;
        try { _closed.Cancel(); } catch (ObjectDisposedException) { }
        _outbox.CompleteAdding();
        FailPending();
        // Unblocks a reader waiting in Read.
        try { _stream.Dispose(); } catch (IOException) { }
    }

    public void Dispose() => Close();

    private void Send(RhpMessage message)
    {
        byte[] cbor;
        try
        {
            cbor = message.Encode();
            if (cbor.Length > _maxWriteFrame)
                throw new InvalidOperationException($"{message.Body.Name} encodes to {cbor.Length} bytes, over the {_maxWriteFrame}-byte frame limit");
        }
        catch (Exception e) when (message.Type == MessageType.Response && message.Body is not ErrorBody)
        {
            cbor = RhpMessage.Response(message.Id, new ErrorBody("rhp/write", 1, e.Message)).Encode();
        }
        try
        {
            _outbox.Add(cbor);
        }
        catch (InvalidOperationException)
        {
            // Closed: requests see it through FailPending, responses have nobody left to read them.
            if (message.Type == MessageType.Request) throw new IOException("RHP connection closed.");
        }
    }

    private void ReadLoop()
    {
        try
        {
            while (!_closed.IsCancellationRequested)
            {
                var frame = FrameCodec.Read(_stream, _maxReadFrame);
                if (frame is null) break;
                var message = RhpMessage.TryDecode(frame, out var id, out var error);
                if (message is null)
                {
                    // The frame boundary is intact, so answer (if the id is known) and go on reading.
                    if (id is { } known) Respond(known, new ErrorBody("rhp/dispatcher", 1, $"malformed message: {error}"));
                    continue;
                }
                if (message.Type == MessageType.Response)
                {
                    if (_pending.TryGetValue(message.Id, out var tcs)) tcs.TrySetResult(message.Body);
                    continue;
                }
                try
                {
                    _onRequest!(this, message);
                }
                catch (Exception e)
                {
                    Respond(message.Id, new ErrorBody("rhp/dispatcher", 1, $"request handler failed: {e.Message}"));
                }
            }
            Close();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            Close(e.Message);
        }
        finally
        {
            ThreadDone();
        }
    }

    private void WriteLoop()
    {
        try
        {
            foreach (var cbor in _outbox.GetConsumingEnumerable())
                FrameCodec.Write(_stream, cbor);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or NotSupportedException)
        {
            Close(e.Message);
        }
        finally
        {
            ThreadDone();
        }
    }

    private void ThreadDone()
    {
        if (Interlocked.Decrement(ref _threadsLeft) == 0) _done.TrySetResult();
    }

    private void FailPending()
    {
        foreach (var (id, tcs) in _pending)
            tcs.TrySetException(new IOException($"RHP connection closed before the answer to request {id}."));
    }
}
