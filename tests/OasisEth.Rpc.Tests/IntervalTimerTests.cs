using System.Diagnostics;

namespace OasisEth.Rpc.Tests;

public sealed class IntervalTimerTests
{
    [Test]
    public async Task A_period_longer_than_one_step_fires_once_per_period_not_per_step()
    {
        using var ticks = new SemaphoreSlim(0);
        var clock = Stopwatch.StartNew();
        using (new IntervalTimer(TimeSpan.FromMilliseconds(300), () => ticks.Release(), maxStep: TimeSpan.FromMilliseconds(40)))
        {
            for (int i = 0; i < 3; i++)
                Assert.That(await ticks.WaitAsync(TimeSpan.FromSeconds(10)), Is.True, $"tick {i + 1}");
        }
        // Three ticks take three periods; firing on every 40 ms step would take ~120 ms.
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(880)));
    }
}
