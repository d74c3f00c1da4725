using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Executor.Tests.Oeth.OethTestSupport;

namespace OasisEth.Executor.Tests.Oeth;

/// <summary>
/// The ledger under a halving schedule: every epoch releases what is due, unserved and skipped epochs are caught
/// up, the division remainder goes to the epoch's first entity, and the pool ends at exactly zero with all 21M
/// OETH accrued to operators. The supply invariant is checked after every round.
/// </summary>
[TestFixture]
public sealed class OethHalvingSupplyTests
{
    private static readonly byte[][] Three = Entities(1, 2, 3);

    private static UInt256 AccruedTotal(IWorldState state, byte[][] entities)
    {
        UInt256 sum = UInt256.Zero;
        foreach (byte[] e in entities) sum += OethLedger.GetAccrued(state, e);
        return sum;
    }

    private static void AssertInvariant(IWorldState state, IEnumerable<Address> accounts, string where) =>
        Assert.That(Total(state, accounts), Is.EqualTo(OethLedger.TotalSupply), where);

    [Test]
    public void The_original_schedule_releases_all_21M_to_the_last_wei_with_one_round_per_epoch()
    {
        GenesisConfig genesis = GenesisConfig.Network() with { ChainId = ChainId };
        InMemoryWorldState state = NewState(genesis);
        RewardSchedule s = genesis.Rewards;
        UInt256 first = new UInt256(525_000) * GenesisConfig.Oeth;

        ulong epoch = 0;
        for (; OethLedger.ReadSupply(state).RewardPool != UInt256.Zero; epoch++)
        {
            UInt256 poolBefore = OethLedger.ReadSupply(state).RewardPool;
            // Only the epoch's last round is run: the rounds in between are skipped.
            OethLedger.EndRound(state, genesis, (epoch + 1) * s.RoundsPerEpoch, UInt256.Zero, Three);
            UInt256 released = poolBefore - OethLedger.ReadSupply(state).RewardPool;
            if (epoch < 20) Assert.That(released, Is.EqualTo(first), $"epoch {epoch}");
            else if (epoch < 40) Assert.That(released, Is.EqualTo(first >> 1), $"epoch {epoch}");
            else if (epoch < 1580) Assert.That(released, Is.EqualTo(s.HalvingAmount(epoch)), $"epoch {epoch}");
            AssertInvariant(state, [], $"after epoch {epoch}");
            Assert.That(epoch, Is.LessThan(1581UL), "the tail empties the pool in its first served epoch");
        }

        Assert.Multiple(() =>
        {
            Assert.That(epoch, Is.EqualTo(1581UL), "epochs 0..1579 on schedule, 1580 the tail");
            Assert.That(AccruedTotal(state, Three), Is.EqualTo(OethLedger.TotalSupply));
            Assert.That(OethLedger.ReadSupply(state).Unclaimed, Is.EqualTo(OethLedger.TotalSupply));
        });

        // Nothing is left to release: later epochs close with nothing and the invariant still holds.
        OethLedger.EndRound(state, genesis, 2000 * s.RoundsPerEpoch, UInt256.Zero, Three);
        Assert.That(AccruedTotal(state, Three), Is.EqualTo(OethLedger.TotalSupply));
    }

    [Test]
    public void The_original_schedule_reaches_the_last_wei_with_rounds_that_skip_whole_epochs()
    {
        GenesisConfig genesis = GenesisConfig.Network() with { ChainId = ChainId };
        InMemoryWorldState state = NewState(genesis);
        ulong r = genesis.Rewards.RoundsPerEpoch;
        var random = new Random(12_2026);
        ulong round = 0;
        int calls = 0;
        while (OethLedger.ReadSupply(state).RewardPool != UInt256.Zero)
        {
            // Jump 1 to 60 epochs ahead, to any round of that epoch; some rounds have no good entity.
            round += (ulong)random.Next(0, 60) * r + (ulong)random.Next(1, (int)r + 1);
            byte[][] committee = random.Next(4) == 0 ? [] : Entities(1 + random.Next(3), 1 + random.Next(3));
            OethLedger.EndRound(state, genesis, round, UInt256.Zero, committee);
            AssertInvariant(state, [], $"round {round}");
            Assert.That(++calls, Is.LessThan(10_000));
        }
        Assert.That(AccruedTotal(state, Three), Is.EqualTo(OethLedger.TotalSupply));
    }

