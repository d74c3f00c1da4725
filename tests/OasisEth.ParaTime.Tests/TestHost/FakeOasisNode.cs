using System.Diagnostics;
using System.Net.Sockets;
using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Host.Transport;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests.TestHost;

/// <summary>
/// Plays oasis-node's side of the runtime host protocol against the real <c>oasis-eth</c> process (rhp-spec §15.2):
/// starts it, sends the handshake (answer required within 1 s), and serves what the runtime asks of the host:
/// HostStorageSync from <see cref="HostStorage"/>, HostFetchTxBatch from <see cref="Pool"/>; anything else gets an
/// Error, as the node gives for requests it does not serve.
/// </summary>
internal sealed class FakeOasisNode : IDisposable
{
    /// <summary>rhp-spec §14.4's runtime id (a test runtime: bit 63 set).</summary>
    public static readonly Hash256 RuntimeId = new(Hex.Decode("8000000000000000000000000000000000000000000000000000000001234567"));

    private readonly HostStorage _storage;
    private readonly RuntimeProcess _process;
    private readonly RhpConnection _connection;
    private long _fetches;

    private FakeOasisNode(HostStorage storage, RuntimeProcess process)
    {
        _storage = storage;
        _process = process;
        _connection = new RhpConnection(new NetworkStream(process.Connection, ownsSocket: false));
        _connection.Start(OnRuntimeRequest);
    }

    /// <summary>Transactions HostFetchTxBatch hands out, in order (a Schedule-mode round pulls more from here).</summary>
    public Queue<byte[]> Pool { get; } = new();

    public long Fetches => Interlocked.Read(ref _fetches);

    public RuntimeInfoResponse Info { get; private set; } = null!;

    public TimeSpan HandshakeTime { get; private set; }

    public RuntimeProcess Process => _process;

    public static FakeOasisNode Start(HostStorage storage, params string[] args) => Start(storage, null, args);

    /// <param name="localConfig">The node YAML's runtime config, as <c>local_config</c> (values are CBOR unsigned ints here).</param>
    public static FakeOasisNode Start(HostStorage storage, IReadOnlyDictionary<string, ulong>? localConfig, params string[] args)
    {
        RuntimeProcess process = RuntimeProcess.Start(args);
        var node = new FakeOasisNode(storage, process);
        try
        {
            var clock = Stopwatch.StartNew();
            node.Info = node.Call<RuntimeInfoResponse>(new RuntimeInfoRequest
            {
                RuntimeId = RuntimeId,
                ConsensusBackend = "tendermint",
                ConsensusProtocolVersion = new RhpVersion(7, 0, 0),
                ConsensusChainContext = "abcd",
                LocalConfig = LocalConfig(localConfig),
            }, TimeSpan.FromSeconds(1)); // oasis-node's runtimeInitTimeout
            node.HandshakeTime = clock.Elapsed;
            return node;
        }
        catch
        {
            TestContext.Out.WriteLine(process.Output);
            node.Dispose();
            throw;
        }
    }

    private static SortedDictionary<string, byte[]> LocalConfig(IReadOnlyDictionary<string, ulong>? values)
    {
        var config = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        if (values is null) return config;
        foreach (var (key, value) in values)
        {
            var w = new System.Formats.Cbor.CborWriter(System.Formats.Cbor.CborConformanceMode.Canonical);
            w.WriteUInt64(value);
            config[key] = w.Encode();
        }
        return config;
    }

    /// <summary>A request to the runtime; its answer within <paramref name="timeout"/> (an Error answer throws
    /// <see cref="HostCallException"/>).</summary>
    public T Call<T>(Body request, TimeSpan? timeout = null) where T : Body
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            Body body = _connection.Call(request, cts.Token);
            return body as T ?? throw new InvalidOperationException($"expected {typeof(T).Name}, the runtime answered {body.Name}");
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"the runtime did not answer {request.Name} within {timeout ?? TimeSpan.FromSeconds(60)}; output:\n{_process.Output}");
        }
    }

    public Task<Body> CallAsync(Body request, CancellationToken ct) => _connection.CallAsync(request, ct);

    private void OnRuntimeRequest(RhpConnection connection, RhpMessage message)
    {
        switch (message.Body)
        {
            case StorageSyncRequest sync:
                // Off the reader thread: the gate may hold it (a deliberately slow batch).
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    Body answer;
                    try
                    {
                        answer = new StorageSyncResponse { Proof = _storage.Answer(sync) };
                    }
                    catch (Exception e)
                    {
                        answer = new ErrorBody("storage", 1, e.Message);
                    }
                    connection.Respond(message.Id, answer);
                }, null);
                break;
            case FetchTxBatchRequest fetch:
                Interlocked.Increment(ref _fetches);
                var batch = new List<byte[]>();
                lock (Pool)
                {
                    while (batch.Count < fetch.Limit && Pool.Count > 0) batch.Add(Pool.Dequeue());
                }
                connection.Respond(message.Id, new FetchTxBatchResponse { Batch = batch });
                break;
            default:
                connection.Respond(message.Id, new ErrorBody("rhp/internal", 1, $"the test host does not serve {message.Body.Name}"));
                break;
        }
    }

    /// <summary>Closes the socket, as the node does when it stops a runtime; the process should exit by itself.</summary>
    public void CloseConnection() => _connection.Close("test host closed");

    public void Dispose()
    {
        _connection.Close("test host disposed");
        _process.Dispose();
    }
}
