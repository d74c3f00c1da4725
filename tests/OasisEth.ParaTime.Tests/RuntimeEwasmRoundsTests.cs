using System.Formats.Cbor;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.ParaTime.Tests.TestHost;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests;

/// <summary>
/// An Ewasm contract through the RHP rounds of the real <c>oasis-eth runtime</c> on a genesis with Ewasm on (the dev
/// genesis): deployed in one round, called in the next, each round proposed by one process and replayed by another,
/// which must reach the same header, state and I/O write logs; the queries then read the wasm code, the storage the
/// contract wrote and its answer to a call.
/// </summary>
[NonParallelizable]
public sealed class RuntimeEwasmRoundsTests
{
    private static readonly UInt256 Gwei = new(1_000_000_000);

    [Test]
    public void An_Ewasm_contract_is_deployed_and_called_in_rounds_that_a_second_runtime_replays_to_the_same_roots()
    {
        byte[] counter = EwasmCounter.Code;
        string genesis = MixedWorkload.WriteGenesisFile();
        var storage = new HostStorage();
        var chain = new HostChain(storage);
        FakeOasisNode proposer = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        FakeOasisNode replica = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        try
        {
            Address contract = Evm.ContractAddress.FromCreate(TestAccounts.Address(0), 0);
            RunRound(chain, proposer, replica, [TestAccounts.Tx(0, 0, null, UInt256.Zero, EwasmCounter.DeployCode(counter), 1_000_000, maxFee: 50_000_000_000)]);
            RunRound(chain, proposer, replica,
            [
                TestAccounts.Tx(1, 0, contract, UInt256.Zero, [], 200_000, maxFee: 50_000_000_000),
                TestAccounts.Tx(2, 0, contract, UInt256.Zero, [], 200_000, maxFee: 50_000_000_000),
                TestAccounts.Tx(3, 0, contract, UInt256.Zero, [], 200_000, maxFee: 50_000_000_000),
                TestAccounts.Tx(4, 0, TestAccounts.Address(5), Gwei),
            ]);

            byte[] address = Args(w => { w.WriteTextString("address"); w.WriteByteString(contract.Bytes); });
            Assert.That(new CborReader(Query(chain, replica, "eth.Code", address)).ReadByteString(), Is.EqualTo(counter), "the runtime code is the wasm module");
            byte[] slot = Args(w =>
            {
                w.WriteTextString("address"); w.WriteByteString(contract.Bytes);
                w.WriteTextString("slot"); w.WriteByteString(new byte[32]);
            });
            Assert.That(UInt256.FromBigEndian(new CborReader(Query(chain, replica, "eth.Storage", slot)).ReadByteString()), Is.EqualTo(new UInt256(3)),
                "three calls in the round counted three times");
            byte[] call = Args(w =>
            {
                w.WriteTextString("from"); w.WriteByteString(TestAccounts.Address(6).Bytes);
                w.WriteTextString("to"); w.WriteByteString(contract.Bytes);
            });
            (bool success, byte[] output) = ReadCall(Query(chain, proposer, "eth.Call", call));
            Assert.That(success, Is.True);
            Assert.That(UInt256.FromBigEndian(output), Is.EqualTo(new UInt256(4)), "eth.Call runs the contract on the latest state");
        }
        finally
        {
            proposer.Dispose();
            replica.Dispose();
            File.Delete(genesis);
        }
    }

    /// <summary>The proposer schedules the batch, the replica executes what was proposed: the same commitment and
    /// write logs, or the committee would see a discrepancy; then the host checks every root and finalizes.</summary>
    private static void RunRound(HostChain chain, FakeOasisNode proposer, FakeOasisNode replica, List<byte[]> entries)
    {
        var proposal = proposer.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(entries));
        List<byte[]> proposed = chain.CheckProposal(proposal, entries, 1000, 4UL << 20);
        Assert.That(proposed, Has.Count.EqualTo(entries.Count), "every entry is proposed");
        Assert.That(proposal.TxRejectHashes, Is.Empty);
        var replay = replica.Call<ExecuteTxBatchResponse>(chain.ExecuteRequest(proposed, proposal.TxInputRoot));
        Assert.That(replay.Batch.Header.ToCbor(), Is.EqualTo(proposal.Batch.Header.ToCbor()), "the replica's commitment");
        Assert.That(MkvsWriteLog.ToCbor(replay.Batch.StateWriteLog), Is.EqualTo(MkvsWriteLog.ToCbor(proposal.Batch.StateWriteLog)));
        Assert.That(MkvsWriteLog.ToCbor(replay.Batch.IoWriteLog), Is.EqualTo(MkvsWriteLog.ToCbor(proposal.Batch.IoWriteLog)));
        chain.CheckAndFinalize(proposal);
    }

    private static byte[] Query(HostChain chain, FakeOasisNode node, string method, byte[] args) =>
        node.Call<QueryResponse>(chain.Query(method, args)).Data;

    private static (bool Success, byte[] Output) ReadCall(byte[] map)
    {
        var r = new CborReader(map);
        int? n = r.ReadStartMap();
        bool success = false;
        byte[] output = [];
        for (int i = 0; i < n; i++)
        {
            string key = r.ReadTextString();
            if (key == "success") success = r.ReadBoolean();
            else if (key == "output") output = r.ReadByteString();
            else r.SkipValue();
        }
        return (success, output);
    }

    private static byte[] Args(Action<CborWriter> fields)
    {
        var w = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: true);
        w.WriteStartMap(null);
        fields(w);
        w.WriteEndMap();
        return w.Encode();
    }
}
