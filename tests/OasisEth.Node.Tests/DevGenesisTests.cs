using OasisEth.Executor;
using OasisEth.Node.Dev;
using OasisEth.Primitives;

namespace OasisEth.Node.Tests;

public class DevGenesisTests
{
    [Test]
    public void TenDevAccountsHold10000OethEachFromThePool()
    {
        IReadOnlyList<DevAccount> accounts = DevAccounts.Derive();
        GenesisConfig genesis = DevCommand.Genesis(accounts, 31337);
        Assert.That(genesis.ChainId, Is.EqualTo(31337UL));
        Assert.That(genesis.Allocations, Has.Count.EqualTo(10));
        UInt256 tenThousand = new UInt256(10_000) * GenesisConfig.Oeth;
        foreach (DevAccount a in accounts)
        {
            GenesisAllocation? allocation = genesis.Allocations.SingleOrDefault(x => x.Address == a.Address);
            Assert.That(allocation, Is.Not.Null, a.Address.ToString());
            Assert.That(allocation!.Balance, Is.EqualTo(tenThousand));
            Assert.That(allocation.Code, Is.Empty);
        }
    }

    [Test]
    public void ChainIdIsPartOfTheGenesisHash()
    {
        IReadOnlyList<DevAccount> accounts = DevAccounts.Derive();
        Assert.That(DevCommand.Genesis(accounts, 5).Hash, Is.Not.EqualTo(DevCommand.Genesis(accounts, 31337).Hash));
        Assert.That(DevCommand.Genesis(accounts, 31337).Hash, Is.EqualTo(DevCommand.Genesis(DevAccounts.Derive(), 31337).Hash));
    }
}
