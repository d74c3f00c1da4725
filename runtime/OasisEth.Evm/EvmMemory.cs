using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.Evm;

/// <summary>
/// A frame's byte-addressed memory. The buffer is kept between uses of the frame object (frames are
/// pooled), so growth allocates only when a transaction goes beyond what an earlier one used; only the
/// newly exposed part is zeroed.
/// </summary>
public sealed class EvmMemory
{
    private byte[] _buffer = new byte[4096];

    /// <summary>Active size in bytes, always a multiple of 32 (what MSIZE returns).</summary>
    public long Size { get; private set; }

    /// <summary>
    /// Empties the memory for the next use of the frame. The buffer is kept (no allocation, and no large-object
    /// heap churn, next time) unless it is over <paramref name="retainBytes"/>: the caller keeps big buffers only
    /// for the shallow frames every transaction uses, or a 1024-deep chain of 1 MiB frames would pin a gigabyte.
    /// </summary>
    public void Reset(int retainBytes = int.MaxValue)
    {
        Size = 0;
        if (_buffer.Length > retainBytes) _buffer = new byte[4096];
    }

    /// <summary>
    /// Gas to grow memory so that [offset, offset+length) is addressable, or <c>long.MaxValue</c> when
    /// the range cannot be paid for in any case. A zero length never grows memory, whatever the offset.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ExpansionCost(in UInt256 offset, in UInt256 length)
    {
        if (length.IsZero) return 0;
        if (!offset.FitsInUlong || !length.FitsInUlong || offset.u0 > int.MaxValue || length.u0 > int.MaxValue)
            return long.MaxValue;
        return ExpansionCost((long)offset.u0 + (long)length.u0);
    }

    /// <summary>Gas to grow to at least <paramref name="end"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ExpansionCost(long end)
    {
        if (end <= Size) return 0;
        return CostOfWords(WordsFor(end)) - CostOfWords(Size >> 5);
    }

    private static long WordsFor(long bytes) => (bytes + 31) >> 5;

    /// <summary>3 per word plus words^2/512 (the Yellow Paper's C_mem).</summary>
    public static long CostOfWords(long words) => words * 3 + words * words / 512;

    /// <summary>Grows the active size to cover [offset, offset+length); the caller has paid <see cref="ExpansionCost(in UInt256, in UInt256)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Expand(long offset, long length)
    {
        if (length == 0) return;
        long end = offset + length;
        if (end > Size) Grow(end);
    }

    private void Grow(long end)
    {
        long newSize = WordsFor(end) << 5;
        if (newSize > _buffer.Length)
        {
            long capacity = Math.Max(newSize, Math.Min((long)_buffer.Length * 2, int.MaxValue - 64));
            var bigger = new byte[capacity];
            _buffer.AsSpan(0, (int)Size).CopyTo(bigger);
            _buffer = bigger;
        }
        else
        {
            _buffer.AsSpan((int)Size, (int)(newSize - Size)).Clear();
        }
        Size = newSize;
    }

    public Span<byte> Slice(long offset, long length) => _buffer.AsSpan((int)offset, (int)length);

    public ref byte At(long offset) => ref _buffer[offset];

    /// <summary>Copies <paramref name="source"/> to memory at <paramref name="offset"/> and zero-fills up to <paramref name="length"/>.</summary>
    public void WritePadded(long offset, long length, ReadOnlySpan<byte> source)
    {
        var dest = _buffer.AsSpan((int)offset, (int)length);
        if (source.Length >= length) source[..(int)length].CopyTo(dest);
        else { source.CopyTo(dest); dest[source.Length..].Clear(); }
    }
}
