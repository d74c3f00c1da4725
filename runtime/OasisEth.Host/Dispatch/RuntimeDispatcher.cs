using System.Collections.Concurrent;
using OasisEth.Host.Protocol;
using OasisEth.Host.Transport;

namespace OasisEth.Host.Dispatch;

/// <summary>
/// Answers host requests (rhp-spec §5, §6.1, §11). On the reader thread, quickly: the handshake, pings,
/// consensus sync, notifications, aborts and everything we refuse. On a thread of its own: CheckTx, execution
/// and queries, through <see cref="IRuntimeLogic"/>, so a long batch never delays a ping.
/// </summary>
public sealed class RuntimeDispatcher
{
    public const string Module = "rhp/dispatcher";

    /// <summary>The module of handshake-state errors, as the Rust runtime's protocol layer names it (runtime/src/protocol.rs).</summary>
    public const string ProtocolModule = "protocol";

    /// <summary>How long an abort waits for cancelled work to stop before admitting it could not (the host allows 1 s).</summary>
    public static readonly TimeSpan AbortGrace = TimeSpan.FromMilliseconds(800);

    private readonly IRuntimeLogic _logic;
    private readonly ConcurrentDictionary<ulong, (Task Task, CancellationTokenSource Cts)> _inFlight = new();
    private RuntimeInfoRequest? _info;
    private int _initializing;

    public RuntimeDispatcher(IRuntimeLogic logic) => _logic = logic;

    /// <summary>The handshake request, once it has been answered successfully.</summary>
    public RuntimeInfoRequest? Info => Volatile.Read(ref _info);

    /// <summary>Work started and not yet answered (for tests and diagnostics).</summary>
    public int InFlight => _inFlight.Count;

    /// <summary>Starts serving <paramref name="connection"/>; returns at once.</summary>
    public void Attach(RhpConnection connection) => connection.Start(OnRequest);

    private void OnRequest(RhpConnection conn, RhpMessage message)
    {
        var body = message.Body;
        if (body is RuntimeInfoRequest info)
        {
            conn.Respond(message.Id, Initialize(info));
            return;
        }
        if (body is UnknownBody unknown)
        {
            conn.Respond(message.Id, new ErrorBody(Module, 1, unknown.Error is null
                ? $"unknown message body {unknown.Name}"
                : $"malformed {unknown.Name}: {unknown.Error}"));
            return;
        }
        if (Info is null)
        {
            // The Rust runtime's words for any request before the handshake.
            conn.Respond(message.Id, new ErrorBody(ProtocolModule, 1, "host environment information not configured"));
            return;
        }
        switch (body)
        {
            case EmptyBody { Name: BodyNames.RuntimePingRequest }:
                conn.Respond(message.Id, EmptyBody.Empty);
                return;
            case ConsensusSyncRequest:
                // No light-client verification for a non-TEE runtime (rhp-spec §11): always succeed.
                conn.Respond(message.Id, EmptyBody.ConsensusSyncResponse);
                return;
            case OpaqueBody { Name: BodyNames.RuntimeNotifyRequest }:
                conn.Respond(message.Id, EmptyBody.Empty);
                return;
            case EmptyBody { Name: BodyNames.RuntimeAbortRequest }:
                Abort(conn, message.Id);
                return;
            case CheckTxBatchRequest checkTx:
                Run(conn, message.Id, (host, ct) => _logic.CheckTxBatch(checkTx, host, ct));
                return;
            case ExecuteTxBatchRequest execute:
                Run(conn, message.Id, (host, ct) => _logic.ExecuteTxBatch(execute, host, ct));
                return;
            case QueryRequest query:
                Run(conn, message.Id, (host, ct) => _logic.Query(query, host, ct));
                return;
            case OpaqueBody opaque:
                conn.Respond(message.Id, new ErrorBody(Module, 1, $"{opaque.Name} is not supported by this runtime"));
                return;
            default:
                conn.Respond(message.Id, new ErrorBody(Module, 1, $"{body.Name} is not a request this runtime serves"));
                return;
        }
    }

    private Body Initialize(RuntimeInfoRequest request)
    {
        if (Interlocked.CompareExchange(ref _initializing, 1, 0) != 0)
            return new ErrorBody(ProtocolModule, 1, "already initialized");
        try
        {
            var response = _logic.Initialize(request) ?? throw new InvalidOperationException("Initialize returned null.");
            Volatile.Write(ref _info, request);
            return response;
        }
        catch (Exception e)
        {
            // A failed handshake may be retried.
            Volatile.Write(ref _initializing, 0);
            return ToError(e);
        }
    }

    private void Run(RhpConnection conn, ulong id, Func<IHostCalls, CancellationToken, Body> work)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(conn.Closed);
        var host = new ConnectionHostCalls(conn);
        var task = new Task(() =>
        {
            Body answer;
            try
            {
                answer = work(host, cts.Token) ?? throw new InvalidOperationException("The handler returned null.");
            }
            catch (Exception e)
            {
                answer = ToError(e);
            }
            conn.Respond(id, answer);
        }, TaskCreationOptions.LongRunning);
        _inFlight[id] = (task, cts);
        task.ContinueWith(_ =>
        {
            _inFlight.TryRemove(id, out var _);
            cts.Dispose();
        }, TaskScheduler.Default);
        task.Start(TaskScheduler.Default);
    }

    /// <summary>
    /// RuntimeAbortRequest: cancel what runs and answer <c>RuntimeAbortResponse</c> only if it all stopped in
    /// time; otherwise an Error, and the host restarts us (core: sandbox/host.go handleAbortRequest).
    /// </summary>
    private void Abort(RhpConnection conn, ulong id)
    {
        var running = _inFlight.ToArray();
        foreach (var (_, entry) in running)
        {
            try { entry.Cts.Cancel(); } catch (ObjectDisposedException) { }
        }
        if (running.Length == 0)
        {
            conn.Respond(id, EmptyBody.AbortResponse);
            return;
        }
        var tasks = new Task[running.Length];
        for (int i = 0; i < running.Length; i++) tasks[i] = running[i].Value.Task;
        Task.WhenAll(tasks).WaitAsync(AbortGrace).ContinueWith(t => conn.Respond(id, t.IsCompletedSuccessfully
            ? EmptyBody.AbortResponse
            : new ErrorBody(Module, 1, "in-flight work did not stop in time")), TaskScheduler.Default);
    }

    private static ErrorBody ToError(Exception e) => e switch
    {
        RuntimeErrorException re => re.ToBody(),
        OperationCanceledException => new ErrorBody("dispatcher", 1, "request aborted"),
        HostCallException hc => new ErrorBody("dispatcher", 1, $"host call failed: {hc.Message}"),
        _ => new ErrorBody("dispatcher", 1, $"{e.GetType().Name}: {e.Message}"),
    };
}