    [Test]
    public void A_small_halving_schedule_with_allocations_fees_and_random_skips_ends_with_an_empty_pool()
    {
        Address payer = Account(1);
        GenesisConfig genesis = MakeGenesis(RewardSchedule.Halving(new UInt256(1_000), 3, 4), (payer, Coins(5)));
        InMemoryWorldState state = NewState(genesis);
        UInt256 genesisPool = OethLedger.TotalSupply - Coins(5);
        var random = new Random(7);
        ulong round = 0;
        UInt256 tips = UInt256.Zero;
        while (OethLedger.ReadSupply(state).RewardPool != UInt256.Zero)
        {
            round += (ulong)random.Next(1, 15);
            UInt256 tip = new((ulong)random.Next(0, 50));
            PayTip(state, payer, tip);
            tips += tip;
            byte[][] committee = random.Next(3) == 0 ? [] : Entities(1 + random.Next(3), 1 + random.Next(3), 1 + random.Next(3));
            UInt256 releasedBefore = genesisPool - OethLedger.ReadSupply(state).RewardPool;
            OethLedger.EndRound(state, genesis, round, UInt256.Zero, committee);
            UInt256 released = genesisPool - OethLedger.ReadSupply(state).RewardPool;
            AssertInvariant(state, [payer], $"round {round}");

            // Never ahead of the schedule: by the end of epoch e at most CumulativeDue(e) is out (until the tail).
            ulong closedThrough = round / 4; // epochs 0 … closedThrough - 1 are closed
            if (closedThrough > 0 && released != releasedBefore && genesis.Rewards.CumulativeDue(closedThrough - 1) is UInt256 due)
                Assert.That(released, Is.LessThanOrEqualTo(due), $"round {round}");
            Assert.That(round, Is.LessThan(1_000_000UL));
        }
        // Everything but the payer's balance is now the operators' (accrued rewards plus swept fees, carried fees).
        UInt256 carried = OethLedger.GetCarriedFees(state);
        Assert.That(AccruedTotal(state, Three) + carried + state.GetBalance(payer), Is.EqualTo(OethLedger.TotalSupply));
    }

    [Test]
    public void An_epoch_nobody_served_is_paid_with_the_next_served_one()
    {
        GenesisConfig genesis = MakeGenesis(RewardSchedule.Halving(new UInt256(900), 2, 2));
        InMemoryWorldState state = NewState(genesis);
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, []);
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, []); // epoch 0 closes unserved: nothing released
        Assert.That(OethLedger.ReadSupply(state).Unclaimed, Is.EqualTo(UInt256.Zero));
        OethLedger.EndRound(state, genesis, 4, UInt256.Zero, Entities(1)); // epoch 1 closes: 900 + 900 due
        Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(1800)));
        OethLedger.EndRound(state, genesis, 6, UInt256.Zero, Entities(1)); // epoch 2: halved
        Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(2250)));
    }

    [Test]
    public void The_division_remainder_goes_to_the_epoch_s_first_entity()
    {
        GenesisConfig genesis = MakeGenesis(RewardSchedule.Halving(new UInt256(10), 5, 1));
        InMemoryWorldState state = NewState(genesis);
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, Entities(2, 1, 3));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.GetAccrued(state, Entity(2)), Is.EqualTo(new UInt256(4)), "3 + the remainder 1");
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(3)));
            Assert.That(OethLedger.GetAccrued(state, Entity(3)), Is.EqualTo(new UInt256(3)));
        });
    }

    [Test]
    public void A_pool_changed_outside_the_schedule_stops_the_round()
    {
        GenesisConfig genesis = MakeGenesis(RewardSchedule.Halving(new UInt256(10), 5, 1));
        InMemoryWorldState state = NewState(genesis);
        state.BeginTransaction();
        state.SetStorage(OethLedger.LedgerAddress, new UInt256(1), OethLedger.ReadSupply(state).RewardPool - UInt256.One);
        state.CommitTransaction(false);
        Assert.That(() => OethLedger.EndRound(state, genesis, 1, UInt256.Zero, Entities(1)),
            Throws.InvalidOperationException.With.Message.Contains("supply invariant broken"));
    }
}
