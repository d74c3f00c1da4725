using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using static OasisEth.Host.Tests.Vectors;

namespace OasisEth.Host.Tests.Protocol;

/// <summary>rhp-spec §14.4 V1–V12: each frame encodes byte-exactly from our types and decodes back to the same values.</summary>
public class FrameVectorTests
{
    private const string V1 = "000000b8a36269640064626f6479a17252756e74696d65496e666f52657175657374a46a72756e74696d655f69645820800000000000000000000000000000000000000000000000000000000123456771636f6e73656e7375735f6261636b656e646a74656e6465726d696e7477636f6e73656e7375735f636861696e5f636f6e746578746461626364781a636f6e73656e7375735f70726f746f636f6c5f76657273696f6ea1656d616a6f72076c6d6573736167655f7479706501";
    private const string V2 = "00000097a36269640064626f6479a17352756e74696d65496e666f526573706f6e7365a3686665617475726573a1707363686564756c655f636f6e74726f6ca172696e697469616c5f62617463685f73697a6518326f72756e74696d655f76657273696f6ea1656d616a6f72017070726f746f636f6c5f76657273696f6ea2656d616a6f7205656d696e6f72016c6d6573736167655f7479706502";
    private const string V3 = "0000002da36269640764626f6479a17252756e74696d6550696e6752657175657374a06c6d6573736167655f7479706501";
    private const string V4 = "00000020a36269640764626f6479a165456d707479a06c6d6573736167655f7479706502";
    private const string V5 = "00000059a36269640964626f6479a1654572726f72a364636f646501666d6f64756c656e7268702f64697370617463686572676d657373616765746d6574686f64206e6f7420737570706f727465646c6d6573736167655f7479706502";
    private const string V6Request = "00000041a36269640364626f6479a1781b52756e74696d65436f6e73656e73757353796e6352657175657374a1666865696768741903e86c6d6573736167655f7479706501";
    private const string V6Response = "00000038a36269640364626f6479a1781c52756e74696d65436f6e73656e73757353796e63526573706f6e7365a06c6d6573736167655f7479706502";
    private const string V7Header = "aa65726f756e640067696f5f726f6f745820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6776657273696f6e00696e616d657370616365582080000000000000000000000000000000000000000000000000000000012345676974696d657374616d701a6553f1006a73746174655f726f6f745820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6b6865616465725f74797065016c696e5f6d7367735f686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6d6d657373616765735f686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6d70726576696f75735f686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a";
    private const string V8Header = "a665726f756e640167696f5f726f6f745820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6a73746174655f726f6f745820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6c696e5f6d7367735f686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6d6d657373616765735f686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6d70726576696f75735f686173685820844bf9516215b947c925370f3cb8d809057ed50c8510375792c8a81d3dc49a67";
    private const string V9 = "00000209a36269640564626f6479a1781d52756e74696d654578656375746554784261746368526573706f6e7365a5656261746368a566686561646572a665726f756e640167696f5f726f6f745820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6a73746174655f726f6f745820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6c696e5f6d7367735f686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6d6d657373616765735f686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6d70726576696f75735f686173685820844bf9516215b947c925370f3cb8d809057ed50c8510375792c8a81d3dc49a676772616b5f736967584000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000686d65737361676573806c696f5f77726974655f6c6f67806f73746174655f77726974655f6c6f67806974785f686173686573806d74785f696e7075745f726f6f745820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a7074785f72656a6563745f686173686573807274785f696e7075745f77726974655f6c6f67806c6d6573736167655f7479706502";
    private const string V10 = "000000cba36269640464626f6479a1781b52756e74696d65436865636b54784261746368526573706f6e7365a167726573756c747382a2646d657461a46673656e646572541111111111111111111111111111111111111111687072696f726974791a3b9aca006a73656e6465725f736571057073656e6465725f73746174655f73657105656572726f72a0a2646d657461f6656572726f72a364636f646502666d6f64756c656365766d676d6573736167656d696e76616c6964206e6f6e63656c6d6573736167655f7479706502";
    private const string V11 = "000000e3a36269640064626f6479a176486f737453746f7261676553796e6352657175657374a26753796e63476574a2636b657943666f6f6474726565a264726f6f74a4626e735820800000000000000000000000000000000000000000000000000000000123456764686173685820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a6776657273696f6e0169726f6f745f747970650168706f736974696f6e5820c672b8d1ef56ed28ab87c3622c5114069bdd3ad7b8f9737498d0c01ecef0967a68656e64706f696e74006c6d6573736167655f7479706501";
    private const string V12 = "828243666f6f4362617282436d6f6ff6";

    private static Hash256 GenesisHash => Hash256.Parse("844bf9516215b947c925370f3cb8d809057ed50c8510375792c8a81d3dc49a67");

