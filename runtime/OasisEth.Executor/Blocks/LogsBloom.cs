using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The 2048-bit Ethereum logs bloom (yellow paper M3:2048): each of a log's address and topics sets three bits
/// chosen by the first three pairs of bytes of its keccak256. Used for receipts, block headers and as the first
/// filter of <see cref="IChain.GetLogs"/>.
/// </summary>
public static class LogsBloom
{
    public const int Size = 256;

    public static void Add(Span<byte> bloom, ReadOnlySpan<byte> item)
    {
        Hash256 hash = Keccak.Compute(item);
        ReadOnlySpan<byte> h = hash.Bytes;
        for (int i = 0; i < 6; i += 2)
        {
            int bit = ((h[i] << 8) | h[i + 1]) & 2047;
            bloom[Size - 1 - bit / 8] |= (byte)(1 << (bit % 8));
        }
    }

    /// <summary>True if <paramref name="item"/> may be in the set the bloom was built from (false: certainly not).</summary>
    public static bool MayContain(ReadOnlySpan<byte> bloom, ReadOnlySpan<byte> item)
    {
        Hash256 hash = Keccak.Compute(item);
        ReadOnlySpan<byte> h = hash.Bytes;
        for (int i = 0; i < 6; i += 2)
        {
            int bit = ((h[i] << 8) | h[i + 1]) & 2047;
            if ((bloom[Size - 1 - bit / 8] & (1 << (bit % 8))) == 0) return false;
        }
        return true;
    }

    public static void AddLog(Span<byte> bloom, Address address, Hash256[] topics)
    {
        Add(bloom, address.Bytes);
        foreach (Hash256 topic in topics) Add(bloom, topic.Bytes);
    }

    public static void Or(Span<byte> into, ReadOnlySpan<byte> other)
    {
        for (int i = 0; i < Size; i++) into[i] |= other[i];
    }
}
