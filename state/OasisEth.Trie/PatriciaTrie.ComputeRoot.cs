using System.Buffers;
using System.Runtime.CompilerServices;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Trie;

public sealed partial class PatriciaTrie
{
    /// <summary>
    /// The root of a trie holding <paramref name="entries"/> (keys unique, any order; empty values skipped),
    /// built bottom-up from the sorted keys without creating nodes. This is the state-root path (twice per account
    /// with storage), so it allocates only the two sorted arrays and one pooled scratch buffer.
    /// </summary>
    public static Hash256 ComputeRoot(IEnumerable<KeyValuePair<byte[], byte[]>> entries)
    {
        int capacity = entries is ICollection<KeyValuePair<byte[], byte[]>> collection ? collection.Count : 16;
        var keys = new byte[capacity][];
        var values = new byte[capacity][];
        int count = 0;
        foreach (KeyValuePair<byte[], byte[]> entry in entries)
        {
            if (entry.Value.Length == 0) continue;
            if (count == keys.Length)
            {
                Array.Resize(ref keys, Math.Max(16, count * 2));
                Array.Resize(ref values, keys.Length);
            }
            keys[count] = entry.Key;
            values[count] = entry.Value;
            count++;
        }
        return ComputeRoot(keys.AsSpan(0, count), values.AsSpan(0, count));
    }

