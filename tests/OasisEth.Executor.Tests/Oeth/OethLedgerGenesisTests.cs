using OasisEth.Primitives;
using OasisEth.State;
using static OasisEth.Executor.Tests.Oeth.OethTestSupport;

namespace OasisEth.Executor.Tests.Oeth;

[TestFixture]
public sealed class OethLedgerGenesisTests
{
    private static readonly RewardSchedule Schedule = new(new UInt256(1000), 10, 4);

    [Test]
    public void Without_allocations_the_whole_supply_is_in_the_pool()
    {
        InMemoryWorldState state = NewState(MakeGenesis(Schedule));
        Assert.That(OethLedger.ReadSupply(state), Is.EqualTo(new SupplyFigures(OethLedger.TotalSupply, UInt256.Zero, UInt256.Zero, UInt256.Zero)));
    }

    [Test]
    public void Allocations_come_out_of_the_pool()
    {
        InMemoryWorldState state = NewState(MakeGenesis(Schedule, (Account(1), Coins(1_000_000)), (Account(2), Coins(250) + new UInt256(3))));
        SupplyFigures figures = OethLedger.ReadSupply(state);
        UInt256 allocated = Coins(1_000_250) + new UInt256(3);
        Assert.Multiple(() =>
        {
            Assert.That(figures.RewardPool, Is.EqualTo(OethLedger.TotalSupply - allocated));
            Assert.That(figures.Circulating, Is.EqualTo(allocated));
            Assert.That(state.GetBalance(Account(1)), Is.EqualTo(Coins(1_000_000)));
            Assert.That(state.GetBalance(Account(2)), Is.EqualTo(Coins(250) + new UInt256(3)));
            Assert.That(Total(state, [Account(1), Account(2), OethLedger.LedgerAddress]), Is.EqualTo(OethLedger.TotalSupply));
        });
    }

    [Test]
    public void Allocating_the_whole_supply_leaves_an_empty_pool()
    {
        InMemoryWorldState state = NewState(MakeGenesis(Schedule, (Account(1), OethLedger.TotalSupply)));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.ReadSupply(state).RewardPool, Is.EqualTo(UInt256.Zero));
            Assert.That(OethLedger.ReadSupply(state).Circulating, Is.EqualTo(OethLedger.TotalSupply));
        });
    }

    [Test]
    public void Allocations_get_their_nonce_code_and_storage()
    {
        GenesisConfig genesis = MakeGenesis(Schedule) with
        {
            Allocations =
            [
                new GenesisAllocation(Account(5), new UInt256(9))
                {
                    Nonce = 7,
                    Code = [0x60, 0x00, 0xff],
                    Storage = [new(new UInt256(1), new UInt256(11)), new(new UInt256(2), UInt256.Zero), new(UInt256.MaxValue, new UInt256(12))],
                },
            ],
        };
        InMemoryWorldState state = NewState(genesis);
        Assert.Multiple(() =>
        {
            Assert.That(state.GetNonce(Account(5)), Is.EqualTo(7UL));
            Assert.That(state.GetCode(Account(5)), Is.EqualTo(new byte[] { 0x60, 0x00, 0xff }));
            Assert.That(state.GetStorage(Account(5), new UInt256(1)), Is.EqualTo(new UInt256(11)));
            Assert.That(state.GetStorage(Account(5), UInt256.MaxValue), Is.EqualTo(new UInt256(12)));
            Assert.That(state.GetStorage(Account(5), new UInt256(2)), Is.EqualTo(UInt256.Zero));
            Assert.That(state.GetOriginalStorage(Account(5), new UInt256(1)), Is.EqualTo(new UInt256(11)), "genesis is committed");
        });
    }

    [Test]
    public void The_ledger_account_is_never_empty_so_a_touch_cannot_delete_its_figures()
    {
        InMemoryWorldState state = NewState(MakeGenesis(Schedule));
        state.BeginTransaction();
        state.AddBalance(OethLedger.LedgerAddress, UInt256.Zero); // a zero-value call touches it
        state.CommitTransaction(deleteTouchedEmpty: true);
        Assert.Multiple(() =>
        {
            Assert.That(state.GetNonce(OethLedger.LedgerAddress), Is.EqualTo(1UL));
            Assert.That(OethLedger.HasLedger(state), Is.True);
            Assert.That(OethLedger.ReadSupply(state).RewardPool, Is.EqualTo(OethLedger.TotalSupply));
        });
    }

    [Test]
    public void Genesis_is_applied_once()
    {
        GenesisConfig genesis = MakeGenesis(Schedule);
        InMemoryWorldState state = NewState(genesis);
        Assert.Throws<InvalidOperationException>(() => OethLedger.ApplyGenesis(state, genesis));
    }

    [Test]
    public void An_invalid_genesis_writes_nothing()
    {
        var state = new InMemoryWorldState();
        GenesisConfig tooMuch = MakeGenesis(Schedule, (Account(1), OethLedger.TotalSupply), (Account(2), UInt256.One));
        Assert.Throws<FormatException>(() => OethLedger.ApplyGenesis(state, tooMuch));
        Assert.Multiple(() =>
        {
            Assert.That(OethLedger.HasLedger(state), Is.False);
            Assert.That(state.Exists(Account(1)), Is.False);
        });
    }
}
