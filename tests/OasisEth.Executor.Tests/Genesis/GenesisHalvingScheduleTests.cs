using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor.Tests.Genesis;

/// <summary>The halving form of <c>rewards</c> in the genesis file: how it reads, writes and hashes, and that the
/// flat form reads and hashes as it did before the halving form existed.</summary>
[TestFixture]
public sealed class GenesisHalvingScheduleTests
{
    private static string WithRewards(string rewards) =>
        "{ \"chainId\": 5, \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", \"rewards\": " + rewards + " }";

    private const string Original =
        "{ \"amountPerEpoch\": \"525000000000000000000000\", \"halvingEpochs\": 20, \"roundsPerEpoch\": 432000 }";

    [Test]
    public void Halving_rewards_read_into_a_halving_schedule_and_write_back_the_same()
    {
        GenesisConfig g = GenesisConfig.Parse(WithRewards(Original));
        Assert.Multiple(() =>
        {
            Assert.That(g.Rewards, Is.EqualTo(RewardSchedule.Original));
            Assert.That(g.Rewards.IsHalving, Is.True);
            Assert.That(g.Rewards.Epochs, Is.EqualTo(0UL));
            GenesisConfig back = GenesisConfig.Parse(g.ToJson());
            Assert.That(back.Rewards, Is.EqualTo(g.Rewards));
            Assert.That(back.Hash, Is.EqualTo(g.Hash));
            Assert.That(g.ToJson(), Does.Contain("\"halvingEpochs\": 20").And.Not.Contain("\"epochs\""));
        });
    }

    [TestCase("{ \"amountPerEpoch\": \"1\", \"halvingEpochs\": 20, \"epochs\": 5, \"roundsPerEpoch\": 10 }", "takes no \"epochs\"")]
    [TestCase("{ \"amountPerEpoch\": \"1\", \"halvingEpochs\": 0, \"roundsPerEpoch\": 10 }", "halvingEpochs must be above zero")]
    [TestCase("{ \"amountPerEpoch\": \"0\", \"halvingEpochs\": 3, \"roundsPerEpoch\": 10 }", "must be above zero")]
    [TestCase("{ \"amountPerEpoch\": \"21000000000000000000000001\", \"halvingEpochs\": 3, \"roundsPerEpoch\": 10 }", "above the total supply")]
    [TestCase("{ \"amountPerEpoch\": \"1\", \"roundsPerEpoch\": 10 }", "required field \"epochs\"")]
    public void Bad_halving_rewards_are_refused(string rewards, string reason) =>
        Assert.That(() => GenesisConfig.Parse(WithRewards(rewards)), Throws.TypeOf<FormatException>().With.Message.Contains(reason));

    [Test]
    public void A_flat_schedule_hashes_with_the_three_item_rewards_list_it_always_had()
    {
        GenesisConfig flat = GenesisConfig.Parse(GenesisConfigParseTests.Full);
        byte[] oldRewards = Rlp.EncodeList(Rlp.EncodeUInt256(flat.Rewards.AmountPerEpoch), Rlp.EncodeULong(20), Rlp.EncodeULong(600));
        byte[] encoding = flat.CanonicalEncoding();
        Assert.That(encoding.AsSpan().IndexOf(oldRewards), Is.GreaterThan(0));
    }

    [Test]
    public void Halving_changes_the_hash_and_so_does_its_interval()
    {
        GenesisConfig halving = GenesisConfig.Network();
        GenesisConfig flat = halving with { Rewards = new RewardSchedule(halving.Rewards.AmountPerEpoch, 0, halving.Rewards.RoundsPerEpoch) };
        GenesisConfig other = halving with { Rewards = halving.Rewards with { HalvingEpochs = 21 } };
        Assert.Multiple(() =>
        {
            Assert.That(halving.Hash, Is.Not.EqualTo(flat.Hash));
            Assert.That(halving.Hash, Is.Not.EqualTo(other.Hash));
        });
    }

    [Test]
    public void The_network_genesis_has_no_allocation_and_the_original_schedule()
    {
        GenesisConfig g = GenesisConfig.Network();
        Assert.Multiple(() =>
        {
            Assert.That(g.Allocations, Is.Empty);
            Assert.That(g.ChainId, Is.EqualTo(0xa515UL));
            Assert.That(g.Rewards, Is.EqualTo(RewardSchedule.Original));
        });
    }
}

/// <summary>The <c>rewards.grants</c> list: how it reads, writes, hashes and which lists are refused.</summary>
[TestFixture]
public sealed class GenesisGrantTests
{
    private static string WithGrants(string grants) =>
        "{ \"chainId\": 5, \"minGasPrice\": \"0\", \"initialBaseFee\": \"0\", \"rewards\": { \"amountPerEpoch\": \"10\", " +
        "\"epochs\": 3, \"roundsPerEpoch\": 4, \"grants\": " + grants + " } }";

    private const string Two =
        "[{ \"address\": \"0xd000000000000000000000000000000000000001\", \"basisPoints\": 1000 }, " +
        "{ \"address\": \"0xc000000000000000000000000000000000000002\", \"basisPoints\": 500 }]";

    [Test]
    public void Grants_read_in_file_order_write_back_and_change_the_hash()
    {
        GenesisConfig g = GenesisConfig.Parse(WithGrants(Two));
        GenesisConfig back = GenesisConfig.Parse(g.ToJson());
        GenesisConfig none = g with { Rewards = g.Rewards with { Grants = [] } };
        Assert.Multiple(() =>
        {
            Assert.That(g.Rewards.Grants.Select(x => x.BasisPoints), Is.EqualTo(new ushort[] { 1000, 500 }));
            Assert.That(back.Rewards, Is.EqualTo(g.Rewards));
            Assert.That(back.Hash, Is.EqualTo(g.Hash));
            Assert.That(none.Hash, Is.Not.EqualTo(g.Hash));
            Assert.That((g with { Rewards = g.Rewards with { Grants = [.. g.Rewards.Grants.Reverse()] } }).Hash, Is.Not.EqualTo(g.Hash));
        });
    }

    [TestCase("[{ \"address\": \"0xd000000000000000000000000000000000000001\", \"basisPoints\": 10001 }]", "above 10000")]
    [TestCase("[{ \"address\": \"0xd000000000000000000000000000000000000001\", \"basisPoints\": 6000 }, { \"address\": \"0xd000000000000000000000000000000000000002\", \"basisPoints\": 5000 }]", "add up to 11000")]
    [TestCase("[{ \"address\": \"0xd000000000000000000000000000000000000001\", \"basisPoints\": 0 }]", "0 basis points")]
    [TestCase("[{ \"address\": \"0xd000000000000000000000000000000000000001\", \"basisPoints\": 1 }, { \"address\": \"0xd000000000000000000000000000000000000001\", \"basisPoints\": 1 }]", "twice")]
    [TestCase("[{ \"address\": \"0x4f45544800000000000000000000000000000001\", \"basisPoints\": 1 }]", "system address")]
    [TestCase("[{ \"address\": \"0xd000000000000000000000000000000000000001\" }]", "required field \"basisPoints\"")]
    public void Bad_grants_are_refused(string grants, string reason) =>
        Assert.That(() => GenesisConfig.Parse(WithGrants(grants)), Throws.TypeOf<FormatException>().With.Message.Contains(reason));
}
