using System.Diagnostics;

namespace OasisEth.Rpc;

/// <summary>
/// Calls back every period, for any period up to a year. <see cref="Timer"/> alone refuses due times past
/// 2^32 - 2 ms (~49.7 days), which made `--block-time 4294968` crash at start: long periods are waited out in
/// steps of at most <see cref="MaxStep"/>, each re-armed against the monotonic clock so the steps do not drift.
/// </summary>
internal sealed class IntervalTimer : IDisposable
{
    /// <summary>Longest single wait given to <see cref="Timer"/> (well inside its limit).</summary>
    internal static readonly TimeSpan MaxStep = TimeSpan.FromDays(1);

    private readonly TimeSpan _period;
    private readonly TimeSpan _maxStep;
    private readonly Action _tick;
    private readonly Timer _timer;
    private readonly Lock _lock = new();
    private long _due;
    private bool _disposed;

    /// <param name="maxStep">Longest single wait; tests shorten it to see the stepping.</param>
    public IntervalTimer(TimeSpan period, Action tick, TimeSpan? maxStep = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _period = period;
        _maxStep = maxStep ?? MaxStep;
        _tick = tick;
        _due = Stopwatch.GetTimestamp() + Ticks(period);
        _timer = new Timer(_ => OnTimer(), null, Timeout.Infinite, Timeout.Infinite);
        lock (_lock) Arm();
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private void OnTimer()
    {
        bool fire;
        lock (_lock)
        {
            if (_disposed) return;
            fire = Stopwatch.GetTimestamp() >= _due;
            if (fire) _due += Ticks(_period);
            Arm();
        }
        if (fire) _tick();
    }

    /// <summary>Waits until the next due time, or one step towards it.</summary>
    private void Arm()
    {
        TimeSpan left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _due);
        if (left < TimeSpan.Zero) left = TimeSpan.Zero;
        _timer.Change(left < _maxStep ? left : _maxStep, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }
}