    [Test]
    public void V1_RuntimeInfoRequest()
    {
        var msg = RhpMessage.Request(0, new RuntimeInfoRequest
        {
            RuntimeId = RuntimeId,
            ConsensusBackend = "tendermint",
            ConsensusProtocolVersion = new RhpVersion(7, 0, 0),
            ConsensusChainContext = "abcd",
        });
        Assert.That(ToHex(Frame(msg)), Is.EqualTo(V1));

        var back = Unframe(Hex(V1));
        Assert.That(back.Id, Is.EqualTo(0UL));
        Assert.That(back.Type, Is.EqualTo(MessageType.Request));
        var body = (RuntimeInfoRequest)back.Body;
        Assert.That(body.RuntimeId, Is.EqualTo(RuntimeId));
        Assert.That(body.ConsensusBackend, Is.EqualTo("tendermint"));
        Assert.That(body.ConsensusProtocolVersion, Is.EqualTo(new RhpVersion(7, 0, 0)));
        Assert.That(body.ConsensusChainContext, Is.EqualTo("abcd"));
        Assert.That(body.LocalConfig, Is.Empty);
    }

    [Test]
    public void V2_RuntimeInfoResponse()
    {
        var msg = RhpMessage.Response(0, new RuntimeInfoResponse
        {
            RuntimeVersion = new RhpVersion(1, 0, 0),
            Features = new Features { ScheduleControl = new ScheduleControl(50) },
        });
        Assert.That(ToHex(Frame(msg)), Is.EqualTo(V2));

        var body = (RuntimeInfoResponse)Unframe(Hex(V2)).Body;
        Assert.That(body.ProtocolVersion, Is.EqualTo(new RhpVersion(5, 1, 0)));
        Assert.That(body.RuntimeVersion, Is.EqualTo(new RhpVersion(1, 0, 0)));
        Assert.That(body.Features.ScheduleControl, Is.EqualTo(new ScheduleControl(50)));
    }

    [Test]
    public void V3_V4_PingAndEmpty()
    {
        Assert.That(ToHex(Frame(RhpMessage.Request(7, EmptyBody.PingRequest))), Is.EqualTo(V3));
        Assert.That(ToHex(Frame(RhpMessage.Response(7, EmptyBody.Empty))), Is.EqualTo(V4));
        var ping = Unframe(Hex(V3));
        Assert.That((ping.Id, ping.Type, ping.Body.Name), Is.EqualTo((7UL, MessageType.Request, "RuntimePingRequest")));
        var empty = Unframe(Hex(V4));
        Assert.That((empty.Id, empty.Type, empty.Body.Name), Is.EqualTo((7UL, MessageType.Response, "Empty")));
    }

    [Test]
    public void V5_Error()
    {
        var msg = RhpMessage.Response(9, new ErrorBody("rhp/dispatcher", 1, "method not supported"));
        Assert.That(ToHex(Frame(msg)), Is.EqualTo(V5));
        var error = (ErrorBody)Unframe(Hex(V5)).Body;
        Assert.That((error.Module, error.Code, error.Message), Is.EqualTo(("rhp/dispatcher", 1u, "method not supported")));
    }

    [Test]
    public void V6_ConsensusSync()
    {
        Assert.That(ToHex(Frame(RhpMessage.Request(3, new ConsensusSyncRequest { Height = 1000 }))), Is.EqualTo(V6Request));
        Assert.That(ToHex(Frame(RhpMessage.Response(3, EmptyBody.ConsensusSyncResponse))), Is.EqualTo(V6Response));
        Assert.That(((ConsensusSyncRequest)Unframe(Hex(V6Request)).Body).Height, Is.EqualTo(1000UL));
        Assert.That(Unframe(Hex(V6Response)).Body.Name, Is.EqualTo("RuntimeConsensusSyncResponse"));
    }

    [Test]
    public void V7_GenesisHeaderAndHash()
    {
        var header = GenesisHeader();
        Assert.That(ToHex(header.ToCbor()), Is.EqualTo(V7Header));
        Assert.That(header.Hash(), Is.EqualTo(GenesisHash));
        var back = BlockHeader.Read(CborIn.Reader(Hex(V7Header)));
        Assert.That(ToHex(back.ToCbor()), Is.EqualTo(V7Header));
        Assert.That(back.Timestamp, Is.EqualTo(1700000000UL));
        Assert.That(back.HeaderType, Is.EqualTo(HeaderType.Normal));
    }

    private static ComputeResultsHeader V8Value() => new()
    {
        Round = 1,
        PreviousHash = GenesisHash,
        IoRoot = EmptyHash,
        StateRoot = EmptyHash,
        MessagesHash = EmptyHash,
        InMsgsHash = EmptyHash,
    };

