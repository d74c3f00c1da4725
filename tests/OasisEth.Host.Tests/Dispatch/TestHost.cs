using System.Buffers.Binary;
using System.Net.Sockets;
using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Host.Transport;

namespace OasisEth.Host.Tests.Dispatch;

/// <summary>
/// A fake oasis-node end of a real UNIX socket: the runtime side connects with <see cref="RuntimeHost.ConnectUnixSocket"/>
/// and is served by a <see cref="RuntimeDispatcher"/>; the test drives the host side frame by frame. Reads time out
/// (10 s) instead of hanging a broken test.
/// </summary>
internal sealed class TestHost : IDisposable
{
    private readonly string _dir;
    private readonly Socket _listener;
    private readonly NetworkStream _host;
    private ulong _nextId;

    public RhpConnection Runtime { get; }
    public RuntimeDispatcher Dispatcher { get; }

    public TestHost(IRuntimeLogic logic, int maxWriteFrame = FrameCodec.DefaultMaxWriteFrame, int maxReadFrame = FrameCodec.DefaultMaxReadFrame)
    {
        _dir = Directory.CreateTempSubdirectory("rhp-test-").FullName;
        string path = Path.Combine(_dir, "host.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        _listener.Listen(1);
        Runtime = new RhpConnection(RuntimeHost.ConnectUnixSocket(path), maxReadFrame, maxWriteFrame);
        var accepted = _listener.Accept();
        _host = new NetworkStream(accepted, ownsSocket: true) { ReadTimeout = 10_000 };
        Dispatcher = new RuntimeDispatcher(logic);
        Dispatcher.Attach(Runtime);
    }

    public ulong Send(Body body)
    {
        ulong id = _nextId++;
        SendMessage(RhpMessage.Request(id, body));
        return id;
    }

    public void SendMessage(RhpMessage message) => SendCbor(message.Encode());

    public void SendCbor(byte[] cbor) => FrameCodec.Write(_host, cbor);

    public void SendRaw(byte[] bytes)
    {
        _host.Write(bytes);
        _host.Flush();
    }

    public void ShutdownWrite() => _host.Socket.Shutdown(SocketShutdown.Send);

    /// <summary>The next frame from the runtime, decoded.</summary>
    public RhpMessage Read()
    {
        var frame = FrameCodec.Read(_host, FrameCodec.DefaultMaxReadFrame) ?? throw new AssertionException("runtime closed the connection");
        var message = RhpMessage.TryDecode(frame, out _, out var error);
        return message ?? throw new AssertionException($"runtime sent an undecodable frame: {error}");
    }

    /// <summary>True when the runtime has closed its end (the next read sees end of stream).</summary>
    public bool ReadsEndOfStream()
    {
        try
        {
            return FrameCodec.Read(_host, FrameCodec.DefaultMaxReadFrame) is null;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public T ReadResponse<T>(ulong id) where T : Body
    {
        var message = Read();
        Assert.That(message.Type, Is.EqualTo(MessageType.Response));
        Assert.That(message.Id, Is.EqualTo(id));
        return message.Body is T body ? body : throw new AssertionException($"expected {typeof(T).Name}, got {message.Body}");
    }

    public void Handshake()
    {
        ulong id = Send(new RuntimeInfoRequest { RuntimeId = Vectors.RuntimeId, ConsensusBackend = "tendermint" });
        ReadResponse<RuntimeInfoResponse>(id);
    }

    public static byte[] LengthPrefix(uint length)
    {
        var prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, length);
        return prefix;
    }

    public void Dispose()
    {
        _host.Dispose();
        Runtime.Dispose();
        _listener.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>An <see cref="IRuntimeLogic"/> whose handlers the test sets per case.</summary>
internal sealed class ScriptedLogic : IRuntimeLogic
{
    public int InitializeCalls;
    public Func<CheckTxBatchRequest, IHostCalls, CancellationToken, CheckTxBatchResponse> OnCheckTx = (_, _, _) => new();
    public Func<ExecuteTxBatchRequest, IHostCalls, CancellationToken, ExecuteTxBatchResponse> OnExecute = (_, _, _) => new();
    public Func<QueryRequest, IHostCalls, CancellationToken, QueryResponse> OnQuery = (_, _, _) => new();

    public RuntimeInfoResponse Initialize(RuntimeInfoRequest request)
    {
        Interlocked.Increment(ref InitializeCalls);
        return new RuntimeInfoResponse { RuntimeVersion = new RhpVersion(1, 0, 0), Features = new Features { ScheduleControl = new(50) } };
    }

    public CheckTxBatchResponse CheckTxBatch(CheckTxBatchRequest request, IHostCalls host, CancellationToken ct) => OnCheckTx(request, host, ct);
    public ExecuteTxBatchResponse ExecuteTxBatch(ExecuteTxBatchRequest request, IHostCalls host, CancellationToken ct) => OnExecute(request, host, ct);
    public QueryResponse Query(QueryRequest request, IHostCalls host, CancellationToken ct) => OnQuery(request, host, ct);
}
