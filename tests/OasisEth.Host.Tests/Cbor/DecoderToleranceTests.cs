using System.Formats.Cbor;
using OasisEth.Host.Cbor;
using OasisEth.Host.Protocol;
using static OasisEth.Host.Tests.Vectors;

namespace OasisEth.Host.Tests.Cbor;

/// <summary>
/// The lenient reader (rhp-spec §3.1, §15.2 item 3): Go-style nulls, unknown fields and absent optionals decode
/// to defaults; what is present with the wrong type is an error, never a silent zero.
/// </summary>
public class DecoderToleranceTests
{
    /// <summary>A Go-encoded execute request: nil slices as null, no mode/in_msgs, plus fields from a newer host.</summary>
    private static byte[] GoStyleExecuteRequest() => CborOut.Encode(w =>
    {
        w.WriteStartMap(null);
        w.WriteTextString("consensus_block");
        w.WriteStartMap(null);
        CborOut.I64(w, "height", 12);
        w.WriteTextString("meta");
        w.WriteNull();
        w.WriteEndMap();
        w.WriteTextString("round_results");
        w.WriteNull();
        CborOut.Hash(w, "io_root", default);
        w.WriteTextString("inputs");
        w.WriteNull();
        w.WriteTextString("block");
        w.WriteStartMap(null);
        w.WriteTextString("header");
        GenesisHeader().Write(w);
        w.WriteEndMap();
        CborOut.U64(w, "epoch", 3);
        CborOut.U64(w, "max_messages", 0);
        w.WriteTextString("a_future_field");
        w.WriteStartArray(2);
        w.WriteTextString("nested");
        w.WriteStartMap(null);
        w.WriteEndMap();
        w.WriteEndArray();
        w.WriteEndMap();
    });

    [Test]
    public void GoStyleNullsAndUnknownFieldsDecodeToDefaults()
    {
        var body = BodyCodec.Decode(BodyNames.RuntimeExecuteTxBatchRequest, GoStyleExecuteRequest());
        var request = body as ExecuteTxBatchRequest;
        Assert.That(request, Is.Not.Null, (body as UnknownBody)?.Error);
        Assert.That(request!.Mode, Is.EqualTo(ExecutionMode.Execute), "absent mode = Execute");
        Assert.That(request.Inputs, Is.Empty);
        Assert.That(request.InMsgs, Is.Empty);
        Assert.That(request.RoundResults.Messages, Is.Empty);
        Assert.That(request.ConsensusBlock.Height, Is.EqualTo(12));
        Assert.That(request.ConsensusBlock.Meta, Is.Empty);
        Assert.That(request.Block.Header.Hash(), Is.EqualTo(GenesisHeader().Hash()));
        Assert.That(request.Epoch, Is.EqualTo(3UL));
    }

    [Test]
    public void EnvelopeIgnoresSpanContextAndUnknownKeys()
    {
        var cbor = CborOut.Encode(w =>
        {
            w.WriteStartMap(null);
            CborOut.U64(w, "id", 11);
            CborOut.U64(w, "message_type", 1);
            w.WriteTextString("span_context");
            w.WriteNull();
            w.WriteTextString("body");
            w.WriteStartMap(1);
            w.WriteTextString("RuntimePingRequest");
            w.WriteStartMap(null);
            CborOut.U64(w, "extra", 1);
            w.WriteEndMap();
            w.WriteEndMap();
            w.WriteEndMap();
        });
        var message = RhpMessage.TryDecode(cbor, out _, out var error);
        Assert.That(message, Is.Not.Null, error);
        Assert.That((message!.Id, message.Body.Name), Is.EqualTo((11UL, "RuntimePingRequest")));
    }

    [Test]
    public void NullStructsAndBytesReadAsDefaults()
    {
        var cbor = CborOut.Encode(w =>
        {
            w.WriteStartMap(null);
            w.WriteTextString("consensus_block");
            w.WriteNull();
            w.WriteTextString("header");
            w.WriteNull();
            w.WriteTextString("method");
            w.WriteNull();
            w.WriteTextString("args");
            w.WriteNull();
            w.WriteEndMap();
        });
        var query = (QueryRequest)BodyCodec.Decode(BodyNames.RuntimeQueryRequest, cbor);
        Assert.That(query.Method, Is.Empty);
        Assert.That(query.Args, Is.Empty);
        Assert.That(query.Header.Round, Is.Zero);
    }

