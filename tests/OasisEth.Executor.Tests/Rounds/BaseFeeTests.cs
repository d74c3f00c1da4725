using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Rounds;

public sealed class BaseFeeTests
{
    private static readonly UInt256 Floor = new(7);

    [TestCase(1_000_000_000UL, 15_000_000UL, 30_000_000UL, 1_000_000_000UL, TestName = "BaseFee: at target unchanged")]
    [TestCase(1_000_000_000UL, 30_000_000UL, 30_000_000UL, 1_125_000_000UL, TestName = "BaseFee: full block +1/8")]
    [TestCase(1_000_000_000UL, 0UL, 30_000_000UL, 875_000_000UL, TestName = "BaseFee: empty block -1/8")]
    [TestCase(1_000_000_000UL, 22_500_000UL, 30_000_000UL, 1_062_500_000UL, TestName = "BaseFee: half above target +1/16")]
    [TestCase(8UL, 15_000_001UL, 30_000_000UL, 9UL, TestName = "BaseFee: above target rises by at least 1 wei")]
    [TestCase(8UL, 0UL, 30_000_000UL, 7UL, TestName = "BaseFee: never below the floor")]
    [TestCase(100UL, 0UL, 30_000_000UL, 88UL, TestName = "BaseFee: rounding down of the decrease")]
    public void FollowsEip1559WithAFloor(ulong parent, ulong used, ulong limit, ulong expected) =>
        Assert.That(BaseFee.Next(parent, used, limit, Floor), Is.EqualTo(new UInt256(expected)));

    [Test]
    public void ChainAppliesItFromBlockTwo()
    {
        using var f = new ChainFixture();
        BlockHeader one = f.Round(TestAccounts.Tx(0, 0, TestAccounts.Address(1), 1)).Block.Header;
        Assert.That(one.BaseFee, Is.EqualTo(f.Genesis.InitialBaseFee));
        BlockHeader two = f.Round().Block.Header;
        Assert.That(two.BaseFee, Is.EqualTo(BaseFee.Next(one.BaseFee, one.GasUsed, one.GasLimit, f.Genesis.MinGasPrice)));
        Assert.That(two.BaseFee, Is.EqualTo(f.Genesis.MinGasPrice), "the dev chain starts at its floor and stays there when idle");
        Assert.That(f.Chain.GetHeader(0)!.BaseFee, Is.EqualTo(f.Genesis.InitialBaseFee));
    }
}
