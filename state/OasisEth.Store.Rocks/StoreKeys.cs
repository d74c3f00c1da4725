using System.Buffers.Binary;
using System.Text;

namespace OasisEth.Store.Rocks;

/// <summary>
/// Key layout. nodes: node hash (32 B) → encoded node. refs: node hash → u32 LE reference count. rounds:
/// u64 BE round (so key order is round order) → stateRoot ‖ blockHash. meta: ASCII names → small values.
/// flat: state key → value at the last round.
/// </summary>
internal static class StoreKeys
{
    /// <summary>Bumped whenever the layout or an encoding changes; a store of another version is refused.</summary>
    public const uint SchemaVersion = 1;

    /// <summary>Identifies a directory as ours, distinct from any other RocksDB database.</summary>
    public static readonly byte[] MagicKey = "magic"u8.ToArray();
    public static readonly byte[] MagicValue = Encoding.ASCII.GetBytes("oasis-eth/node-store");
    public static readonly byte[] SchemaKey = "schema"u8.ToArray();
    public static readonly byte[] LastRoundKey = "last-round"u8.ToArray();
    public static readonly byte[] FlatIndexKey = "flat-index"u8.ToArray();

    public const int RoundValueSize = 64;

    public static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    /// <summary>The keys of a write log as one record: per key, u32 LE length ‖ key bytes.</summary>
    public static byte[] EncodeKeyList(IReadOnlyList<OasisEth.Mkvs.MkvsWriteLogEntry> writeLog)
    {
        int size = 0;
        for (int i = 0; i < writeLog.Count; i++) size += 4 + writeLog[i].Key.Length;
        var bytes = new byte[size];
        int at = 0;
        for (int i = 0; i < writeLog.Count; i++)
        {
            var k = writeLog[i].Key;
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), (uint)k.Length);
            k.CopyTo(bytes.AsSpan(at + 4));
            at += 4 + k.Length;
        }
        return bytes;
    }

    /// <summary>Adds the keys of an <see cref="EncodeKeyList"/> record to <paramref name="into"/>; false if malformed.</summary>
    public static bool DecodeKeyList(ReadOnlySpan<byte> record, HashSet<byte[]> into)
    {
        while (record.Length > 0)
        {
            if (record.Length < 4) return false;
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(record);
            if (length > (uint)(record.Length - 4)) return false;
            into.Add(record.Slice(4, (int)length).ToArray());
            record = record[(4 + (int)length)..];
        }
        return true;
    }

    public static void RoundKey(ulong round, Span<byte> key8) => BinaryPrimitives.WriteUInt64BigEndian(key8, round);
}
