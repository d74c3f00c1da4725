using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.ParaTime.Tests.TestHost;
using OasisEth.Primitives;

namespace OasisEth.ParaTime.Tests;

/// <summary>
/// The real <c>oasis-eth runtime</c> driven as a compute committee drives it: a proposer in Schedule mode and a
/// replica (a second process, its own empty cache, all state through HostStorageSync) in Execute mode, 100 rounds of
/// mixed EVM traffic, every root recomputed by the host from the returned write logs.
/// </summary>
[NonParallelizable]
public sealed class RuntimeRoundsTests
{
    private const uint InitialBatch = 6;
    private static readonly Dictionary<string, ulong> Config = new() { ["initial_batch_size"] = InitialBatch };

    /// <param name="servePrefixes">Whether the host answers SyncGetPrefixes (the runtime's cold-round prefetch) or
    /// refuses it, as a minimal host may: the roots must be the same either way.</param>
    [TestCase(true)]
    [TestCase(false)]
    public void Hundred_rounds_in_schedule_mode_replicated_in_execute_mode_with_every_root_checked(bool servePrefixes)
    {
        string genesis = MixedWorkload.WriteGenesisFile();
        var storage = new HostStorage { ServePrefixes = servePrefixes };
        var chain = new HostChain(storage);
        var workload = new MixedWorkload();
        FakeOasisNode proposer = FakeOasisNode.Start(storage, Config, "runtime", "--genesis", genesis);
        FakeOasisNode replica = FakeOasisNode.Start(storage, Config, "runtime", "--genesis", genesis);
        long peakRss = 0;
        int proposedTotal = 0, rejectedTotal = 0;
        try
        {
            TestContext.Out.WriteLine($"handshake: proposer {proposer.HandshakeTime.TotalMilliseconds:F0} ms, replica {replica.HandshakeTime.TotalMilliseconds:F0} ms");
            Assert.That(proposer.Info.ProtocolVersion.Major, Is.EqualTo((ushort)5));
            Assert.That(proposer.Info.Features.ScheduleControl?.InitialBatchSize, Is.EqualTo(InitialBatch));

            for (int round = 1; round <= 100; round++)
            {
                if (round % 40 == 0)
                {
                    // A restart between rounds: the new process has nothing but what the host serves.
                    peakRss = Math.Max(peakRss, proposer.Process.PeakRss());
                    proposer.Dispose();
                    proposer = FakeOasisNode.Start(storage, Config, "runtime", "--genesis", genesis);
                }
                if (round % 10 == 0)
                {
                    // Every tenth batch is replayed by a fresh process: an empty cache, all state from the host.
                    replica.Dispose();
                    replica = FakeOasisNode.Start(storage, Config, "runtime", "--genesis", genesis);
                }
                MixedWorkload.Round offer = workload.Next(round);
                List<byte[]> first = offer.Entries.Take((int)InitialBatch).ToList();
                lock (proposer.Pool)
                {
                    proposer.Pool.Clear();
                    foreach (byte[] raw in offer.Entries.Skip((int)InitialBatch)) proposer.Pool.Enqueue(raw);
                }

                var proposal = proposer.Call<ExecuteTxBatchResponse>(chain.ScheduleRequest(first));
                List<byte[]> proposed = chain.CheckProposal(proposal, offer.Entries, 1000, 4UL << 20);
                Assert.That(proposed, Has.Count.EqualTo(offer.Valid), $"round {round}: every valid entry is proposed");
                Assert.That(proposal.TxRejectHashes, Has.Count.EqualTo(offer.Invalid), $"round {round}: every invalid entry is rejected");
                Assert.That(proposer.Pool, Is.Empty, $"round {round}: the proposer fetched the rest of the pool");

                var replay = replica.Call<ExecuteTxBatchResponse>(chain.ExecuteRequest(proposed, proposal.TxInputRoot));
                Assert.That(replay.Batch.Header.ToCbor(), Is.EqualTo(proposal.Batch.Header.ToCbor()),
                    $"round {round}: the replica's commitment differs (discrepancy)");
                Assert.That(replay.TxInputRoot, Is.EqualTo(proposal.TxInputRoot));
                Assert.That(WriteLogBytes(replay.Batch.StateWriteLog), Is.EqualTo(WriteLogBytes(proposal.Batch.StateWriteLog)));
                Assert.That(WriteLogBytes(replay.Batch.IoWriteLog), Is.EqualTo(WriteLogBytes(proposal.Batch.IoWriteLog)));

                chain.CheckAndFinalize(proposal);
                proposedTotal += proposed.Count;
                rejectedTotal += proposal.TxRejectHashes.Count;
            }
            peakRss = Math.Max(peakRss, proposer.Process.PeakRss());
            TestContext.Out.WriteLine($"100 rounds: {proposedTotal} proposed, {rejectedTotal} rejected, {storage.SyncRequests} storage syncs ({storage.PrefixRequests} prefix fetches), {proposer.Fetches} fetches (last proposer)");
            TestContext.Out.WriteLine($"peak RSS: proposer {peakRss >> 20} MiB, replica {replica.Process.PeakRss() >> 20} MiB");
            Assert.That(peakRss, Is.LessThan(1L << 30), "the ParaTime's floor is a 2 GB node");
        }
        finally
        {
            proposer.Dispose();
            replica.Dispose();
            File.Delete(genesis);
        }
    }

    private static byte[] WriteLogBytes(IReadOnlyList<MkvsWriteLogEntry> log) => MkvsWriteLog.ToCbor(log);
}
