using System.Buffers.Binary;
using System.Diagnostics;
using System.Formats.Cbor;
using System.Net.Sockets;
using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.ParaTime.Tests.TestHost;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests;

/// <summary>The process and protocol rules of rhp-spec §15.2 (launch, handshake, liveness, CBOR, malformed frames,
/// state from the host, CheckTx, queries) against the real <c>oasis-eth</c> binary.</summary>
[NonParallelizable]
public sealed class RuntimeProtocolTests
{
    private static readonly UInt256 Gwei = new(1_000_000_000);

    [Test]
    public void Started_with_no_arguments_and_only_the_socket_variable_it_answers_the_handshake_within_a_second()
    {
        var storage = new HostStorage();
        var clock = Stopwatch.StartNew();
        using FakeOasisNode node = FakeOasisNode.Start(storage);
        TestContext.Out.WriteLine($"process start to RuntimeInfoResponse: {clock.Elapsed.TotalMilliseconds:F0} ms (handshake alone {node.HandshakeTime.TotalMilliseconds:F0} ms)");
        Assert.That(node.HandshakeTime, Is.LessThan(TimeSpan.FromSeconds(1)));
        Assert.That(node.Info.ProtocolVersion, Is.EqualTo(new RhpVersion(5, 1, 0)));
        Assert.That(node.Info.RuntimeVersion, Is.EqualTo(ParaTimeRuntime.Version));
        Assert.That(node.Info.Features.ScheduleControl, Is.Not.Null);

        // A second RuntimeInfoRequest on the same connection is refused; pings and consensus syncs are answered.
        Assert.Throws<HostCallException>(() => node.Call<RuntimeInfoResponse>(new RuntimeInfoRequest { RuntimeId = FakeOasisNode.RuntimeId, ConsensusBackend = "tendermint" }));
        Assert.That(node.Call<EmptyBody>(EmptyBody.PingRequest).Name, Is.EqualTo(BodyNames.Empty));
        Assert.That(node.Call<EmptyBody>(new ConsensusSyncRequest { Height = 1000 }).Name, Is.EqualTo(BodyNames.RuntimeConsensusSyncResponse));

        // The carried genesis: chain id 42261, no pre-mine (nothing in any account).
        var chain = new HostChain(storage);
        byte[] info = node.Call<QueryResponse>(chain.Query("eth.ChainInfo", [])).Data;
        Assert.That(ReadField(info, "chain_id"), Is.EqualTo(42261UL));
        Assert.That(ReadField(info, "block_number"), Is.EqualTo(0UL));
    }

    [Test]
    public void A_request_before_the_handshake_gets_an_error_and_the_runtime_sends_nothing_first()
    {
        using RuntimeProcess process = RuntimeProcess.Start("runtime", "--genesis", "dev");
        using var stream = new NetworkStream(process.Connection, ownsSocket: false);
        // Nothing arrives from the runtime before the host speaks.
        process.Connection.ReceiveTimeout = 300;
        var probe = new byte[1];
        Assert.Throws<IOException>(() => stream.ReadExactly(probe));
        process.Connection.ReceiveTimeout = 10_000;

        WriteFrame(stream, RhpMessage.Request(0, EmptyBody.PingRequest).Encode());
        RhpMessage answer = ReadMessage(stream);
        Assert.That(answer.Id, Is.EqualTo(0UL));
        Assert.That(answer.Body, Is.InstanceOf<ErrorBody>());
    }

