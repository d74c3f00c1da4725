using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Genesis;

[TestFixture]
public sealed class GenesisConfigDevTests
{
    [Test]
    public void Dev_chain_has_the_documented_values()
    {
        UInt256 oeth = GenesisConfig.Oeth;
        GenesisConfig g = GenesisConfig.Dev([(Address.FromLowUlong(9), new UInt256(1000) * oeth)]);
        Assert.Multiple(() =>
        {
            Assert.That(g.ChainId, Is.EqualTo(31337UL));
            Assert.That(g.Fork, Is.EqualTo(Fork.Prague));
            Assert.That(g.GasLimit, Is.EqualTo(30_000_000UL));
            Assert.That(g.MinGasPrice, Is.EqualTo(new UInt256(1_000_000_000)));
            Assert.That(g.InitialBaseFee, Is.EqualTo(g.MinGasPrice));
            Assert.That(g.Rewards, Is.EqualTo(new RewardSchedule(new UInt256(10_000) * oeth, 1_000, 100)));
            Assert.That(g.Allocations.Single().Balance, Is.EqualTo(new UInt256(1000) * oeth));
            Assert.That(oeth, Is.EqualTo(UInt256.Parse("1000000000000000000")));
        });
    }

    [Test]
    public void Dev_allocations_come_back_sorted_and_the_chain_id_is_kept()
    {
        GenesisConfig g = GenesisConfig.Dev([(Address.FromLowUlong(9), UInt256.One), (Address.FromLowUlong(3), UInt256.One)], chainId: 77);
        Assert.Multiple(() =>
        {
            Assert.That(g.ChainId, Is.EqualTo(77UL));
            Assert.That(g.Allocations.Select(a => a.Address), Is.EqualTo(new[] { Address.FromLowUlong(3), Address.FromLowUlong(9) }));
            Assert.That(GenesisConfig.Parse(g.ToJson()).Hash, Is.EqualTo(g.Hash));
        });
    }

    [Test]
    public void Dev_refuses_more_than_the_supply_and_duplicates()
    {
        Assert.Throws<FormatException>(() => GenesisConfig.Dev([(Address.FromLowUlong(1), OethLedger.TotalSupply + UInt256.One)]));
        Assert.Throws<FormatException>(() => GenesisConfig.Dev([(Address.FromLowUlong(1), UInt256.One), (Address.FromLowUlong(1), UInt256.One)]));
    }
}
