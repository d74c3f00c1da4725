using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Executor.Tests.Oeth.OethTestSupport;

namespace OasisEth.Executor.Tests.Oeth;

/// <summary>
/// Many random rounds at ledger level: fee payments (base part burned, tip to the collector), transfers to new
/// and old accounts, ether destroyed, good committees of every shape (none, duplicates, uneven service) and
/// claims (good and bad). After every round pool + unclaimed + Σ balances + burned must be 21M OETH, with
/// Σ balances summed over every account the test ever touched, and unclaimed must equal Σ accrued + carried.
/// </summary>
[TestFixture]
public sealed class OethSupplyPropertyTests
{
    [TestCase(20261125, 3UL, 400)]
    [TestCase(7, 5UL, 400)]
    [TestCase(99, 1UL, 200)]
    public void Supply_adds_up_after_every_random_round(int seed, ulong roundsPerEpoch, int rounds)
    {
        var random = new Random(seed);
        const int accountCount = 8, entityCount = 6;
        var touched = new List<Address> { OethLedger.FeeCollector, OethLedger.LedgerAddress, OethClaims.Address };
        var funded = new List<(Address, UInt256)>();
        for (int i = 0; i < accountCount; i++)
        {
            funded.Add((Account(i), Coins((ulong)random.Next(1, 1000))));
            touched.Add(Account(i));
        }
        // A pool small enough that the schedule drains it mid-run.
        UInt256 allocated = UInt256.Zero;
        foreach ((Address _, UInt256 b) in funded) allocated += b;
        funded.Add((Account(999), OethLedger.TotalSupply - allocated - Coins(50)));
        touched.Add(Account(999));
        GenesisConfig genesis = MakeGenesis(new RewardSchedule(Coins(3) + new UInt256(17), 100, roundsPerEpoch), [.. funded]);
        InMemoryWorldState state = NewState(genesis);
        AssertSupply(state, touched, entityCount, "genesis");

        int claims = 0, refusedClaims = 0;
        UInt256 baseFee = new(1_000_000_007);
        for (ulong round = 1; round <= (ulong)rounds; round++)
        {
            UInt256 burned = UInt256.Zero;
            int txs = random.Next(0, 6);
            for (int t = 0; t < txs; t++)
            {
                Address sender = touched[3 + random.Next(accountCount)];
                UInt256 gas = new((ulong)random.Next(21_000, 300_000));
                UInt256 tipPrice = new((ulong)random.Next(0, 3_000_000));
                UInt256 fee = gas * (baseFee + tipPrice);
                if (state.GetBalance(sender) < fee) continue;
                state.BeginTransaction();
                state.SubtractBalance(sender, fee);
                state.AddBalance(OethLedger.FeeCollector, gas * tipPrice);
                burned += gas * baseFee;
                UInt256 balance = state.GetBalance(sender);
                UInt256 value = balance.IsZero ? UInt256.Zero : new UInt256((ulong)random.NextInt64(0, long.MaxValue)) % balance;
                switch (random.Next(4))
                {
                    case 0: // ether destroyed (a contract self-destructing to itself in its creating transaction)
                        state.SubtractBalance(sender, value);
                        burned += value;
                        break;
                    case 1: // transfer to a fresh account
                        Address fresh = Account(10_000 + touched.Count);
                        touched.Add(fresh);
                        state.SubtractBalance(sender, value);
                        state.AddBalance(fresh, value);
                        break;
                    default:
                        Address to = touched[random.Next(touched.Count)];
                        state.SubtractBalance(sender, value);
                        state.AddBalance(to, value);
                        break;
                }
                state.CommitTransaction(deleteTouchedEmpty: true);
            }

            if (random.Next(3) == 0)
            {
                int e = random.Next(entityCount);
                Address beneficiary = touched[random.Next(touched.Count)];
                ulong nonce = OethLedger.GetClaimNonce(state, Entity(e));
                bool bad = random.Next(4) == 0;
                ulong signedNonce = bad ? nonce + 1 : nonce;
                string? refusal = OethClaims.Apply(state, ChainId, OethClaims.BuildCalldata(PrivateKey(e), ChainId, beneficiary, signedNonce));
                if (refusal is null) claims++;
                else refusedClaims++;
                if (bad) Assert.That(refusal, Is.Not.Null, "a claim with a nonce ahead must be refused");
            }

            int committee = random.Next(0, entityCount + 2); // sometimes empty, sometimes with a duplicate
            var entities = new List<byte[]>();
            for (int k = 0; k < committee; k++) entities.Add(Entity(random.Next(entityCount)));
            OethLedger.EndRound(state, genesis, round, burned, entities);
            AssertSupply(state, touched, entityCount, $"round {round}");
        }

        Assert.Multiple(() =>
        {
            Assert.That(claims, Is.GreaterThan(10), "the run exercised claims");
            Assert.That(refusedClaims, Is.GreaterThan(0), "and refusals");
            Assert.That(OethLedger.GetReleased(state), Is.Not.EqualTo(UInt256.Zero), "and epoch releases");
            Assert.That(OethLedger.ReadSupply(state).Burned, Is.Not.EqualTo(UInt256.Zero), "and burns");
        });
    }

    private static void AssertSupply(IWorldState state, List<Address> touched, int entityCount, string when)
    {
        UInt256 balances = UInt256.Zero;
        foreach (Address a in touched) balances += state.GetBalance(a);
        UInt256 accrued = OethLedger.GetCarriedFees(state);
        for (int e = 0; e < entityCount; e++) accrued += OethLedger.GetAccrued(state, Entity(e));
        SupplyFigures figures = OethLedger.ReadSupply(state);
        Assert.That(figures.RewardPool + figures.Unclaimed + balances + figures.Burned, Is.EqualTo(OethLedger.TotalSupply), when);
        Assert.That(figures.Circulating, Is.EqualTo(balances), when);
        Assert.That(figures.Unclaimed, Is.EqualTo(accrued), when);
    }
}
