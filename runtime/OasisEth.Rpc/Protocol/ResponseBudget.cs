namespace OasisEth.Rpc;

/// <summary>
/// Bytes of response buffers the whole node may hold at once (<see cref="RpcLimits.MaxResponseBytesInFlight"/>).
/// The per-response limit alone bounds one answer, not ten built at the same time over ten connections (measured:
/// 10 concurrent txpool_content of ~29 MB each drove the process to 1.4 GB). Buffers reserve their growth here;
/// when the budget is spent, the call that needs more is answered -32005 at once rather than waiting.
/// </summary>
internal sealed class ResponseBudget(long bytes)
{
    private long _available = bytes;

    public long Total { get; } = bytes;

    public bool TryReserve(long count)
    {
        while (true)
        {
            long available = Volatile.Read(ref _available);
            if (available < count) return false;
            if (Interlocked.CompareExchange(ref _available, available - count, available) == available) return true;
        }
    }

    public void Release(long count) => Interlocked.Add(ref _available, count);
}
