namespace OasisEth.Trie;

/// <summary>
/// Hex-prefix ("compact") encoding of a nibble path (Yellow Paper appendix C): one flag nibble (2 = leaf,
/// 1 = odd length), a zero pad nibble when the length is even, then the nibbles packed two per byte.
/// </summary>
public static class HexPrefix
{
    /// <summary>Bytes of the hex-prefix form of a path of <paramref name="nibbleCount"/> nibbles.</summary>
    public static int Length(int nibbleCount) => nibbleCount / 2 + 1;

    /// <summary>The hex-prefix form of a path given one nibble per byte.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> nibbles, bool isLeaf)
    {
        var result = new byte[Length(nibbles.Length)];
        Write(result, nibbles, isLeaf);
        return result;
    }

    /// <summary>Writes the hex-prefix form of a path given one nibble per byte; returns the bytes written.</summary>
    public static int Write(Span<byte> dest, ReadOnlySpan<byte> nibbles, bool isLeaf)
    {
        int flag = isLeaf ? 2 : 0;
        int n = nibbles.Length;
        int i = 0;
        if ((n & 1) == 1)
        {
            dest[0] = (byte)(((flag | 1) << 4) | nibbles[0]);
            i = 1;
        }
        else
        {
            dest[0] = (byte)(flag << 4);
        }
        int o = 1;
        for (; i < n; i += 2) dest[o++] = (byte)((nibbles[i] << 4) | nibbles[i + 1]);
        return o;
    }

    /// <summary>
    /// Writes the hex-prefix form of nibbles [<paramref name="start"/>, <paramref name="end"/>) of a packed key
    /// (two nibbles per byte, high first), so the bottom-up builder never unpacks keys.
    /// </summary>
    public static int WritePacked(Span<byte> dest, ReadOnlySpan<byte> key, int start, int end, bool isLeaf)
    {
        int flag = isLeaf ? 2 : 0;
        int n = end - start;
        int i = start;
        if ((n & 1) == 1)
        {
            dest[0] = (byte)(((flag | 1) << 4) | Nibble(key, i));
            i++;
        }
        else
        {
            dest[0] = (byte)(flag << 4);
        }
        int o = 1;
        if ((i & 1) == 0)
        {
            // Byte-aligned: the rest is a plain copy.
            ReadOnlySpan<byte> aligned = key[(i >> 1)..(end >> 1)];
            aligned.CopyTo(dest[1..]);
            return 1 + aligned.Length;
        }
        for (; i < end; i += 2) dest[o++] = (byte)((Nibble(key, i) << 4) | Nibble(key, i + 1));
        return o;
    }

    /// <summary>Nibble <paramref name="index"/> of a packed key: even indexes are high halves.</summary>
    internal static int Nibble(ReadOnlySpan<byte> key, int index) => (key[index >> 1] >> ((~index & 1) << 2)) & 0xF;
}
