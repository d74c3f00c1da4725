using System.Buffers.Binary;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.Store.Rocks.CrashChild;

/// <summary>
/// The changes of round r, a pure function of r, so the crash test's parent can replay any prefix of
/// rounds on an in-memory tree and know every round's root without trusting the child. Keys come from a
/// fixed space of <see cref="KeySpace"/> so later rounds overwrite and delete earlier keys: old roots share
/// most nodes with new ones and pruning has real work.
/// </summary>
public static class CrashWorkload
{
    public const int KeySpace = 2048;
    public const int ChangesPerRound = 24;

    public static void Apply(MkvsTree tree, ulong round)
    {
        Span<byte> seed = stackalloc byte[12];
        Span<byte> value = stackalloc byte[12];
        for (int i = 0; i < ChangesPerRound; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(seed, round);
            BinaryPrimitives.WriteInt32LittleEndian(seed[8..], i);
            var mix = Sha512_256.Hash(seed);
            uint pick = BinaryPrimitives.ReadUInt32LittleEndian(mix.Bytes);
            var key = Key((int)(pick % KeySpace));
            if ((pick >> 24) % 8 == 0)
            {
                tree.Remove(key);
            }
            else
            {
                mix.Bytes[..12].CopyTo(value);
                tree.Insert(key, value);
            }
        }
    }

    public static byte[] Key(int index)
    {
        Span<byte> raw = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(raw, index);
        return Sha512_256.Hash(raw).ToArray();
    }

    public static Hash256 BlockHash(ulong round)
    {
        Span<byte> raw = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(raw, round);
        return Sha512_256.Hash(raw);
    }
}
