using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Executor.Tests.Oeth.OethTestSupport;

namespace OasisEth.Executor.Tests.Oeth;

/// <summary>Developers' and community grants: a fixed share of every release paid into an address's balance before
/// the operators split the rest, under both schedule forms, with the supply invariant after every round.</summary>
[TestFixture]
public sealed class OethGrantTests
{
    private static readonly Address Developers = Account(901);
    private static readonly Address Community = Account(902);
    private static readonly RewardGrant[] Grants = [new(Developers, 1_000), new(Community, 500)];

    [Test]
    public void A_flat_release_pays_the_grants_first_and_the_operators_the_rest()
    {
        GenesisConfig genesis = MakeGenesis(new RewardSchedule(new UInt256(1_001), 5, 2) { Grants = Grants });
        InMemoryWorldState state = NewState(genesis);
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, Entities(1));
        OethLedger.EndRound(state, genesis, 2, UInt256.Zero, Entities(1, 2));
        Assert.Multiple(() =>
        {
            Assert.That(state.GetBalance(Developers), Is.EqualTo(new UInt256(100)), "⌊1001 · 10%⌋");
            Assert.That(state.GetBalance(Community), Is.EqualTo(new UInt256(50)), "⌊1001 · 5%⌋");
            // 851 left for 3 good rounds: 283 a round, the 2 wei remainder stays in the pool (flat rule).
            Assert.That(OethLedger.GetAccrued(state, Entity(1)), Is.EqualTo(new UInt256(566)));
            Assert.That(OethLedger.GetAccrued(state, Entity(2)), Is.EqualTo(new UInt256(283)));
            Assert.That(Total(state, [Developers, Community]), Is.EqualTo(OethLedger.TotalSupply));
        });
    }

    [Test]
    public void An_epoch_nobody_served_pays_no_grant_either()
    {
        GenesisConfig genesis = MakeGenesis(new RewardSchedule(new UInt256(1_000), 5, 1) { Grants = Grants });
        InMemoryWorldState state = NewState(genesis);
        OethLedger.EndRound(state, genesis, 1, UInt256.Zero, []);
        Assert.That(state.GetBalance(Developers), Is.EqualTo(UInt256.Zero));
    }

    [Test]
    public void The_original_halving_schedule_with_grants_pays_out_all_21M_to_the_last_wei()
    {
        GenesisConfig genesis = GenesisConfig.Network() with { ChainId = ChainId };
        genesis = genesis with { Rewards = genesis.Rewards with { Grants = Grants } };
        InMemoryWorldState state = NewState(genesis);
        ulong r = genesis.Rewards.RoundsPerEpoch;
        var random = new Random(99);
        ulong round = 0;
        while (OethLedger.ReadSupply(state).RewardPool != UInt256.Zero)
        {
            round += (ulong)random.Next(0, 40) * r + (ulong)random.Next(1, (int)r + 1);
            OethLedger.EndRound(state, genesis, round, UInt256.Zero, random.Next(5) == 0 ? [] : Entities(1, 2));
            Assert.That(Total(state, [Developers, Community]), Is.EqualTo(OethLedger.TotalSupply), $"round {round}");
        }
        UInt256 operators = OethLedger.GetAccrued(state, Entity(1)) + OethLedger.GetAccrued(state, Entity(2));
        UInt256 developers = state.GetBalance(Developers);
        UInt256 community = state.GetBalance(Community);
        Assert.Multiple(() =>
        {
            Assert.That(operators + developers + community, Is.EqualTo(OethLedger.TotalSupply));
            // Each release rounds the grants down, so they are at most their share and short of it by a few wei
            // per release at most.
            Assert.That(developers, Is.LessThanOrEqualTo(OethLedger.TotalSupply / new UInt256(10)));
            Assert.That(developers, Is.GreaterThan(OethLedger.TotalSupply / new UInt256(10) - new UInt256(10_000)));
            Assert.That(community, Is.LessThanOrEqualTo(OethLedger.TotalSupply / new UInt256(20)));
            Assert.That(community, Is.GreaterThan(OethLedger.TotalSupply / new UInt256(20) - new UInt256(10_000)));
        });
    }
}
