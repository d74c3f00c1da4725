using System.Diagnostics;

namespace OasisEth.Rpc.Tests;

/// <summary>The deadline thread behind eth_call's timeout: a running call is interrupted on time (at most a tick
/// late), a finished one never is, and a call after the thread went to sleep still gets its interrupt.</summary>
public sealed class CallDeadlinesTests
{
    private static readonly TimeSpan After = TimeSpan.FromMilliseconds(30);

    private static TimeSpan TimeToCancel(CancellationTokenSource source, TimeSpan limit)
    {
        long started = Stopwatch.GetTimestamp();
        using var cancelled = new ManualResetEventSlim();
        using CancellationTokenRegistration r = source.Token.Register(cancelled.Set);
        Assert.That(cancelled.Wait(limit), Is.True, "the deadline never fired");
        return Stopwatch.GetElapsedTime(started);
    }

    [Test]
    public void ARunningCallIsInterruptedAtItsDeadline()
    {
        var source = new CancellationTokenSource();
        using CallDeadlines.Deadline deadline = CallDeadlines.Start(source, After);
        TimeSpan took = TimeToCancel(source, TimeSpan.FromSeconds(5));
        Assert.That(took, Is.GreaterThanOrEqualTo(After - TimeSpan.FromMilliseconds(2)));
        Assert.That(took, Is.LessThan(After + TimeSpan.FromMilliseconds(500)), "a tick late at most, plus scheduling");
    }

    [Test]
    public void AFinishedCallIsNeverInterrupted()
    {
        var finished = new CancellationTokenSource();
        CallDeadlines.Start(finished, After).Dispose();
        // A later running call's interrupt shows the thread went past the finished call's deadline.
        var running = new CancellationTokenSource();
        using CallDeadlines.Deadline later = CallDeadlines.Start(running, After * 2);
        TimeToCancel(running, TimeSpan.FromSeconds(5));
        Assert.That(finished.IsCancellationRequested, Is.False);
    }

    [Test]
    public void ACallAfterTheThreadWentToSleepIsStillInterrupted()
    {
        var first = new CancellationTokenSource();
        CallDeadlines.Start(first, After).Dispose();
        Thread.Sleep(TimeSpan.FromSeconds(1.5)); // past the second the thread keeps ticking after the last call
        var source = new CancellationTokenSource();
        using CallDeadlines.Deadline deadline = CallDeadlines.Start(source, After);
        Assert.That(TimeToCancel(source, TimeSpan.FromSeconds(5)), Is.LessThan(After + TimeSpan.FromMilliseconds(500)));
    }

    [Test]
    public void ManyConcurrentCallsEachGetTheirOwnOutcome()
    {
        const int calls = 2_000;
        var sources = new CancellationTokenSource[calls];
        Parallel.For(0, calls, i =>
        {
            sources[i] = new CancellationTokenSource();
            CallDeadlines.Deadline d = CallDeadlines.Start(sources[i], i % 2 == 0 ? After : TimeSpan.FromMilliseconds(1));
            if (i % 2 == 0) d.Dispose(); // even calls finish in time; odd ones keep running past their deadline
        });
        Thread.Sleep(After + TimeSpan.FromMilliseconds(1000));
        for (int i = 0; i < calls; i++)
            Assert.That(sources[i].IsCancellationRequested, Is.EqualTo(i % 2 == 1), $"call {i}");
    }
}