    [Test]
    public void Malformed_frames_get_an_error_or_a_clean_close_and_never_a_crash()
    {
        // Garbage inside a well-framed message: an Error naming the id when it can be read, and the connection lives on.
        using (RuntimeProcess process = RuntimeProcess.Start("runtime", "--genesis", "dev"))
        using (var stream = new NetworkStream(process.Connection, ownsSocket: false))
        {
            process.Connection.ReceiveTimeout = 10_000;
            WriteFrame(stream, Handshake(0));
            Assert.That(ReadMessage(stream).Body, Is.InstanceOf<RuntimeInfoResponse>());

            // Unknown body name.
            WriteFrame(stream, Envelope(1, w => { w.WriteStartMap(1); w.WriteTextString("RuntimeNoSuchRequest"); w.WriteStartMap(0); w.WriteEndMap(); w.WriteEndMap(); }));
            Assert.That(ReadMessage(stream).Body, Is.InstanceOf<ErrorBody>());
            // Wrong types: a consensus sync whose height is text.
            WriteFrame(stream, Envelope(2, w => { w.WriteStartMap(1); w.WriteTextString("RuntimeConsensusSyncRequest"); w.WriteStartMap(1); w.WriteTextString("height"); w.WriteTextString("high"); w.WriteEndMap(); w.WriteEndMap(); }));
            Assert.That(ReadMessage(stream).Body, Is.InstanceOf<ErrorBody>());
            // Truncated CBOR inside a correct frame length.
            byte[] ping = RhpMessage.Request(3, EmptyBody.PingRequest).Encode();
            WriteFrame(stream, ping[..^3]);
            // A TEE request a non-TEE runtime never serves.
            WriteFrame(stream, Envelope(4, w => { w.WriteStartMap(1); w.WriteTextString("RuntimeCapabilityTEERakInitRequest"); w.WriteStartMap(0); w.WriteEndMap(); w.WriteEndMap(); }));
            RhpMessage tee = ReadMessage(stream);
            if (tee.Id == 3) tee = ReadMessage(stream); // an answer to the truncated frame, if its id was readable
            Assert.That(tee.Id, Is.EqualTo(4UL));
            Assert.That(tee.Body, Is.InstanceOf<ErrorBody>());
            // Still alive and answering.
            WriteFrame(stream, RhpMessage.Request(5, EmptyBody.PingRequest).Encode());
            Assert.That(ReadMessage(stream).Body.Name, Is.EqualTo(BodyNames.Empty));
            Assert.That(process.HasExited, Is.False);
        }

        // A length beyond any limit: the frame boundary is lost, so the runtime closes the connection and exits.
        using (RuntimeProcess process = RuntimeProcess.Start("runtime", "--genesis", "dev"))
        using (var stream = new NetworkStream(process.Connection, ownsSocket: false))
        {
            process.Connection.ReceiveTimeout = 10_000;
            var huge = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(huge, 0xFFFFFFF0);
            stream.Write(huge);
            stream.Write(new byte[64]);
            Assert.That(ClosedByPeer(stream), Is.True, "the runtime closes the connection");
            Assert.That(process.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "and exits instead of looping");
        }
    }