    [Test]
    public void ANullPayloadIsAnEmptyBody()
    {
        var body = BodyCodec.Decode(BodyNames.RuntimePingRequest, [0xf6]);
        Assert.That(body, Is.SameAs(EmptyBody.PingRequest));
    }

    [Test]
    public void AbsentOptionalsTakeDefaultsInCheckTxResults()
    {
        // { "results": [ { "error": {} } ] }: meta absent, code absent.
        var body = (CheckTxBatchResponse)BodyCodec.Decode(BodyNames.RuntimeCheckTxBatchResponse,
            [0xa1, 0x67, .. "results"u8, 0x81, 0xa1, 0x65, .. "error"u8, 0xa0]);
        Assert.That(body.Results[0].IsSuccess, Is.True);
        Assert.That(body.Results[0].Meta, Is.Null);
    }

    [TestCase("a1666865696768746178", TestName = "text where a u64 belongs")]
    [TestCase("a166686569676874", TestName = "truncated payload")]
    [TestCase("a16668656967687420", TestName = "negative height")]
    [TestCase("a1666865696768741bffffffffffffffff00", TestName = "trailing bytes")]
    [TestCase("82", TestName = "array instead of map")]
    [TestCase("bf666865696768740aff", TestName = "indefinite-length map")]
    public void WrongTypesBecomeAnUnknownBodyWithTheReason(string payloadHex)
    {
        var body = BodyCodec.Decode(BodyNames.RuntimeConsensusSyncRequest, Hex(payloadHex));
        Assert.That(body, Is.InstanceOf<UnknownBody>());
        Assert.That(((UnknownBody)body).Error, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void HashesMustBe32Bytes()
    {
        var cbor = CborOut.Encode(w =>
        {
            w.WriteStartMap(null);
            CborOut.Bytes(w, "io_root", new byte[31]);
            w.WriteEndMap();
        });
        Assert.That(BodyCodec.Decode(BodyNames.RuntimeExecuteTxBatchRequest, cbor), Is.InstanceOf<UnknownBody>());
    }

    [Test]
    public void IntegersOutOfRangeAreRejected()
    {
        var cbor = CborOut.Encode(w =>
        {
            w.WriteStartMap(null);
            CborOut.U64(w, "max_messages", 1UL << 32);
            w.WriteEndMap();
        });
        Assert.That(BodyCodec.Decode(BodyNames.RuntimeCheckTxBatchRequest, cbor), Is.InstanceOf<UnknownBody>());
    }

    [Test]
    public void UnknownNamesKeepTheirPayload()
    {
        var body = BodyCodec.Decode("RuntimeSomethingNewRequest", [0xa0]);
        Assert.That(body, Is.InstanceOf<UnknownBody>());
        Assert.That(((UnknownBody)body).Error, Is.Null);
    }

    [Test]
    public void TheCanonicalWriterSortsKeysAndOmitsOptionalZeros()
    {
        var cbor = CborOut.Encode(w =>
        {
            w.WriteStartMap(null);
            CborOut.OptU64(w, "zzz", 0);
            CborOut.U64(w, "bb", 1);
            CborOut.U64(w, "a", 2);
            CborOut.OptText(w, "empty", "");
            w.WriteEndMap();
        });
        Assert.That(ToHex(cbor), Is.EqualTo("a261610262626201"));
        Assert.DoesNotThrow(() => new CborReader(cbor, CborConformanceMode.Canonical).SkipValue());
    }

    [Test]
    public void LocalConfigRoundTripsAsRawValues()
    {
        var request = new RuntimeInfoRequest { RuntimeId = RuntimeId, ConsensusBackend = "tendermint" };
        request.LocalConfig["max_batch_size"] = [0x18, 100];
        request.LocalConfig["name"] = [0x61, 0x78];
        var back = (RuntimeInfoRequest)BodyCodec.Decode(request.Name, CborOut.Encode(request.WritePayload));
        Assert.That(back.LocalConfig.Keys, Is.EqualTo(new[] { "max_batch_size", "name" }));
        Assert.That(back.LocalConfig["max_batch_size"], Is.EqualTo(new byte[] { 0x18, 100 }));
    }
}
