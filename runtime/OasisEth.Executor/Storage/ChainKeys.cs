using System.Buffers.Binary;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// Keys of the chain's records in the node store's <c>aux</c> column family, written in the same atomic batch as
/// the round's state. One prefix byte per record kind; numbers are 8-byte big-endian so key order is block order.
/// <code>
/// 'G'                 genesis fingerprint (32 B): a directory made with another genesis is refused
/// 'H' ‖ number        header: rlp([canonical header rlp, block size])
/// 'N' ‖ block hash    number (8 B BE)
/// 'B' ‖ number        body: rlp([raw transaction, ...]) in block order
/// 'R' ‖ number        receipts: rlp([receipt record, ...]) in block order (ReceiptCodec)
/// 'T' ‖ tx hash       number (8 B BE) ‖ index in block (4 B BE)
/// 'L' ‖ number        the block's logs bloom (256 B), only for blocks with logs (GetLogs skips the rest)
/// 'E' ‖ number        dev node only: the state edits the block started with (StateEditsCodec)
/// </code>
/// </summary>
internal static class ChainKeys
{
    public const byte Genesis = (byte)'G';
    public const byte Header = (byte)'H';
    public const byte NumberByHash = (byte)'N';
    public const byte Body = (byte)'B';
    public const byte Receipts = (byte)'R';
    public const byte TxLocation = (byte)'T';
    public const byte LogsBloom = (byte)'L';
    /// <summary>Dev node only: the state edits a block started with (StateEditsCodec), for re-executions.</summary>
    public const byte DevEdits = (byte)'E';

    public static readonly byte[] GenesisKey = [Genesis];

    public static byte[] ByNumber(byte prefix, ulong number)
    {
        var key = new byte[9];
        key[0] = prefix;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(1), number);
        return key;
    }

    public static byte[] ByHash(byte prefix, in Hash256 hash)
    {
        var key = new byte[33];
        key[0] = prefix;
        hash.CopyTo(key.AsSpan(1));
        return key;
    }

    public static byte[] Number(ulong number)
    {
        var value = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(value, number);
        return value;
    }

    public static byte[] TxLocationValue(ulong number, int index)
    {
        var value = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(value, number);
        BinaryPrimitives.WriteInt32BigEndian(value.AsSpan(8), index);
        return value;
    }
}
