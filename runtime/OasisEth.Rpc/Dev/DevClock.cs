namespace OasisEth.Rpc;

/// <summary>
/// Block timestamps of the dev chain. The clock is the dev driver's input to a round, never read by the executor:
/// now + the evm_increaseTime offset, or the one-shot evm_setNextBlockTimestamp value, and never earlier than
/// the parent's timestamp + 1. Touched only on the driver thread.
/// </summary>
internal sealed class DevClock(Func<ulong> now)
{
    private long _offset;
    private ulong? _next;

    /// <summary>See <see cref="DevNodeOptions.MaxBlockTimestamp"/>.</summary>
    public const ulong MaxTimestamp = DevNodeOptions.MaxBlockTimestamp;

    public readonly record struct State(long Offset, ulong? Next);

    public State Save() => new(_offset, _next);
    public void Restore(State state) => (_offset, _next) = (state.Offset, state.Next);

    public long Offset => _offset;

    /// <summary>The timestamp of the next block after a parent stamped <paramref name="parentTimestamp"/>.</summary>
    public ulong NextTimestamp(ulong parentTimestamp)
    {
        if (_next is { } fixedTime) return Math.Max(fixedTime, parentTimestamp + 1);
        long shifted = (long)now() + _offset;
        ulong t = shifted < 0 ? 0 : (ulong)shifted;
        return Math.Max(t, parentTimestamp + 1);
    }

    /// <summary>A block was made with <paramref name="timestamp"/>: a pinned time is used up and the clock continues
    /// from it (the offset becomes the distance between that time and now).</summary>
    public void Used(ulong timestamp)
    {
        if (_next is null) return;
        _next = null;
        _offset = (long)timestamp - (long)now();
    }

    /// <summary>How far <see cref="IncreaseTime"/> may move the clock: "now" stays at most <see cref="MaxTimestamp"/>.</summary>
    public ulong RoomToIncrease
    {
        get
        {
            long current = (long)Math.Min(now(), MaxTimestamp) + _offset;
            return current < 0 ? MaxTimestamp : MaxTimestamp - (ulong)current;
        }
    }

    /// <summary>Moves the clock forward; <paramref name="seconds"/> is at most <see cref="RoomToIncrease"/>.</summary>
    public long IncreaseTime(ulong seconds)
    {
        if (seconds > RoomToIncrease) throw new ArgumentOutOfRangeException(nameof(seconds));
        _offset += (long)seconds;
        return _offset;
    }

    public void SetNext(ulong timestamp) => _next = timestamp;
}
