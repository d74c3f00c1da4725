using System.Numerics;
using OasisEth.Primitives;

namespace OasisEth.Executor.Tests.Oeth;

/// <summary><see cref="RewardSchedule"/>'s halving arithmetic against a plain BigInteger sum, epoch by epoch.</summary>
[TestFixture]
public sealed class RewardScheduleHalvingTests
{
    private static BigInteger Big(in UInt256 v) => BigInteger.Parse(v.ToString());

    [TestCase(1000UL, 3UL)]
    [TestCase(1UL, 1UL)]
    [TestCase(37UL, 5UL)]
    [TestCase(ulong.MaxValue, 2UL)]
    public void Cumulative_due_is_the_sum_of_halved_amounts_until_the_tail(ulong amount, ulong halvingEpochs)
    {
        RewardSchedule s = RewardSchedule.Halving(new UInt256(amount), halvingEpochs, 10);
        BigInteger sum = 0;
        for (ulong e = 0; ; e++)
        {
            BigInteger own = new BigInteger(amount) >> (int)(e / halvingEpochs);
            if (own.IsZero)
            {
                Assert.That(s.CumulativeDue(e), Is.Null, $"epoch {e} is in the tail");
                Assert.That(s.HalvingAmount(e), Is.EqualTo(UInt256.Zero));
                Assert.That(s.CumulativeDue(e + 1_000_000), Is.Null);
                break;
            }
            sum += own;
            Assert.That(Big(s.HalvingAmount(e)), Is.EqualTo(own), $"epoch {e}");
            Assert.That(Big(s.CumulativeDue(e)!.Value), Is.EqualTo(sum), $"epoch {e}");
        }
    }

    [Test]
    public void The_original_schedule_halves_every_20_epochs_and_its_tail_starts_at_epoch_1580()
    {
        RewardSchedule s = RewardSchedule.Original;
        UInt256 first = new UInt256(525_000) * GenesisConfig.Oeth;
        BigInteger a = Big(first);
        // Σ_k ⌊a / 2^k⌋ = 2a - popcount(a): 20 epochs per era, so the scheduled part falls short of 21M by
        // 20 · popcount(a) wei, which the tail releases.
        int popcount = 0;
        for (BigInteger x = a; x > 0; x >>= 1) popcount += (int)(x & 1);
        Assert.Multiple(() =>
        {
            Assert.That(s.HalvingAmount(0), Is.EqualTo(first));
            Assert.That(s.HalvingAmount(19), Is.EqualTo(first));
            Assert.That(s.HalvingAmount(20), Is.EqualTo(first >> 1));
            Assert.That(s.CumulativeDue(19), Is.EqualTo(new UInt256(10_500_000) * GenesisConfig.Oeth));
            Assert.That(s.CumulativeDue(39), Is.EqualTo(new UInt256(15_750_000) * GenesisConfig.Oeth));
            Assert.That(s.CumulativeDue(1579), Is.Not.Null);
            Assert.That(s.CumulativeDue(1580), Is.Null, "525,000 OETH < 2^79 wei: era 79 is the first of zero");
            Assert.That(Big(s.CumulativeDue(1579)!.Value), Is.EqualTo(Big(OethLedger.TotalSupply) - 20 * popcount));
        });
    }

    [Test]
    public void Flat_schedules_have_no_halving_arithmetic() =>
        Assert.That(() => new RewardSchedule(UInt256.One, 1, 1).CumulativeDue(0), Throws.InvalidOperationException);
}
