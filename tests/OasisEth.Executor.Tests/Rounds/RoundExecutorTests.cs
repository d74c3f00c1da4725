using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>The shared round logic away from the dev node: a tree rebuilt from write logs alone (what the ParaTime
/// runtime holds) continues the chain exactly as the chain does, and Schedule mode defers rather than rejects.</summary>
public sealed class RoundExecutorTests
{
    private static readonly UInt256 Gwei = new(1_000_000_000);

    [Test]
    public void Genesis_built_on_an_empty_tree_matches_the_dev_chains_block_zero()
    {
        using var f = new ChainFixture();
        var executor = new RoundExecutor(f.Genesis);
        var tree = new MkvsTree();
        BlockHeader genesis = executor.WriteGenesis(tree);
        var (root, _) = tree.Commit();
        Assert.That(root, Is.EqualTo(f.Chain.Head.StateRoot));
        Assert.That(genesis, Is.EqualTo(f.Chain.Head).Using<BlockHeader>((a, b) => a.Hash == b.Hash && a.StateRoot == b.StateRoot));
        Assert.That(ChainRecords.ReadHead(tree, root)!.Hash, Is.EqualTo(f.Chain.Head.Hash));
    }

    [Test]
    public void A_tree_replayed_from_write_logs_continues_the_chain_with_identical_roots_and_hashes()
    {
        using var f = new ChainFixture();
        var executor = new RoundExecutor(f.Genesis);
        var replica = new MkvsTree();
        BlockHeader parent = executor.WriteGenesis(replica);
        replica.Commit();
        Address b = TestAccounts.Address(1);
        for (ulong round = 1; round <= 300; round++)
        {
            byte[][] batch = [TestAccounts.Tx(0, round - 1, b, Gwei), TestAccounts.Tx(2, round - 1, null, UInt256.Zero, [0x60, 0x00, 0x40, 0x60, 0x00, 0x52], gas: 100_000)];
            RoundResult dev = f.Round(batch);

            BlockHeader stateParent = ChainRecords.ReadHead(replica, replica.Root)!;
            Assert.That(stateParent.Hash, Is.EqualTo(parent.Hash), $"round {round}: head record");
            OpenRound open = executor.Begin(new RoundContext(stateParent, round * 6, [], n => ChainRecords.ReadBlockHash(replica, n)), replica);
            foreach (byte[] raw in batch) open.Add(raw, RoundMode.Replay);
            SealedRound sealedRound = open.Seal();

            Assert.That(sealedRound.Header.Hash, Is.EqualTo(dev.Block.Header.Hash), $"round {round}: block hash");
            Assert.That(sealedRound.StateRoot, Is.EqualTo(dev.Block.Header.StateRoot), $"round {round}: state root");
            parent = sealedRound.Header;
        }
        // BLOCKHASH's window: the last 256 parents are recorded, older ones are gone.
        Assert.That(ChainRecords.ReadBlockHash(replica, 299), Is.EqualTo(f.Chain.GetHeader(299)!.Hash));
        Assert.That(ChainRecords.ReadBlockHash(replica, 300 - 256), Is.EqualTo(f.Chain.GetHeader(44)!.Hash));
        Assert.That(ChainRecords.ReadBlockHash(replica, 300 - 257), Is.EqualTo(Hash256.Zero));
    }

    [Test]
    public void Schedule_mode_defers_future_nonces_and_oversized_gas_but_rejects_invalid_entries()
    {
        using var f = new ChainFixture(genesis: ChainFixture.DevGenesis(4) with { GasLimit = 100_000 });
        var executor = new RoundExecutor(f.Genesis);
        var tree = new MkvsTree();
        BlockHeader genesis = executor.WriteGenesis(tree);
        tree.Commit();
        Address b = TestAccounts.Address(1);
        OpenRound open = executor.Begin(new RoundContext(genesis, 6, [], _ => Hash256.Zero), tree);

        Assert.That(open.Add(TestAccounts.Tx(0, 1, b, Gwei), RoundMode.Schedule).Disposition, Is.EqualTo(EntryDisposition.Deferred));
        Assert.That(open.Add(TestAccounts.Tx(0, 0, b, Gwei), RoundMode.Schedule).Disposition, Is.EqualTo(EntryDisposition.Executed));
        Assert.That(open.Add(TestAccounts.Tx(0, 1, b, Gwei), RoundMode.Schedule).Disposition, Is.EqualTo(EntryDisposition.Executed));
        Assert.That(open.Add(TestAccounts.Tx(0, 0, b, Gwei), RoundMode.Schedule).Disposition, Is.EqualTo(EntryDisposition.Rejected), "nonce too low");
        Assert.That(open.Add([0xc0, 0x01], RoundMode.Schedule).Disposition, Is.EqualTo(EntryDisposition.Rejected), "undecodable");
        Assert.That(open.Add(TestAccounts.Tx(1, 0, b, Gwei, gas: 90_000), RoundMode.Schedule).Disposition, Is.EqualTo(EntryDisposition.Deferred), "fits a later block");
        Assert.That(open.Add(TestAccounts.Tx(1, 0, b, Gwei, gas: 200_000), RoundMode.Schedule).Disposition, Is.EqualTo(EntryDisposition.Rejected), "fits no block");
        // The same entries replayed: nothing is deferred, what cannot run is rejected.
        Assert.That(open.Add(TestAccounts.Tx(0, 5, b, Gwei), RoundMode.Replay).Disposition, Is.EqualTo(EntryDisposition.Rejected));
        SealedRound sealedRound = open.Seal();
        Assert.That(sealedRound.Receipts, Has.Count.EqualTo(2));
        Assert.That(sealedRound.Rejected, Has.Count.EqualTo(4));
        Assert.Throws<InvalidOperationException>(() => open.Add(TestAccounts.Tx(0, 2, b, Gwei), RoundMode.Replay));
    }
}