    /// <summary>
    /// Like <see cref="ComputeRoot(IEnumerable{KeyValuePair{byte[], byte[]}})"/> for callers that already hold
    /// parallel arrays: both spans are reordered in place (compacted past empty values, then sorted by key).
    /// </summary>
    public static Hash256 ComputeRoot(Span<byte[]> keys, Span<byte[]> values)
    {
        if (keys.Length != values.Length) throw new ArgumentException("Keys and values differ in count.");
        int count = 0;
        for (int i = 0; i < keys.Length; i++)
        {
            if (values[i].Length == 0) continue;
            keys[count] = keys[i];
            values[count] = values[i];
            count++;
        }
        if (count == 0) return Hash256.EmptyTrie;
        keys = keys[..count];
        values = values[..count];
        keys.Sort(values, KeyComparer.Instance);
        for (int i = 1; i < count; i++)
        {
            if (keys[i - 1].AsSpan().SequenceEqual(keys[i])) throw new ArgumentException("Duplicate trie key " + Hex.EncodePrefixed(keys[i]));
        }

        var builder = new RootBuilder(keys, values);
        try
        {
            return builder.Root();
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>
    /// Encodes the node covering sorted keys [lo, hi) at nibble depth d straight into a scratch buffer: one key is
    /// a leaf; keys sharing nibbles past d get an extension over a branch; otherwise a branch groups them by nibble d
    /// (a key ending at d is the branch value; sorting puts it first). Child references (at most 33 bytes each)
    /// live on the stack of the branch that needs them, so the scratch buffer holds one node at a time.
    /// </summary>
    private ref struct RootBuilder
    {
        private readonly Span<byte[]> _keys;
        private readonly Span<byte[]> _values;
        private byte[] _scratch;

        public RootBuilder(Span<byte[]> keys, Span<byte[]> values)
        {
            _keys = keys;
            _values = values;
            _scratch = ArrayPool<byte>.Shared.Rent(1024);
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_scratch);

        public Hash256 Root()
        {
            int length = EncodeNode(0, _keys.Length, 0);
            return Keccak.Compute(_scratch.AsSpan(0, length));
        }

        /// <summary>Encodes the node for [lo, hi) at <paramref name="depth"/> into the scratch; returns its RLP length.</summary>
        private int EncodeNode(int lo, int hi, int depth)
        {
            if (hi - lo == 1) return EncodeLeaf(_keys[lo], depth, _values[lo]);

            int shared = CommonNibbles(_keys[lo], _keys[hi - 1], depth);
            if (shared == depth) return EncodeBranch(lo, hi, depth);

            Span<byte> child = stackalloc byte[TrieEncoding.MaxReferenceLength];
            // The length first: encoding may swap the scratch array, so read _scratch only afterwards.
            int branchLength = EncodeBranch(lo, hi, shared);
            int childLength = TrieEncoding.WriteReference(_scratch.AsSpan(0, branchLength), child);

            byte[] key = _keys[lo];
            int content = TrieEncoding.LengthOfPathItem(shared - depth) + childLength;
            Span<byte> dest = Scratch(Rlp.LengthOfList(content));
            int pos = Rlp.WriteListHeader(dest, content);
            pos += TrieEncoding.WritePathItem(dest[pos..], key, depth, shared, isLeaf: false);
            child[..childLength].CopyTo(dest[pos..]);
            return pos + childLength;
        }

        private int EncodeLeaf(byte[] key, int depth, byte[] value)
        {
            int end = key.Length * 2;
            int content = TrieEncoding.LengthOfPathItem(end - depth) + Rlp.LengthOfBytes(value);
            Span<byte> dest = Scratch(Rlp.LengthOfList(content));
            int pos = Rlp.WriteListHeader(dest, content);
            pos += TrieEncoding.WritePathItem(dest[pos..], key, depth, end, isLeaf: true);
            return pos + Rlp.WriteBytes(dest[pos..], value);
        }

        [SkipLocalsInit]
        private int EncodeBranch(int lo, int hi, int depth)
        {
            Span<byte> references = stackalloc byte[16 * TrieEncoding.MaxReferenceLength];
            Span<int> lengths = stackalloc int[16];
            lengths.Clear();

            byte[]? value = null;
            if (_keys[lo].Length * 2 == depth)
            {
                value = _values[lo];
                lo++;
            }

            int content = value is null ? 1 : Rlp.LengthOfBytes(value);
            int i = lo;
            while (i < hi)
            {
                int nibble = HexPrefix.Nibble(_keys[i], depth);
                int j = i + 1;
                while (j < hi && HexPrefix.Nibble(_keys[j], depth) == nibble) j++;
                Span<byte> slot = references.Slice(nibble * TrieEncoding.MaxReferenceLength, TrieEncoding.MaxReferenceLength);
                int childLength = EncodeNode(i, j, depth + 1);
                lengths[nibble] = TrieEncoding.WriteReference(_scratch.AsSpan(0, childLength), slot);
                i = j;
            }
            for (int n = 0; n < 16; n++) content += lengths[n] == 0 ? 1 : lengths[n];

            Span<byte> dest = Scratch(Rlp.LengthOfList(content));
            int pos = Rlp.WriteListHeader(dest, content);
            for (int n = 0; n < 16; n++)
            {
                if (lengths[n] == 0)
                {
                    dest[pos++] = Rlp.EmptyString;
                    continue;
                }
                references.Slice(n * TrieEncoding.MaxReferenceLength, lengths[n]).CopyTo(dest[pos..]);
                pos += lengths[n];
            }
            if (value is null) dest[pos++] = Rlp.EmptyString;
            else pos += Rlp.WriteBytes(dest[pos..], value);
            return pos;
        }

        /// <summary>The scratch buffer, grown to at least <paramref name="length"/> (its old contents are dead by now).</summary>
        private Span<byte> Scratch(int length)
        {
            if (_scratch.Length < length)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
                _scratch = ArrayPool<byte>.Shared.Rent(length);
            }
            return _scratch.AsSpan(0, length);
        }

        /// <summary>Nibbles shared by two keys, counted from the start; both already agree on the first <paramref name="from"/>.</summary>
        private static int CommonNibbles(byte[] a, byte[] b, int from)
        {
            int limit = Math.Min(a.Length, b.Length) * 2;
            int i = from;
            if ((i & 1) == 1 && i < limit)
            {
                if (HexPrefix.Nibble(a, i) != HexPrefix.Nibble(b, i)) return i;
                i++;
            }
            int bytes = a.AsSpan(i >> 1, (limit - i) >> 1).CommonPrefixLength(b.AsSpan(i >> 1, (limit - i) >> 1));
            i += bytes * 2;
            if (i < limit && HexPrefix.Nibble(a, i) == HexPrefix.Nibble(b, i)) i++;
            return i;
        }
    }

    private sealed class KeyComparer : IComparer<byte[]>
    {
        public static readonly KeyComparer Instance = new();
        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
