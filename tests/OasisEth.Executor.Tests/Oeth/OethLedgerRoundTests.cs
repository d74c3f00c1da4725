using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Executor.Tests.Oeth.OethTestSupport;

namespace OasisEth.Executor.Tests.Oeth;

[TestFixture]
public sealed class OethLedgerRoundTests
{
    private static readonly Address Payer = Account(1);
    private static readonly UInt256 PayerFunds = Coins(1000);

    private static (InMemoryWorldState State, GenesisConfig Genesis) Setup(RewardSchedule schedule, UInt256? allocation = null)
    {
        GenesisConfig genesis = MakeGenesis(schedule, (Payer, allocation ?? PayerFunds));
        return (NewState(genesis), genesis);
    }

    private static readonly RewardSchedule NoRewards = new(UInt256.Zero, 0, 100);

    [Test]
    public void Fees_are_swept_to_the_round_entities_and_the_remainder_is_carried()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(NoRewards);
        PayTip(state, Payer, new UInt256(100));
        OethLedger.EndRound(state, genesis, 1, new UInt256(40), Entities(1, 2, 3));

        SupplyFigures figures = OethLedger.ReadSupply(state);
        Assert.Multiple(() =>
        {
            foreach (byte[] e in Entities(1, 2, 3)) Assert.That(OethLedger.GetAccrued(state, e), Is.EqualTo(new UInt256(33)));
            Assert.That(OethLedger.GetCarriedFees(state), Is.EqualTo(UInt256.One));
            Assert.That(figures.Unclaimed, Is.EqualTo(new UInt256(100)), "accrued 99 + carried 1");
            Assert.That(figures.Burned, Is.EqualTo(new UInt256(40)));
            Assert.That(state.GetBalance(OethLedger.FeeCollector), Is.EqualTo(UInt256.Zero));
            Assert.That(state.Exists(OethLedger.FeeCollector), Is.False, "the emptied collector is deleted");
        });

