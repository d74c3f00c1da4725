using System.Diagnostics;

namespace OasisEth.Rpc;

/// <summary>
/// Signals the interrupt of timed-out calls from one dedicated background thread. A timer would fire on the thread
/// pool, and the pool is exactly what runaway calls occupy: with every worker inside an endless loop, the timer
/// callback that would stop them waits for the pool to grow (about one thread per half second), so timeouts would
/// stretch with the load. This thread only sleeps until the earliest deadline and cancels.
/// </summary>
internal static class CallDeadlines
{
    private static readonly PriorityQueue<CancellationTokenSource, long> Pending = new();
    private static readonly object Gate = new(); // Monitor.Wait needs a monitor, not a Lock
    private static Thread? _thread;

    /// <summary>Cancels <paramref name="source"/> once <paramref name="after"/> has passed. The source must not be
    /// disposed before then (sources without timers hold nothing that needs disposing).</summary>
    public static void Cancel(CancellationTokenSource source, TimeSpan after)
    {
        long deadline = Stopwatch.GetTimestamp() + (long)(after.TotalSeconds * Stopwatch.Frequency);
        lock (Gate)
        {
            // The thread needs waking only when this deadline comes before every pending one (or none is pending):
            // with one timeout for all calls that is rarely the case, so a call costs no context switch here.
            bool earliest = !Pending.TryPeek(out _, out long first) || deadline < first;
            Pending.Enqueue(source, deadline);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "rpc call deadlines" };
                _thread.Start();
            }
            if (earliest) Monitor.PulseAll(Gate);
        }
    }

    private static void Run()
    {
        lock (Gate)
        {
            while (true)
            {
                if (!Pending.TryPeek(out CancellationTokenSource? source, out long deadline))
                {
                    Monitor.Wait(Gate);
                    continue;
                }
                long wait = deadline - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Monitor.Wait(Gate, TimeSpan.FromSeconds(Math.Max((double)wait / Stopwatch.Frequency, 0.001)));
                    continue;
                }
                Pending.Dequeue();
                // No callbacks are registered on these sources, so cancelling under the lock is quick.
                source.Cancel();
            }
        }
    }
}
