using System.Numerics;
using System.Runtime.CompilerServices;

namespace OasisEth.Mkvs;

/// <summary>
/// Bit-string helpers over keys: bit i of a key is bit 7 - i%8 of byte i/8 (MSB first), as in oasis-core's
/// node/key.go. Depths are absolute bit positions from the start of the key.
/// </summary>
internal static class KeyBits
{
    /// <summary>The MKVS depth type is a u16, so keys are at most 8191 bytes.</summary>
    public const int MaxKeyBytes = ushort.MaxValue / 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool GetBit(ReadOnlySpan<byte> key, int bit) => (key[bit >> 3] & (0x80 >> (bit & 7))) != 0;

    /// <summary>
    /// Absolute bit index of the first difference between <paramref name="a"/> and <paramref name="b"/>,
    /// given that they agree on bits [0, <paramref name="fromBit"/>); capped at both lengths in bits.
    /// </summary>
    public static int CommonPrefixBits(ReadOnlySpan<byte> a, int aBits, ReadOnlySpan<byte> b, int bBits, int fromBit)
    {
        int limit = Math.Min(aBits, bBits);
        int startByte = fromBit >> 3;
        int limitBytes = (limit + 7) >> 3;
        if (startByte >= limitBytes) return limit;
        int same = a[startByte..limitBytes].CommonPrefixLength(b[startByte..limitBytes]);
        int byteIndex = startByte + same;
        if (byteIndex >= limitBytes) return limit;
        int bits = (byteIndex << 3) + BitOperations.LeadingZeroCount((uint)(a[byteIndex] ^ b[byteIndex])) - 24;
        return Math.Min(bits, limit);
    }

    /// <summary>
    /// Writes bits [<paramref name="start"/>, <paramref name="end"/>) of <paramref name="path"/> left-aligned
    /// into <paramref name="destination"/> (ceil((end-start)/8) bytes), unused trailing bits zero: the label
    /// bytes of a node that starts at depth <paramref name="start"/>.
    /// </summary>
    public static int ExtractLabel(ReadOnlySpan<byte> path, int start, int end, Span<byte> destination)
    {
        int bits = end - start;
        int length = (bits + 7) >> 3;
        int shift = start & 7;
        int first = start >> 3;
        if (shift == 0)
        {
            path.Slice(first, length).CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                int hi = path[first + i] << shift;
                int next = first + i + 1;
                int lo = next < path.Length ? path[next] >> (8 - shift) : 0;
                destination[i] = (byte)(hi | lo);
            }
        }
        if ((bits & 7) != 0) destination[length - 1] &= (byte)(0xFF << (8 - (bits & 7)));
        return length;
    }

    /// <summary>
    /// A path of <paramref name="start"/> + <paramref name="labelBits"/> bits: bits [0, start) of
    /// <paramref name="parentPath"/> followed by the label's bits. Used when a node is decoded under its parent.
    /// </summary>
    public static byte[] MergePath(ReadOnlySpan<byte> parentPath, int start, ReadOnlySpan<byte> label, int labelBits)
    {
        int end = start + labelBits;
        var path = new byte[(end + 7) >> 3];
        int prefixBytes = (start + 7) >> 3;
        parentPath[..prefixBytes].CopyTo(path);
        if ((start & 7) != 0) path[prefixBytes - 1] &= (byte)(0xFF << (8 - (start & 7)));
        int shift = start & 7;
        int first = start >> 3;
        int labelBytes = (labelBits + 7) >> 3;
        for (int i = 0; i < labelBytes; i++)
        {
            byte b = label[i];
            if (i == labelBytes - 1 && (labelBits & 7) != 0) b &= (byte)(0xFF << (8 - (labelBits & 7)));
            path[first + i] |= (byte)(b >> shift);
            if (shift != 0 && first + i + 1 < path.Length) path[first + i + 1] |= (byte)(b << (8 - shift));
        }
        return path;
    }

    /// <summary>
    /// A key whose path runs through the left or right child of a node ending at bit <paramref name="end"/>:
    /// bits [0, end) of <paramref name="path"/>, then the branch bit, then zeros. Lets a remote node source
    /// fetch a child that no looked-up key names (iteration, the sibling a removal merges with).
    /// </summary>
    public static byte[] ChildPathHint(ReadOnlySpan<byte> path, int end, bool right)
    {
        var hint = new byte[(end >> 3) + 1];
        int prefixBytes = (end + 7) >> 3;
        path[..prefixBytes].CopyTo(hint);
        if ((end & 7) != 0) hint[prefixBytes - 1] &= (byte)(0xFF << (8 - (end & 7)));
        if (right) hint[end >> 3] |= (byte)(0x80 >> (end & 7));
        return hint;
    }
}