    [Test]
    public void Ping_is_answered_while_a_batch_waits_on_the_host()
    {
        string genesis = MixedWorkload.WriteGenesisFile();
        var storage = new HostStorage();
        var chain = new HostChain(storage);
        using FakeOasisNode node = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        try
        {
            // Round 1 builds the genesis (no storage needed); round 2 starts from a state the runtime must fetch once
            // restarted, so hold the host's storage answers and ping meanwhile.
            var workload = new MixedWorkload();
            MixedWorkload.Round first = workload.Next(1);
            var r1 = node.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(first.Entries));
            chain.CheckProposal(r1, first.Entries, 1000, 4UL << 20);
            chain.CheckAndFinalize(r1);

            using FakeOasisNode fresh = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
            storage.Gate.Reset();
            MixedWorkload.Round second = workload.Next(2);
            Task<Body> slow = fresh.CallAsync(chain.ScheduleRequest(second.Entries), CancellationToken.None);
            SpinWait.SpinUntil(() => storage.SyncRequests > 0, TimeSpan.FromSeconds(10));
            Assert.That(slow.IsCompleted, Is.False, "the batch waits on the host's storage");
            var clock = Stopwatch.StartNew();
            Assert.That(fresh.Call<EmptyBody>(EmptyBody.PingRequest, TimeSpan.FromSeconds(5)).Name, Is.EqualTo(BodyNames.Empty));
            TestContext.Out.WriteLine($"ping during the batch: {clock.Elapsed.TotalMilliseconds:F1} ms");
            Assert.That(slow.IsCompleted, Is.False);
            storage.Gate.Set();
            var r2 = (ExecuteTxBatchResponse)slow.GetAwaiter().GetResult();
            chain.CheckProposal(r2, second.Entries, 1000, 4UL << 20);
            chain.CheckAndFinalize(r2);
        }
        finally
        {
            storage.Gate.Set();
            File.Delete(genesis);
        }
    }

    [Test]
    public void Genesis_dev_funds_the_dev_accounts_check_tx_gives_pool_metadata_and_queries_read_the_round()
    {
        var storage = new HostStorage();
        var chain = new HostChain(storage);
        using FakeOasisNode node = FakeOasisNode.Start(storage, "runtime", "--genesis", "dev");
        byte[] devKey = Hex.Decode("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
        var dev0 = Address.Parse("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
        var to = Address.Parse("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
        byte[] transfer(ulong nonce, ulong tip = 1_000_000_000) => TestAccounts.Sign(new Transactions.Transaction
        {
            Type = Transactions.TxType.DynamicFee, ChainId = 31337, Nonce = nonce, MaxFeePerGas = 10_000_000_000, MaxPriorityFeePerGas = tip,
            GasLimit = 21_000, To = to, Value = Gwei,
        }, devKey);

        // CheckTx on the empty state reads the genesis: one result per input, in order, metadata on success.
        var check = node.Call<CheckTxBatchResponse>(chain.CheckRequest([transfer(0, 2_000_000_000), [0x01, 0x02], transfer(3)]));
        Assert.That(check.Results, Has.Count.EqualTo(3));
        Assert.That(check.Results[0].IsSuccess, Is.True);
        Assert.That(check.Results[0].Meta!.Sender, Is.EqualTo(dev0.Bytes.ToArray()));
        Assert.That(check.Results[0].Meta!.SenderSeq, Is.EqualTo(0UL));
        Assert.That(check.Results[0].Meta!.SenderStateSeq, Is.EqualTo(0UL));
        Assert.That(check.Results[0].Meta!.Priority, Is.EqualTo(2_000_000_000UL));
        Assert.That(check.Results[1].IsSuccess, Is.False);
        Assert.That(check.Results[1].Error.Module, Is.EqualTo("evm"));
        Assert.That(check.Results[2].IsSuccess, Is.True, "a nonce ahead is the pool's to queue");
        Assert.That(check.Results[2].Meta!.SenderSeq, Is.EqualTo(3UL));

        var round = node.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest([transfer(0), transfer(1)]));
        chain.CheckProposal(round, [transfer(0), transfer(1)], 1000, 4UL << 20);
        Assert.That(round.TxHashes, Has.Count.EqualTo(2));
        chain.CheckAndFinalize(round);
        // The round is logged as oasis-node reads runtime logs: one JSON object per line with msg, level and module.
        Assert.That(SpinWait.SpinUntil(() => node.Process.Output.Contains("\"msg\":\"round 1 (Schedule): 2 txs", StringComparison.Ordinal), TimeSpan.FromSeconds(5)),
            Is.True, node.Process.Output);
        string line = node.Process.Output.Split('\n').First(l => l.Contains("round 1 (Schedule)", StringComparison.Ordinal));
        using (var json = System.Text.Json.JsonDocument.Parse(line))
        {
            Assert.That(json.RootElement.GetProperty("level").GetString(), Is.EqualTo("INFO"));
            Assert.That(json.RootElement.GetProperty("module").GetString(), Is.EqualTo("oasis-eth"));
        }

        byte[] args = Args(w => { w.WriteTextString("address"); w.WriteByteString(to.Bytes); });
        byte[] balance = Single(node.Call<QueryResponse>(chain.Query("eth.Balance", args)).Data).ReadByteString();
        Assert.That(UInt256.FromBigEndian(balance), Is.EqualTo(new UInt256(10_000) * Executor.GenesisConfig.Oeth + 2 * Gwei));
        byte[] nonceArgs = Args(w => { w.WriteTextString("address"); w.WriteByteString(dev0.Bytes); });
        Assert.That(Single(node.Call<QueryResponse>(chain.Query("eth.Nonce", nonceArgs)).Data).ReadUInt64(), Is.EqualTo(2UL));
        Assert.Throws<HostCallException>(() => node.Call<QueryResponse>(chain.Query("eth.NoSuchMethod", [])));
        Assert.Throws<HostCallException>(() => node.Call<QueryResponse>(chain.Query("eth.Balance", [0xff])));

        var check2 = node.Call<CheckTxBatchResponse>(chain.CheckRequest([transfer(0)]));
        Assert.That(check2.Results[0].IsSuccess, Is.False, "nonce 0 is used now");
    }

    // ---- raw frames -----------------------------------------------------------------------------------------

    private static ulong ReadField(byte[] map, string key)
    {
        var r = new CborReader(map);
        int? n = r.ReadStartMap();
        for (int i = 0; i < n; i++)
        {
            string k = r.ReadTextString();
            if (k == key) return r.ReadUInt64();
            r.SkipValue();
        }
        throw new KeyNotFoundException(key);
    }

    private static CborReader Single(byte[] cbor) => new(cbor);

    /// <summary>End of stream, or a reset (the runtime closed with our unread bytes in its buffer).</summary>
    private static bool ClosedByPeer(Stream stream)
    {
        try
        {
            return stream.Read(new byte[16]) == 0;
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionReset })
        {
            return true;
        }
    }

    private static byte[] Args(Action<CborWriter> fields)
    {
        var w = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: true);
        w.WriteStartMap(null);
        fields(w);
        w.WriteEndMap();
        return w.Encode();
    }

    private static byte[] Handshake(ulong id) => RhpMessage.Request(id, new RuntimeInfoRequest
    {
        RuntimeId = FakeOasisNode.RuntimeId,
        ConsensusBackend = "tendermint",
        ConsensusProtocolVersion = new RhpVersion(7, 0, 0),
        ConsensusChainContext = "abcd",
    }).Encode();

    private static byte[] Envelope(ulong id, Action<CborWriter> body)
    {
        var w = new CborWriter(CborConformanceMode.Canonical);
        w.WriteStartMap(3);
        w.WriteTextString("id");
        w.WriteUInt64(id);
        w.WriteTextString("body");
        body(w);
        w.WriteTextString("message_type");
        w.WriteUInt32(1);
        w.WriteEndMap();
        return w.Encode();
    }

    private static void WriteFrame(Stream stream, byte[] cbor)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)cbor.Length);
        stream.Write(length);
        stream.Write(cbor);
        stream.Flush();
    }

    /// <summary>Reads one frame and checks it is canonical CBOR (the strict reader rejects unsorted or duplicate keys,
    /// non-minimal integers and indefinite lengths) before decoding it.</summary>
    private static RhpMessage ReadMessage(Stream stream)
    {
        var length = new byte[4];
        stream.ReadExactly(length);
        int n = (int)BinaryPrimitives.ReadUInt32BigEndian(length);
        Assert.That(n, Is.LessThanOrEqualTo(16 << 20));
        var frame = new byte[n];
        stream.ReadExactly(frame);
        var strict = new CborReader(frame, CborConformanceMode.Canonical);
        strict.SkipValue();
        Assert.That(strict.BytesRemaining, Is.Zero);
        return RhpMessage.TryDecode(frame, out _, out string? error) ?? throw new InvalidOperationException(error);
    }
}
