using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;

namespace OasisEth.Host.Tests.Dispatch;

/// <summary>Handshake rules, liveness and error answers (rhp-spec §5, §6.1, §11, §15.2 items 2 and 4).</summary>
public class RuntimeDispatcherTests
{
    [Test]
    public void HandshakeIsAnsweredOnceAndASecondOneIsRejected()
    {
        var logic = new ScriptedLogic();
        using var host = new TestHost(logic);
        ulong first = host.Send(new RuntimeInfoRequest { RuntimeId = Vectors.RuntimeId, ConsensusBackend = "tendermint" });
        var info = host.ReadResponse<RuntimeInfoResponse>(first);
        Assert.That(info.ProtocolVersion.Major, Is.EqualTo(5));
        Assert.That(info.Features.ScheduleControl, Is.Not.Null);
        Assert.That(host.Dispatcher.Info!.RuntimeId, Is.EqualTo(Vectors.RuntimeId));

        ulong second = host.Send(new RuntimeInfoRequest());
        var error = host.ReadResponse<ErrorBody>(second);
        Assert.That((error.Module, error.Code, error.Message), Is.EqualTo(("protocol", 1u, "already initialized")));
        Assert.That(logic.InitializeCalls, Is.EqualTo(1));
    }

    [Test]
    public void RequestsBeforeTheHandshakeGetAnError()
    {
        var logic = new ScriptedLogic();
        using var host = new TestHost(logic);
        ulong ping = host.Send(EmptyBody.PingRequest);
        Assert.That(host.ReadResponse<ErrorBody>(ping).Message, Is.EqualTo("host environment information not configured"));
        ulong check = host.Send(new CheckTxBatchRequest { Inputs = [[1]] });
        Assert.That(host.ReadResponse<ErrorBody>(check).Module, Is.EqualTo("protocol"));
        host.Handshake();
        ulong after = host.Send(EmptyBody.PingRequest);
        host.ReadResponse<EmptyBody>(after);
    }

