using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor.Tests.Rounds;

/// <summary>
/// A deliberately naive Merkle-Patricia trie (recursive, straight from the yellow paper's appendix D) to check the
/// chain's transactions and receipts roots against something that shares no code with state/OasisEth.Trie.
/// </summary>
internal static class ReferenceTrie
{
    public static Hash256 Root(IReadOnlyList<(byte[] Key, byte[] Value)> entries)
    {
        if (entries.Count == 0) return Keccak.Compute(Rlp.EncodeBytes([]));
        var items = entries.Select(e => (Nibbles(e.Key), e.Value)).ToList();
        return Keccak.Compute(Encode(items, 0));
    }

    private static byte[] Nibbles(byte[] key)
    {
        var n = new byte[key.Length * 2];
        for (int i = 0; i < key.Length; i++)
        {
            n[2 * i] = (byte)(key[i] >> 4);
            n[2 * i + 1] = (byte)(key[i] & 15);
        }
        return n;
    }

    private static byte[] Encode(List<(byte[] Path, byte[] Value)> items, int depth)
    {
        if (items.Count == 1)
            return Rlp.EncodeList(Rlp.EncodeBytes(HexPrefix(items[0].Path[depth..], leaf: true)), Rlp.EncodeBytes(items[0].Value));

        int common = 0;
        while (items.All(i => i.Path.Length > depth + common) && items.All(i => i.Path[depth + common] == items[0].Path[depth + common]))
            common++;
        if (common > 0)
        {
            byte[] child = Encode(items, depth + common);
            return Rlp.EncodeList(Rlp.EncodeBytes(HexPrefix(items[0].Path[depth..(depth + common)], leaf: false)), Reference(child));
        }

        var slots = new byte[17][];
        for (int nibble = 0; nibble < 16; nibble++)
        {
            var under = items.Where(i => i.Path.Length > depth && i.Path[depth] == nibble).ToList();
            slots[nibble] = under.Count == 0 ? Rlp.EncodeBytes([]) : Reference(Encode(under, depth + 1));
        }
        var here = items.Where(i => i.Path.Length == depth).ToList();
        slots[16] = Rlp.EncodeBytes(here.Count == 0 ? [] : here[0].Value);
        return Rlp.EncodeList(slots);
    }

    /// <summary>A child is embedded when its encoding is under 32 bytes, else referenced by hash.</summary>
    private static byte[] Reference(byte[] encoded) => encoded.Length < 32 ? encoded : Rlp.EncodeBytes(Keccak.Compute(encoded).Bytes);

    private static byte[] HexPrefix(byte[] nibbles, bool leaf)
    {
        int flag = (leaf ? 2 : 0) + (nibbles.Length % 2);
        var result = new List<byte>();
        int i = 0;
        if (nibbles.Length % 2 == 1)
        {
            result.Add((byte)((flag << 4) | nibbles[0]));
            i = 1;
        }
        else
        {
            result.Add((byte)(flag << 4));
        }
        for (; i < nibbles.Length; i += 2) result.Add((byte)((nibbles[i] << 4) | nibbles[i + 1]));
        return [.. result];
    }
}
