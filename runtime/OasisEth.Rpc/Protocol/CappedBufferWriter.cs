using System.Buffers;

namespace OasisEth.Rpc;

/// <summary>
/// A call's result buffer with a ceiling: once the written bytes pass it, the next request for memory (or the
/// commit that passes it) throws <see cref="ResponseTooLargeException"/>, so a result that would be hundreds of
/// megabytes (txpool_content of a pool of large transactions, a block of large calldata) costs at most about twice
/// the ceiling (the buffer's doubling) before it becomes a -32005 error.
/// </summary>
/// <param name="inner">Where the bytes go: an empty writer of the caller's (a pooled one), or a new one.</param>
internal sealed class CappedBufferWriter(long cap, ResponseBudget? budget = null, ArrayBufferWriter<byte>? inner = null) : IBufferWriter<byte>, IDisposable
{
    /// <summary>Reserved in steps, so the budget is touched once per doubling, not per write.</summary>
    private const int MinReservation = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _inner = inner ?? new(128);
    private long _reserved;

    public int WrittenCount => _inner.WrittenCount;
    public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;

    public void Advance(int count)
    {
        _inner.Advance(count);
        if (_inner.WrittenCount > cap) throw new ResponseTooLargeException(cap);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _inner.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _inner.GetSpan(sizeHint);
    }

    private void Reserve(int sizeHint)
    {
        if (_inner.WrittenCount > cap) throw new ResponseTooLargeException(cap);
        if (budget is null) return;
        long needed = _inner.WrittenCount + (long)Math.Max(sizeHint, 1);
        if (needed <= _reserved) return;
        long target = Math.Min(Math.Max(needed, Math.Max(2 * _reserved, MinReservation)), Math.Max(needed, cap + 1));
        if (!budget.TryReserve(target - _reserved))
            throw new ResponseTooLargeException(cap, $"the node is building other large responses (at most {budget.Total} bytes at once); retry");
        _reserved = target;
    }

    /// <summary>Gives the reservation back (the response has been copied out).</summary>
    public void Dispose()
    {
        budget?.Release(_reserved);
        _reserved = 0;
    }
}

/// <summary>A response passed <see cref="RpcLimits.MaxResponseBytes"/>; the dispatcher answers -32005.</summary>
internal sealed class ResponseTooLargeException(long cap, string? busy = null)
    : Exception(busy ?? $"response too large: over the limit of {cap} bytes")
{
    public long Cap { get; } = cap;

    /// <summary>Refused for the node-wide budget, not for this answer's size: no smaller alternative applies.</summary>
    public bool Busy { get; } = busy is not null;
}
