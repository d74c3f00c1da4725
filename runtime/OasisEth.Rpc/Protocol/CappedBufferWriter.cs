using System.Buffers;

namespace OasisEth.Rpc;

/// <summary>
/// A call's result buffer with a ceiling: once the written bytes pass it, the next request for memory (or the
/// commit that passes it) throws <see cref="ResponseTooLargeException"/>, so a result that would be hundreds of
/// megabytes (txpool_content of a pool of large transactions, a block of large calldata) costs at most about twice
/// the ceiling (the buffer's doubling) before it becomes a -32005 error.
/// </summary>
internal sealed class CappedBufferWriter(long cap, int initialCapacity = 128) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _inner = new(initialCapacity);

    public int WrittenCount => _inner.WrittenCount;
    public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;

    public void Advance(int count)
    {
        _inner.Advance(count);
        if (_inner.WrittenCount > cap) throw new ResponseTooLargeException(cap);
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        if (_inner.WrittenCount > cap) throw new ResponseTooLargeException(cap);
        return _inner.GetMemory(sizeHint);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        if (_inner.WrittenCount > cap) throw new ResponseTooLargeException(cap);
        return _inner.GetSpan(sizeHint);
    }
}

/// <summary>A response passed <see cref="RpcLimits.MaxResponseBytes"/>; the dispatcher answers -32005.</summary>
internal sealed class ResponseTooLargeException(long cap) : Exception($"response too large: over the limit of {cap} bytes")
{
    public long Cap { get; } = cap;
}
