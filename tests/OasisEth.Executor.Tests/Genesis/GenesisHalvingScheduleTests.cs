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
            Assert.That(GenesisConfig.Parse(g.ToJson()), Is.EqualTo(g));
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