    [Test]
    public void V8_ComputeResultsHeader()
    {
        var header = V8Value();
        Assert.That(ToHex(header.ToCbor()), Is.EqualTo(V8Header));
        Assert.That(header.Hash(), Is.EqualTo(Hash256.Parse("fbe2f5899764fe3d0f479b854f43d8521394b71283a0fec0437437177d5d194a")));
        var back = ComputeResultsHeader.Read(CborIn.Reader(Hex(V8Header)));
        Assert.That(back.PreviousHash, Is.EqualTo(GenesisHash));
        Assert.That(back.StateRoot, Is.EqualTo(EmptyHash));
        Assert.That(back.InMsgsCount, Is.Zero);
    }

    [Test]
    public void V9_ExecuteTxBatchResponse()
    {
        var msg = RhpMessage.Response(5, new ExecuteTxBatchResponse
        {
            Batch = new ComputedBatch { Header = V8Value() },
            TxInputRoot = EmptyHash,
        });
        var frame = Frame(msg);
        Assert.That(ToHex(frame), Is.EqualTo(V9));
        Assert.That(frame.Length - 4, Is.EqualTo(0x209));

        var body = (ExecuteTxBatchResponse)Unframe(Hex(V9)).Body;
        Assert.That(body.Batch.Header.Hash(), Is.EqualTo(Hash256.Parse("fbe2f5899764fe3d0f479b854f43d8521394b71283a0fec0437437177d5d194a")));
        Assert.That(body.Batch.RakSig, Is.EqualTo(new byte[64]));
        Assert.That(body.TxInputRoot, Is.EqualTo(EmptyHash));
        Assert.That(body.TxHashes, Is.Empty);
        Assert.That(body.TxInputWriteLog, Is.Empty);
    }

    [Test]
    public void V10_CheckTxBatchResponse()
    {
        var msg = RhpMessage.Response(4, new CheckTxBatchResponse
        {
            Results =
            [
                CheckTxResult.Ok(new CheckTxMetadata { Priority = 1_000_000_000, Sender = Enumerable.Repeat((byte)0x11, 20).ToArray(), SenderSeq = 5, SenderStateSeq = 5 }),
                CheckTxResult.Fail("evm", 2, "invalid nonce"),
            ],
        });
        Assert.That(ToHex(Frame(msg)), Is.EqualTo(V10));

        var body = (CheckTxBatchResponse)Unframe(Hex(V10)).Body;
        Assert.That(body.Results, Has.Count.EqualTo(2));
        Assert.That(body.Results[0].IsSuccess, Is.True);
        Assert.That(body.Results[0].Meta!.Priority, Is.EqualTo(1_000_000_000UL));
        Assert.That(body.Results[0].Meta!.SenderSeq, Is.EqualTo(5UL));
        Assert.That(body.Results[1].IsSuccess, Is.False);
        Assert.That(body.Results[1].Meta, Is.Null);
        Assert.That(body.Results[1].Error.Message, Is.EqualTo("invalid nonce"));
    }

    [Test]
    public void V11_StorageSyncGet()
    {
        var root = new StorageRoot(RuntimeId, 1, RootType.State, EmptyHash);
        var msg = RhpMessage.Request(0, new StorageSyncRequest
        {
            Endpoint = HostStorageEndpoint.Runtime,
            Op = new SyncGetRequest { Tree = new TreeId(root, EmptyHash), Key = Ascii("foo") },
        });
        Assert.That(ToHex(Frame(msg)), Is.EqualTo(V11));

        var body = (StorageSyncRequest)Unframe(Hex(V11)).Body;
        var get = (SyncGetRequest)body.Op;
        Assert.That(get.Tree.Root, Is.EqualTo(root));
        Assert.That(get.Tree.Position, Is.EqualTo(EmptyHash));
        Assert.That(get.Key, Is.EqualTo(Ascii("foo")));
        Assert.That(get.IncludeSiblings, Is.False);
    }

    [Test]
    public void V12_WriteLog()
    {
        List<MkvsWriteLogEntry> log = [new(Ascii("foo"), Ascii("bar")), new(Ascii("moo"), null)];
        Assert.That(ToHex(CborOut.Encode(w => WriteLogCbor.Write(w, log))), Is.EqualTo(V12));
        var back = WriteLogCbor.Read(CborIn.Reader(Hex(V12)));
        Assert.That(back[0].Value, Is.EqualTo(Ascii("bar")));
        Assert.That(back[1].IsDelete, Is.True);
    }

    [Test]
    public void EveryEmittedFrameIsCanonical()
    {
        // A Canonical-mode reader rejects unsorted/duplicate keys, non-minimal ints and indefinite lengths.
        foreach (var hex in new[] { V1, V2, V3, V4, V5, V6Request, V6Response, V9, V10, V11 })
        {
            var message = Unframe(Hex(hex));
            var reader = new CborReader(message.Encode(), CborConformanceMode.Canonical);
            Assert.DoesNotThrow(() => reader.SkipValue());
        }
    }
}
