using System.Buffers.Binary;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

/// <summary>
/// The chain's records inside the state (<see cref="StateSchema.ChainRecordPrefix"/>), so that a process holding
/// only a state root (the ParaTime runtime, rhp-spec 9.4) can continue the chain exactly as the node that built it:
/// <list type="bullet">
/// <item><c>0x04 00</c> → the last block's header with a zero state root (<see cref="EncodeHead"/>). The root
/// cannot be inside the state it commits to; the reader supplies it (the runtime has it as the parent's
/// <c>state_root</c>) and recomputes the block hash.</item>
/// <item><c>0x04 01 ‖ u64be(n)</c> → the hash of block n, for the last <see cref="BlockHashWindow"/> blocks (BLOCKHASH).</item>
/// </list>
/// </summary>
public static class ChainRecords
{
    /// <summary>BLOCKHASH reaches back 256 blocks.</summary>
    public const ulong BlockHashWindow = 256;

    private const byte HeadTag = 0x00;
    private const byte BlockHashTag = 0x01;

    public static readonly byte[] HeadKey = [StateSchema.ChainRecordPrefix, HeadTag];

    public static byte[] BlockHashKey(ulong number)
    {
        var key = new byte[2 + 8];
        key[0] = StateSchema.ChainRecordPrefix;
        key[1] = BlockHashTag;
        BinaryPrimitives.WriteUInt64BigEndian(key.AsSpan(2), number);
        return key;
    }

    /// <summary>The header as the dev node stores it (<see cref="HeaderCodec.EncodeRecord"/>) with a zero state root:
    /// the root cannot be inside the state it commits to.</summary>
    public static byte[] EncodeHead(BlockHeader h) => HeaderCodec.EncodeRecord(h with { StateRoot = Hash256.Zero });

    /// <summary>The head record completed with <paramref name="stateRoot"/> (the root of the state that holds it),
    /// its hash recomputed. Null when the state has no head record (an empty state: no genesis yet).</summary>
    public static BlockHeader? ReadHead(MkvsTree tree, Hash256 stateRoot)
    {
        byte[]? record = tree.Get(HeadKey);
        if (record is null) return null;
        BlockHeader h = HeaderCodec.DecodeRecord(record);
        return HeaderCodec.Seal(h.Number, h.ParentHash, h.Timestamp, stateRoot, h.TransactionsRoot, h.ReceiptsRoot, h.LogsBloom,
            h.GasUsed, h.GasLimit, h.BaseFee, h.Coinbase, h.MixHash, h.ExtraData, _ => h.Size);
    }

    /// <summary>The hash of block <paramref name="number"/> as recorded in the state, or zero outside the window.</summary>
    public static Hash256 ReadBlockHash(MkvsTree tree, ulong number)
    {
        byte[]? value = tree.Get(BlockHashKey(number));
        return value is { Length: Hash256.Size } ? new Hash256(value) : Hash256.Zero;
    }

    /// <summary>Records block <paramref name="number"/>'s parent hash and forgets the one that left the window.</summary>
    internal static void AdvanceBlockHashes(MkvsTree tree, ulong number, in Hash256 parentHash)
    {
        if (number == 0) return;
        tree.Insert(BlockHashKey(number - 1), parentHash.ToArray());
        if (number - 1 >= BlockHashWindow) tree.Remove(BlockHashKey(number - 1 - BlockHashWindow));
    }
}
