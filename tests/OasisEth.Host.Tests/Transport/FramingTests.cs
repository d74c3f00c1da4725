using OasisEth.Host.Protocol;
using OasisEth.Host.Tests.Dispatch;
using OasisEth.Host.Transport;

namespace OasisEth.Host.Tests.Transport;

/// <summary>Bad frames never crash the loop: they are answered, skipped or close the connection cleanly (rhp-spec §2, §15.2 item 3).</summary>
public class FramingTests
{
    [Test]
    public void AnOversizedLengthClosesTheConnection()
    {
        using var host = new TestHost(new ScriptedLogic(), maxReadFrame: 1024);
        host.SendRaw(TestHost.LengthPrefix(1025));
        Assert.That(host.ReadsEndOfStream(), Is.True);
        Assert.That(host.Runtime.Completion.Wait(10_000), Is.True);
        Assert.That(host.Runtime.CloseReason, Does.Contain("exceeds"));
    }

    [Test]
    public void AZeroLengthFrameClosesTheConnection()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.SendRaw(TestHost.LengthPrefix(0));
        Assert.That(host.ReadsEndOfStream(), Is.True);
        Assert.That(host.Runtime.Completion.Wait(10_000), Is.True);
    }

    [Test]
    public void AStreamEndingInsideAFrameClosesCleanly()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.SendRaw([.. TestHost.LengthPrefix(100), 0xa3, 0x62]);
        host.ShutdownWrite();
        Assert.That(host.Runtime.Completion.Wait(10_000), Is.True);
        Assert.That(host.Runtime.Closed.IsCancellationRequested, Is.True);
        Assert.That(host.Runtime.CloseReason, Does.Contain("inside a frame"));
    }

    [Test]
    public void GarbageWithoutAnIdIsSkippedAndTheNextFrameServed()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        host.SendCbor([0xff, 0x00, 0x13]);
        host.SendCbor([0x01]); // a valid CBOR item that is not a message
        ulong ping = host.Send(EmptyBody.PingRequest);
        host.ReadResponse<EmptyBody>(ping);
    }

    [Test]
    public void GarbageAfterAReadableIdIsAnsweredWithAnError()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        // { "id": 42, "body": <truncated> } inside a correctly framed frame.
        host.SendCbor([0xa3, 0x62, .. "id"u8, 0x18, 42, 0x64, .. "body"u8, 0xa1]);
        var error = host.ReadResponse<ErrorBody>(42);
        Assert.That(error.Message, Does.StartWith("malformed message"));
        // Trailing bytes after a complete message are malformed too (Go rejects them).
        var ping = RhpMessage.Request(43, EmptyBody.PingRequest).Encode();
        host.SendCbor([.. ping, 0x00]);
        Assert.That(host.ReadResponse<ErrorBody>(43).Message, Does.Contain("trailing"));
    }

    [Test]
    public void WrongEnvelopeTypesAreAnswered()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        // message_type 0 (invalid).
        host.SendCbor([0xa3, 0x62, .. "id"u8, 0x05, 0x64, .. "body"u8, 0xa1, 0x65, .. "Empty"u8, 0xa0, 0x6c, .. "message_type"u8, 0x00]);
        Assert.That(host.ReadResponse<ErrorBody>(5).Message, Does.Contain("invalid message type"));
        // body is an array.
        host.SendCbor([0xa3, 0x62, .. "id"u8, 0x06, 0x64, .. "body"u8, 0x80, 0x6c, .. "message_type"u8, 0x01]);
        Assert.That(host.ReadResponse<ErrorBody>(6).Message, Does.Contain("body is not a map"));
    }

    [Test]
    public void AnIndefiniteLengthMessageIsRejected()
    {
        using var host = new TestHost(new ScriptedLogic());
        host.Handshake();
        host.SendCbor([0xbf, 0x62, .. "id"u8, 0x05, 0xff]);
        ulong ping = host.Send(EmptyBody.PingRequest);
        host.ReadResponse<EmptyBody>(ping);
    }

    [Test]
    public void AResponseOverTheWriteLimitBecomesAnError()
    {
        var logic = new ScriptedLogic { OnQuery = (_, _, _) => new QueryResponse { Data = new byte[4096] } };
        using var host = new TestHost(logic, maxWriteFrame: 1024);
        host.Handshake();
        ulong query = host.Send(new QueryRequest());
        var error = host.ReadResponse<ErrorBody>(query);
        Assert.That(error.Module, Is.EqualTo("rhp/write"));
        Assert.That(error.Message, Does.Contain("frame limit"));
    }

    [Test]
    public void PendingHostCallsFailWhenTheConnectionCloses()
    {
        using var started = new ManualResetEventSlim();
        Exception? seen = null;
        using var done = new ManualResetEventSlim();
        var logic = new ScriptedLogic
        {
            OnExecute = (_, calls, ct) =>
            {
                try
                {
                    started.Set();
                    calls.FetchTxBatch(null, 1, ct);
                }
                catch (Exception e)
                {
                    seen = e;
                }
                done.Set();
                return new ExecuteTxBatchResponse();
            },
        };
        using var host = new TestHost(logic);
        host.Handshake();
        host.Send(new ExecuteTxBatchRequest());
        Assert.That(started.Wait(10_000), Is.True);
        host.Read(); // the fetch request
        host.ShutdownWrite();
        Assert.That(done.Wait(10_000), Is.True);
        Assert.That(seen, Is.InstanceOf<IOException>().Or.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public void FrameCodecRoundTripsAndRefusesTruncation()
    {
        using var stream = new MemoryStream();
        FrameCodec.Write(stream, [1, 2, 3]);
        Assert.That(stream.ToArray(), Is.EqualTo(new byte[] { 0, 0, 0, 3, 1, 2, 3 }));
        stream.Position = 0;
        Assert.That(FrameCodec.Read(stream, 16), Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(FrameCodec.Read(stream, 16), Is.Null, "clean end of stream");
        Assert.Throws<FrameException>(() => FrameCodec.Read(new MemoryStream([0, 0]), 16));
        Assert.Throws<FrameException>(() => FrameCodec.Read(new MemoryStream([0, 0, 0, 5, 1]), 16));
        Assert.Throws<FrameException>(() => FrameCodec.Read(new MemoryStream([0, 0, 0, 17]), 16));
    }
}