    [Test]
    public void PingIsAnsweredWhileABatchIsExecuting()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var logic = new ScriptedLogic
        {
            OnExecute = (_, _, _) =>
            {
                started.Set();
                release.Wait();
                return new ExecuteTxBatchResponse { TxInputRoot = Vectors.EmptyHash };
            },
        };
        using var host = new TestHost(logic);
        host.Handshake();
        ulong execute = host.Send(new ExecuteTxBatchRequest());
        Assert.That(started.Wait(10_000), Is.True);
        ulong ping = host.Send(EmptyBody.PingRequest);
        Assert.That(host.ReadResponse<EmptyBody>(ping).Name, Is.EqualTo("Empty"));
        ulong sync = host.Send(new ConsensusSyncRequest { Height = 7 });
        host.ReadResponse<EmptyBody>(sync);
        release.Set();
        Assert.That(host.ReadResponse<ExecuteTxBatchResponse>(execute).TxInputRoot, Is.EqualTo(Vectors.EmptyHash));
    }

    [Test]
    public void ConsensusSyncAndNotifySucceed()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        ulong sync = host.Send(new ConsensusSyncRequest { Height = 1000 });
        Assert.That(host.ReadResponse<EmptyBody>(sync).Name, Is.EqualTo(BodyNames.RuntimeConsensusSyncResponse));
        ulong notify = host.Send(new OpaqueBody(BodyNames.RuntimeNotifyRequest, [0xa0]));
        Assert.That(host.ReadResponse<EmptyBody>(notify).Name, Is.EqualTo(BodyNames.Empty));
    }

    [TestCase("RuntimeCapabilityTEERakInitRequest")]
    [TestCase("RuntimeCapabilityTEERakQuoteRequest")]
    [TestCase("RuntimeKeyManagerStatusUpdateRequest")]
    [TestCase("RuntimeKeyManagerQuotePolicyUpdateRequest")]
    [TestCase("RuntimeRPCCallRequest")]
    [TestCase("RuntimeLocalRPCCallRequest")]
    [TestCase("RuntimeShutdownRequest")]
    public void TeeKeyManagerAndRpcRequestsGetADispatcherError(string name)
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        ulong id = host.Send(new OpaqueBody(name, [0xa1, 0x61, 0x78, 0x01]));
        var error = host.ReadResponse<ErrorBody>(id);
        Assert.That(error.Module, Is.EqualTo("rhp/dispatcher"));
        Assert.That(error.Code, Is.GreaterThanOrEqualTo(1u));
    }

    [Test]
    public void UnknownAndMalformedBodiesGetAnErrorAndTheConnectionStays()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        ulong unknown = host.Send(new UnknownBody("RuntimeFrobnicateRequest", [0xa0]));
        Assert.That(host.ReadResponse<ErrorBody>(unknown).Message, Does.Contain("RuntimeFrobnicateRequest"));
        // { "height": "x" }: a text string where a u64 belongs.
        ulong bad = host.Send(new UnknownBody(BodyNames.RuntimeConsensusSyncRequest, [0xa1, 0x66, .. "height"u8, 0x61, 0x78]));
        Assert.That(host.ReadResponse<ErrorBody>(bad).Message, Does.StartWith("malformed RuntimeConsensusSyncRequest"));
        ulong ping = host.Send(EmptyBody.PingRequest);
        host.ReadResponse<EmptyBody>(ping);
    }

    [Test]
    public void AResponseBodySentAsARequestIsRefused()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        ulong id = host.Send(new QueryResponse());
        Assert.That(host.ReadResponse<ErrorBody>(id).Message, Does.Contain("not a request"));
    }

    [Test]
    public void AHandlerExceptionBecomesAnErrorResponse()
    {
        var logic = new ScriptedLogic
        {
            OnQuery = (q, _, _) => q.Method == "typed"
                ? throw new RuntimeErrorException("evm", 7, "reverted")
                : throw new InvalidOperationException("boom"),
        };
        using var host = new TestHost(logic);
        host.Handshake();
        ulong plain = host.Send(new QueryRequest { Method = "plain" });
        var error = host.ReadResponse<ErrorBody>(plain);
        Assert.That(error.Message, Does.Contain("boom"));
        Assert.That(error.Code, Is.EqualTo(1u));
        ulong typed = host.Send(new QueryRequest { Method = "typed" });
        var typedError = host.ReadResponse<ErrorBody>(typed);
        Assert.That((typedError.Module, typedError.Code, typedError.Message), Is.EqualTo(("evm", 7u, "reverted")));
    }

    [Test]
    public void HandlersReachTheHostWhileTheReaderKeepsGoing()
    {
        var logic = new ScriptedLogic
        {
            OnExecute = (_, hostCalls, ct) =>
            {
                var first = hostCalls.FetchTxBatch(null, 10, ct);
                var second = hostCalls.FetchTxBatch(Vectors.EmptyHash, 10, ct);
                return new ExecuteTxBatchResponse { TxHashes = [.. first.Concat(second).Select(tx => new Hash256(tx))] };
            },
        };
        using var host = new TestHost(logic);
        host.Handshake();
        ulong execute = host.Send(new ExecuteTxBatchRequest { Mode = ExecutionMode.Schedule });

        var fetch1 = host.Read();
        Assert.That((fetch1.Id, fetch1.Type), Is.EqualTo((0UL, MessageType.Request)), "runtime request ids count from 0");
        Assert.That(((FetchTxBatchRequest)fetch1.Body).Offset, Is.Null);
        // A ping between the runtime's request and our answer is still served.
        ulong ping = host.Send(EmptyBody.PingRequest);
        host.ReadResponse<EmptyBody>(ping);
        host.SendMessage(RhpMessage.Response(0, new FetchTxBatchResponse { Batch = [new byte[32]] }));

        var fetch2 = host.Read();
        Assert.That(fetch2.Id, Is.EqualTo(1UL));
        Assert.That(((FetchTxBatchRequest)fetch2.Body).Offset, Is.EqualTo(Vectors.EmptyHash));
        // Go sends a nil batch as null.
        host.SendCbor([0xa3, 0x62, .. "id"u8, 0x01, 0x64, .. "body"u8, 0xa1, 0x78, 0x18, .. "HostFetchTxBatchResponse"u8, 0xa1, 0x65, .. "batch"u8, 0xf6, 0x6c, .. "message_type"u8, 0x02]);

        var response = host.ReadResponse<ExecuteTxBatchResponse>(execute);
        Assert.That(response.TxHashes, Has.Count.EqualTo(1));
    }

    [Test]
    public void AHostErrorAnswerSurfacesInTheHandler()
    {
        var logic = new ScriptedLogic
        {
            OnQuery = (_, hostCalls, ct) => new QueryResponse { Data = hostCalls.FetchTxBatch(null, 1, ct)[0] },
        };
        using var host = new TestHost(logic);
        host.Handshake();
        ulong query = host.Send(new QueryRequest());
        var fetch = host.Read();
        host.SendMessage(RhpMessage.Response(fetch.Id, new ErrorBody("rhp/internal", 1, "not ready")));
        Assert.That(host.ReadResponse<ErrorBody>(query).Message, Does.Contain("not ready"));
    }

    [Test]
    public void AbortCancelsWorkThatObservesTheToken()
    {
        using var started = new ManualResetEventSlim();
        var logic = new ScriptedLogic
        {
            OnExecute = (_, _, ct) =>
            {
                started.Set();
                ct.WaitHandle.WaitOne();
                ct.ThrowIfCancellationRequested();
                return new ExecuteTxBatchResponse();
            },
        };
        using var host = new TestHost(logic);
        host.Handshake();
        ulong execute = host.Send(new ExecuteTxBatchRequest());
        Assert.That(started.Wait(10_000), Is.True);
        ulong abort = host.Send(EmptyBody.AbortRequest);
        var answers = new[] { host.Read(), host.Read() }.ToDictionary(m => m.Id, m => m.Body);
        Assert.That(answers[execute], Is.InstanceOf<ErrorBody>());
        Assert.That(answers[abort].Name, Is.EqualTo(BodyNames.RuntimeAbortResponse));
    }

    [Test]
    public void AbortOfWorkThatIgnoresTheTokenIsAnError()
    {
        using var started = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var logic = new ScriptedLogic
        {
            OnExecute = (_, _, _) =>
            {
                started.Set();
                release.Wait();
                return new ExecuteTxBatchResponse();
            },
        };
        using var host = new TestHost(logic);
        host.Handshake();
        ulong execute = host.Send(new ExecuteTxBatchRequest());
        Assert.That(started.Wait(10_000), Is.True);
        ulong abort = host.Send(EmptyBody.AbortRequest);
        Assert.That(host.ReadResponse<ErrorBody>(abort).Message, Does.Contain("did not stop"));
        release.Set();
        host.ReadResponse<ExecuteTxBatchResponse>(execute);
    }

    [Test]
    public void AbortWithNothingRunningSucceeds()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        ulong abort = host.Send(EmptyBody.AbortRequest);
        Assert.That(host.ReadResponse<EmptyBody>(abort).Name, Is.EqualTo(BodyNames.RuntimeAbortResponse));
    }
}