        // Next round: tip 2 + carried 1 = 3, one each.
        PayTip(state, Payer, new UInt256(2));
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, Entities(1, 2, 3));
        Assert.Multiple(() =>
        {
            foreach (byte[] e in Entities(1, 2, 3)) Assert.That(OethLedger.GetAccrued(state, e), Is.EqualTo(new UInt256(34)));
            Assert.That(OethLedger.GetCarriedFees(state), Is.EqualTo(UInt256.Zero));
            Assert.That(OethLedger.ReadSupply(state).Unclaimed, Is.EqualTo(new UInt256(102)));
        });
    }

    [Test]
    public void Burned_amounts_add_up_and_keep_the_total()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(NoRewards);
        // Destroying ether means the executor took it out of balances; the ledger only records it.
        state.BeginTransaction();
        state.SubtractBalance(Payer, new UInt256(500));
        state.CommitTransaction(true);
        OethLedger.EndRound(state, genesis, 1, new UInt256(500), []);
        state.BeginTransaction();
        state.SubtractBalance(Payer, new UInt256(7));
        state.CommitTransaction(true);
        OethLedger.EndRound(state, genesis, 2, new UInt256(7), []);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.ReadSupply(state).Burned, Is.EqualTo(new UInt256(507)));
            Assert.That(Total(state, [Payer, OethLedger.FeeCollector]), Is.EqualTo(OethLedger.TotalSupply));
        });
    }

    [Test]
    public void Fees_of_a_round_without_good_entities_go_to_the_next_round_that_has_some()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(NoRewards);
        PayTip(state, Payer, new UInt256(50));
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, []);
        PayTip(state, Payer, new UInt256(30));
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, []);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetCarriedFees(state), Is.EqualTo(new UInt256(80)));
            Assert.That(OethLedger.ReadSupply(state).Unclaimed, Is.EqualTo(new UInt256(80)), "carried fees are owed, so counted as unclaimed");
            Assert.That(Total(state, [Payer, OethLedger.FeeCollector]), Is.EqualTo(OethLedger.TotalSupply));
        });
        OethLedger.EndRound(state, genesis, 3, UInt256.Zero, Entities(4, 5));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(4)), Is.EqualTo(new UInt256(40)));
            Assert.That(OethLedger.GetAccrued(state, Entity(5)), Is.EqualTo(new UInt256(40)));
            Assert.That(OethLedger.GetCarriedFees(state), Is.EqualTo(UInt256.Zero));
        });
    }

    [Test]
    public void An_entity_listed_twice_in_a_round_counts_once()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(NoRewards);
        PayTip(state, Payer, new UInt256(10));
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, Entities(1, 2, 1));
        (ulong _, IReadOnlyList<(byte[] Entity, ulong GoodRounds)> open) = OethLedger.ReadOpenEpoch(state);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(5)));
            Assert.That(OethLedger.GetAccrued(state, Entity(2)), Is.EqualTo(new UInt256(5)));
            Assert.That(open.Select(e => e.GoodRounds), Is.EqualTo(new[] { 1UL, 1UL }));
        });
    }

    [Test]
    public void Epoch_release_is_proportional_to_good_rounds_and_the_remainder_stays_in_the_pool()
    {
        // 4 rounds per epoch; A serves all 4, B rounds 1-2, C round 4: 7 good rounds, 1000 / 7 = 142 each.
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(new RewardSchedule(new UInt256(1000), 10, 4));
        UInt256 poolBefore = OethLedger.ReadSupply(state).RewardPool;
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, Entities(2, 1));
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, Entities(1, 2));
        OethLedger.EndRound(state, genesis, 3, UInt256.Zero, Entities(1));

        (ulong epoch, IReadOnlyList<(byte[] Entity, ulong GoodRounds)> open) = OethLedger.ReadOpenEpoch(state);
        Assert.Multiple(() =>
        {
            Assert.That(epoch, Is.Zero);
            Assert.That(open.Select(e => e.Entity), Is.EqualTo(Entities(2, 1)), "listed in order of first service");
            Assert.That(open.Select(e => e.GoodRounds), Is.EqualTo(new[] { 2UL, 3UL }));
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(UInt256.Zero), "nothing before the epoch ends");
        });

        OethLedger.EndRound(state, genesis, 4, UInt256.Zero, Entities(1, 3));
        SupplyFigures figures = OethLedger.ReadSupply(state);
        (ulong nextEpoch, IReadOnlyList<(byte[] Entity, ulong GoodRounds)> cleared) = OethLedger.ReadOpenEpoch(state);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(4 * 142)));
            Assert.That(OethLedger.GetAccrued(state, Entity(2)), Is.EqualTo(new UInt256(2 * 142)));
            Assert.That(OethLedger.GetAccrued(state, Entity(3)), Is.EqualTo(new UInt256(142)));
            Assert.That(figures.RewardPool, Is.EqualTo(poolBefore - new UInt256(994)), "the remainder 6 stays in the pool");
            Assert.That(figures.Unclaimed, Is.EqualTo(new UInt256(994)));
            Assert.That(OethLedger.GetReleased(state), Is.EqualTo(new UInt256(994)));
            Assert.That(nextEpoch, Is.EqualTo(1UL));
            Assert.That(cleared, Is.Empty);
            Assert.That(Total(state, [Payer, OethLedger.FeeCollector]), Is.EqualTo(OethLedger.TotalSupply));
        });

        // The next epoch starts from zero counts: one round by entity 3 alone, then three empty rounds.
        OethLedger.EndRound(state, genesis, 5, UInt256.Zero, Entities(3));
        for (ulong r = 6; r <= 8; r++) OethLedger.EndRound(state, genesis, r, UInt256.Zero, []);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(3)), Is.EqualTo(new UInt256(142 + 1000)));
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(4 * 142)));
        });
    }

    [Test]
    public void A_per_round_share_below_one_wei_releases_nothing()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(new RewardSchedule(new UInt256(2), 10, 3));
        UInt256 pool = OethLedger.ReadSupply(state).RewardPool;
        for (ulong r = 1; r <= 3; r++) OethLedger.EndRound(state, genesis, r, UInt256.Zero, Entities(1));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(UInt256.Zero));
            Assert.That(OethLedger.ReadSupply(state).RewardPool, Is.EqualTo(pool));
            Assert.That(OethLedger.ReadOpenEpoch(state).Entities, Is.Empty, "the epoch is closed all the same");
        });
    }

    [Test]
    public void An_epoch_nobody_served_releases_nothing_and_still_counts_toward_the_schedule()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(new RewardSchedule(new UInt256(100), 2, 2));
        UInt256 pool = OethLedger.ReadSupply(state).RewardPool;
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, []);
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, []);
        Assert.That(OethLedger.ReadSupply(state).RewardPool, Is.EqualTo(pool));
        OethLedger.EndRound(state, genesis, 3, UInt256.Zero, Entities(1));
        OethLedger.EndRound(state, genesis, 4, UInt256.Zero, Entities(1));
        OethLedger.EndRound(state, genesis, 5, UInt256.Zero, Entities(1));
        OethLedger.EndRound(state, genesis, 6, UInt256.Zero, Entities(1));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(100)), "only epoch 1 of the two paid");
            Assert.That(OethLedger.ReadSupply(state).RewardPool, Is.EqualTo(pool - new UInt256(100)));
        });
    }

    [Test]
    public void The_schedule_ends_after_its_epochs()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(new RewardSchedule(new UInt256(100), 3, 2));
        for (ulong r = 1; r <= 20; r++) OethLedger.EndRound(state, genesis, r, UInt256.Zero, Entities(1));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(300)));
            Assert.That(OethLedger.GetReleased(state), Is.EqualTo(new UInt256(300)));
        });
    }

    [Test]
    public void Releases_stop_when_the_pool_runs_dry()
    {
        // Allocations leave 1500 wei in the pool; the schedule asks 1000 per epoch for 5 epochs.
        UInt256 allocation = OethLedger.TotalSupply - new UInt256(1500);
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(new RewardSchedule(new UInt256(1000), 5, 2), allocation);
        for (ulong r = 1; r <= 10; r++) OethLedger.EndRound(state, genesis, r, UInt256.Zero, Entities(1, 2));
        SupplyFigures figures = OethLedger.ReadSupply(state);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(750)), "500 + 250");
            Assert.That(OethLedger.GetAccrued(state, Entity(2)), Is.EqualTo(new UInt256(750)));
            Assert.That(figures.RewardPool, Is.EqualTo(UInt256.Zero));
            Assert.That(figures.Unclaimed, Is.EqualTo(new UInt256(1500)));
            Assert.That(Total(state, [Payer]), Is.EqualTo(OethLedger.TotalSupply));
        });
    }

    [Test]
    public void Fees_and_epoch_rewards_accrue_together()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(new RewardSchedule(new UInt256(1000), 10, 2));
        PayTip(state, Payer, new UInt256(11));
        OethLedger.EndRound(state, genesis, 1, new UInt256(3), Entities(1, 2));
        PayTip(state, Payer, new UInt256(4));
        OethLedger.EndRound(state, genesis, 2, new UInt256(3), Entities(1));
        // Fees: round 1: 11 -> 5 + 5, carry 1; round 2: 4 + 1 -> 5 to entity 1. Epoch: 3 good rounds, 333 each.
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(5 + 5 + 2 * 333)));
            Assert.That(OethLedger.GetAccrued(state, Entity(2)), Is.EqualTo(new UInt256(5 + 333)));
            Assert.That(OethLedger.GetCarriedFees(state), Is.EqualTo(UInt256.Zero));
            Assert.That(Total(state, [Payer, OethLedger.FeeCollector]), Is.EqualTo(OethLedger.TotalSupply + new UInt256(6)),
                "burned amounts the test did not take from a balance show up as a shortfall");
        });
    }

    [Test]
    public void A_round_that_skips_past_an_epoch_end_closes_that_epoch_first()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(new RewardSchedule(new UInt256(90), 10, 4));
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, Entities(1));
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, Entities(2));
        OethLedger.EndRound(state, genesis, 9, UInt256.Zero, Entities(3)); // epoch 2
        (ulong epoch, IReadOnlyList<(byte[] Entity, ulong GoodRounds)> open) = OethLedger.ReadOpenEpoch(state);
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(45)));
            Assert.That(OethLedger.GetAccrued(state, Entity(2)), Is.EqualTo(new UInt256(45)));
            Assert.That(epoch, Is.EqualTo(2UL));
            Assert.That(open.Select(e => e.Entity), Is.EqualTo(Entities(3)));
        });
    }

    [Test]
    public void Bad_round_input_is_refused_and_changes_nothing()
    {
        (InMemoryWorldState state, GenesisConfig genesis) = Setup(NoRewards);
        PayTip(state, Payer, new UInt256(10));
        OethLedger.EndRound(state, genesis, 1, UInt256.One, Entities(1));
        PayTip(state, Payer, new UInt256(10));
        SupplyFigures before = OethLedger.ReadSupply(state);

        Assert.Throws<ArgumentException>(() => OethLedger.EndRound(state, genesis, 2, UInt256.One, [Entity(1), new byte[31]]));
        Assert.Throws<ArgumentException>(() => OethLedger.EndRound(state, genesis, 2, UInt256.One, [null!]));
        Assert.Throws<InvalidOperationException>(() => OethLedger.EndRound(state, genesis, 1, UInt256.One, Entities(1)));
        Assert.Throws<ArgumentException>(() => OethLedger.EndRound(state, genesis, 0, UInt256.One, Entities(1)));
        Assert.Throws<InvalidOperationException>(() => OethLedger.EndRound(new InMemoryWorldState(), genesis, 1, UInt256.One, Entities(1)));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.ReadSupply(state), Is.EqualTo(before));
            Assert.That(OethLedger.GetLastRound(state), Is.EqualTo(1UL));
            Assert.That(state.GetBalance(OethLedger.FeeCollector), Is.EqualTo(new UInt256(10)));
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(10)));
            Assert.That(OethLedger.CheckEntities([Entity(1), new byte[33]]), Does.Contain("33 bytes"));
            Assert.That(OethLedger.CheckEntities(Entities(1, 2)), Is.Null);
        });
    }

    [Test]
    public void Getters_refuse_keys_of_the_wrong_size() =>
        Assert.Throws<ArgumentException>(() => OethLedger.GetAccrued(new InMemoryWorldState(), new byte[20]));
}
