using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.ParaTime.Tests.TestHost;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests;

/// <summary>The runtime's state is the host's (rhp-spec §9.4, §15.2 items 8, 9, 11): empty rounds change nothing, a
/// cache built for another root is never trusted, and queries run beside a batch.</summary>
[NonParallelizable]
public sealed class RuntimeStateTests
{
    [Test]
    public void An_empty_batch_after_genesis_changes_nothing_and_has_empty_io()
    {
        string genesis = MixedWorkload.WriteGenesisFile();
        var storage = new HostStorage();
        var chain = new HostChain(storage);
        using FakeOasisNode node = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        try
        {
            // The first round on the empty state writes the genesis even with nothing to run.
            var first = node.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest([]));
            Assert.That(first.Batch.StateWriteLog, Is.Not.Empty);
            Assert.That(first.Batch.Header.StateRoot, Is.Not.EqualTo(Sha512_256.EmptyHash));
            chain.CheckAndFinalize(first);
            Hash256 afterGenesis = chain.Head.StateRoot;

            var empty = node.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest([]));
            Assert.That(empty.Batch.Header.StateRoot, Is.EqualTo(afterGenesis));
            Assert.That(empty.Batch.Header.IoRoot, Is.EqualTo(Sha512_256.EmptyHash));
            Assert.That(empty.TxInputRoot, Is.EqualTo(Sha512_256.EmptyHash));
            Assert.That(empty.Batch.StateWriteLog, Is.Empty);
            Assert.That(empty.Batch.IoWriteLog, Is.Empty);
            Assert.That(empty.TxInputWriteLog, Is.Empty);
            Assert.That(empty.TxHashes, Is.Empty);
            Assert.That(empty.TxRejectHashes, Is.Empty);
            chain.CheckAndFinalize(empty);

            // Only invalid entries: rejected, still nothing changes.
            var invalid = node.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest([[0x01, 0x02, 0x03]]));
            Assert.That(invalid.TxRejectHashes, Has.Count.EqualTo(1));
            Assert.That(invalid.Batch.Header.StateRoot, Is.EqualTo(afterGenesis));
            chain.CheckAndFinalize(invalid);
        }
        finally
        {
            File.Delete(genesis);
        }
    }

    [Test]
    public void A_round_from_a_root_other_than_the_runtimes_last_commit_reads_that_root_from_the_host()
    {
        string genesis = MixedWorkload.WriteGenesisFile();
        var storage = new HostStorage();
        var chain = new HostChain(storage);
        var workload = new MixedWorkload();
        using FakeOasisNode a = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        using FakeOasisNode b = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        try
        {
            MixedWorkload.Round r1 = workload.Next(1);
            var first = a.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(r1.Entries));
            chain.CheckAndFinalize(first);

            // A proposes round 2, but the network finalizes B's different proposal (one transfer fewer) instead: A's
            // warm tree now holds a state that never became final.
            MixedWorkload.Round r2 = workload.Next(2);
            var lost = a.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(r2.Entries));
            var won = b.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(r2.Entries.Take(3).ToList()));
            Assert.That(won.Batch.Header.StateRoot, Is.Not.EqualTo(lost.Batch.Header.StateRoot));
            chain.CheckAndFinalize(won);

            // Round 3 on A starts from B's root: A must discard its tree and read through the host, and agree with B.
            var offer = new List<byte[]> { TestAccounts.Tx(3, 1, TestAccounts.Address(4), 5, maxFee: 50_000_000_000) };
            var fromA = a.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(offer));
            var fromB = b.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(offer));
            Assert.That(fromA.Batch.Header.ToCbor(), Is.EqualTo(fromB.Batch.Header.ToCbor()));
            chain.CheckAndFinalize(fromA);
        }
        finally
        {
            File.Delete(genesis);
        }
    }

    [Test]
    public void A_query_is_answered_while_a_batch_waits_on_the_host()
    {
        string genesis = MixedWorkload.WriteGenesisFile();
        var storage = new HostStorage();
        var chain = new HostChain(storage);
        var workload = new MixedWorkload();
        using FakeOasisNode a = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        try
        {
            var first = a.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(workload.Next(1).Entries));
            BlockHeader genesisHeader = chain.Head;
            chain.CheckAndFinalize(first);

            using FakeOasisNode cold = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
            storage.Gate.Reset();
            Task<Body> batch = cold.CallAsync(chain.ScheduleRequest(workload.Next(2).Entries), CancellationToken.None);
            SpinWait.SpinUntil(() => storage.SyncRequests > 0, TimeSpan.FromSeconds(10));
            // A query against the genesis header needs no storage: it must not wait behind the batch.
            QueryRequest query = chain.Query("eth.ChainInfo", []);
            query.Header = genesisHeader;
            Assert.That(cold.Call<QueryResponse>(query, TimeSpan.FromSeconds(5)).Data, Is.Not.Empty);
            Assert.That(batch.IsCompleted, Is.False);
            storage.Gate.Set();
            chain.CheckAndFinalize((ExecuteTxBatchResponse)batch.GetAwaiter().GetResult());
        }
        finally
        {
            storage.Gate.Set();
            File.Delete(genesis);
        }
    }

    [Test]
    public void A_replay_whose_inputs_do_not_match_the_proposed_io_root_is_refused_and_leaves_the_runtime_usable()
    {
        string genesis = MixedWorkload.WriteGenesisFile();
        var storage = new HostStorage();
        var chain = new HostChain(storage);
        var workload = new MixedWorkload();
        using FakeOasisNode node = FakeOasisNode.Start(storage, "runtime", "--genesis", genesis);
        try
        {
            MixedWorkload.Round r1 = workload.Next(1);
            var proposal = node.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(r1.Entries));
            List<byte[]> proposed = chain.CheckProposal(proposal, r1.Entries, 1000, 4UL << 20);

            // The inputs reordered: another input root than the one proposed.
            var reordered = Enumerable.Reverse(proposed).ToList();
            var refused = Assert.Throws<OasisEth.Host.Dispatch.HostCallException>(() =>
                node.Call<ExecuteTxBatchResponse>(chain.ExecuteRequest(reordered, proposal.TxInputRoot)));
            Assert.That(refused!.Error.Message, Does.Contain("io_root"));

            // Another runtime's namespace: refused.
            ExecuteTxBatchRequest foreign = chain.ExecuteRequest(proposed, proposal.TxInputRoot);
            foreign.Block = new Block { Header = new BlockHeader { Namespace = Sha512_256.EmptyHash, StateRoot = chain.Head.StateRoot } };
            Assert.Throws<OasisEth.Host.Dispatch.HostCallException>(() => node.Call<ExecuteTxBatchResponse>(foreign));

            // The honest replay still gives the proposal's commitment.
            var replay = node.Call<ExecuteTxBatchResponse>(chain.ExecuteRequest(proposed, proposal.TxInputRoot));
            Assert.That(replay.Batch.Header.ToCbor(), Is.EqualTo(proposal.Batch.Header.ToCbor()));
            chain.CheckAndFinalize(replay);
        }
        finally
        {
            File.Delete(genesis);
        }
    }
}
