using System.Collections.Concurrent;
using System.Diagnostics;

namespace OasisEth.Rpc;

/// <summary>
/// Signals the interrupt of timed-out calls from one dedicated background thread. A timer would fire on the thread
/// pool, and the pool is exactly what runaway calls occupy: with every worker inside an endless loop, the timer
/// callback that would stop them waits for the pool to grow (about one thread per half second), so timeouts would
/// stretch with the load. This thread only sleeps until the earliest deadline (or the next tick) and cancels.
/// </summary>
/// <remarks>
/// A call's cost here is what the RPC floor pays on every eth_call, so starting and finishing a deadline takes no lock
/// and wakes nobody while the thread is ticking: a call is put in a lock-free inbox and marked finished when it
/// returns; the thread moves the inbox into its queue at most every <see cref="Tick"/>, dropping finished calls then,
/// so only calls still running stay queued. (Before, every call took a lock the thread also held, and each finished
/// call stayed queued until its deadline, when the thread woke to cancel it: thousands of lock hand-offs a second
/// under a steady stream of calls.) A deadline fires at most one tick late; the caller checks the elapsed time
/// itself anyway. The thread sleeps without a timeout once nothing has been running for <see cref="Linger"/>.
/// </remarks>
internal static class CallDeadlines
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(10);
    private static readonly long Linger = Stopwatch.Frequency; // one second of ticking after the last call

    private static readonly ConcurrentQueue<Deadline> Inbox = new();
    private static readonly AutoResetEvent Wake = new(false);
    private static readonly Lock StartGate = new();
    private static Thread? _thread;
    /// <summary>1 while the thread sleeps without a timeout (only a new call wakes it).</summary>
    private static int _idle;

    /// <summary>One call's deadline; <see cref="Dispose"/> when the call returns.</summary>
    internal sealed class Deadline : IDisposable
    {
        private int _finished;

        internal Deadline(CancellationTokenSource source, long at)
        {
            Source = source;
            At = at;
        }

        internal CancellationTokenSource Source { get; }

        /// <summary><see cref="Stopwatch"/> timestamp at which the call is interrupted.</summary>
        internal long At { get; }

        internal bool Finished => Volatile.Read(ref _finished) != 0;

        public void Dispose() => Volatile.Write(ref _finished, 1);
    }

    /// <summary>Cancels <paramref name="source"/> once <paramref name="after"/> has passed unless the returned deadline
    /// is disposed first. The source must not be disposed before the deadline is.</summary>
    public static Deadline Start(CancellationTokenSource source, TimeSpan after)
    {
        var deadline = new Deadline(source, Stopwatch.GetTimestamp() + (long)(after.TotalSeconds * Stopwatch.Frequency));
        Inbox.Enqueue(deadline);
        if (_thread is null) StartThread();
        // Interlocked: the enqueue above must be visible before the flag is read (the thread sets the flag, then
        // looks at the inbox once more before it sleeps).
        if (Interlocked.CompareExchange(ref _idle, 0, 1) == 1) Wake.Set();
        return deadline;
    }

    private static void StartThread()
    {
        lock (StartGate)
        {
            if (_thread is not null) return;
            var thread = new Thread(Run) { IsBackground = true, Name = "rpc call deadlines" };
            thread.Start();
            _thread = thread;
        }
    }

    private static void Run()
    {
        var running = new PriorityQueue<Deadline, long>();
        long lastCall = Stopwatch.GetTimestamp();
        while (true)
        {
            while (Inbox.TryDequeue(out Deadline? d))
            {
                lastCall = Stopwatch.GetTimestamp();
                if (!d.Finished) running.Enqueue(d, d.At);
            }
            long now = Stopwatch.GetTimestamp();
            while (running.TryPeek(out Deadline? first, out long at) && (first.Finished || at <= now))
            {
                running.Dequeue();
                // No callbacks are registered on these sources but the client-gone link, so cancelling is quick.
                if (!first.Finished) first.Source.Cancel();
            }
            if (running.Count == 0 && now - lastCall > Linger)
            {
                Interlocked.Exchange(ref _idle, 1);
                if (!Inbox.IsEmpty)
                {
                    // A call came in between: stay awake (if it already cleared the flag, the event is set and the
                    // next wait returns at once, which is harmless).
                    Interlocked.Exchange(ref _idle, 0);
                    continue;
                }
                Wake.WaitOne();
                continue;
            }
            TimeSpan wait = Tick;
            if (running.TryPeek(out _, out long earliest))
            {
                TimeSpan untilFirst = Stopwatch.GetElapsedTime(now, earliest);
                if (untilFirst < wait) wait = untilFirst < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : untilFirst;
            }
            Wake.WaitOne(wait);
        }
    }
}
