using OasisEth.Primitives;

namespace OasisEth.Mkvs;

/// <summary>
/// The MKVS root of a key/value set computed straight from its sorted form (rhp-spec §9.2), without building
/// a tree: the oracle the incremental <see cref="MkvsTree"/> is tested against, and a quick way to get the
/// root of a full snapshot. Deliberately written apart from the tree code (bit-by-bit label extraction).
/// </summary>
public static class MkvsRoot
{
    public static Hash256 Compute(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        var sorted = new List<KeyValuePair<byte[], byte[]>>(entries);
        sorted.Sort(static (a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i - 1].Key.AsSpan().SequenceEqual(sorted[i].Key))
                throw new ArgumentException("Duplicate key in MKVS entry set.", nameof(entries));
        }
        return sorted.Count == 0 ? Sha512_256.EmptyHash : Build(sorted, 0, sorted.Count, 0);
    }

    /// <summary>Hash of the subtree holding sorted[from..to) (at least one key), all sharing bits [0, depth).</summary>
    private static Hash256 Build(List<KeyValuePair<byte[], byte[]>> sorted, int from, int to, int depth)
    {
        if (to - from == 1) return MkvsNodeHash.Leaf(sorted[from].Key, sorted[from].Value);

        // In a sorted run the common prefix of all keys is that of the first and last; it cannot pass the
        // shortest key, which sorts first.
        var first = sorted[from].Key;
        var last = sorted[to - 1].Key;
        int end = depth;
        int firstBits = first.Length * 8, lastBits = last.Length * 8;
        while (end < firstBits && end < lastBits && Bit(first, end) == Bit(last, end)) end++;

        int at = from;
        var leafHash = Sha512_256.EmptyHash;
        if (firstBits == end)
        {
            leafHash = MkvsNodeHash.Leaf(first, sorted[from].Value);
            at++;
        }
        int split = at;
        while (split < to && !Bit(sorted[split].Key, end)) split++;
        var leftHash = split > at ? Build(sorted, at, split, end) : Sha512_256.EmptyHash;
        var rightHash = to > split ? Build(sorted, split, to, end) : Sha512_256.EmptyHash;

        int labelBits = end - depth;
        var label = new byte[(labelBits + 7) / 8];
        for (int i = 0; i < labelBits; i++)
        {
            if (Bit(first, depth + i)) label[i / 8] |= (byte)(0x80 >> (i % 8));
        }
        return MkvsNodeHash.Internal(label, labelBits, leafHash, leftHash, rightHash);
    }

    private static bool Bit(byte[] key, int bit) => (key[bit / 8] >> (7 - bit % 8) & 1) != 0;
}
