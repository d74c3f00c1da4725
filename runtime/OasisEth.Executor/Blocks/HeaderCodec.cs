using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor;

/// <summary>
/// The block header's canonical encoding: Ethereum's London layout, an RLP list of 16 fields
/// <c>[parentHash, ommersHash, coinbase, stateRoot, transactionsRoot, receiptsRoot, logsBloom, difficulty, number,
/// gasLimit, gasUsed, timestamp, extraData, mixHash, nonce, baseFeePerGas]</c>, and the block hash = keccak256 of it.
/// Fixed values: ommersHash = keccak256(rlp([])), difficulty = 0, nonce = 8 zero bytes (post-merge style). The state
/// root is the MKVS root (SHA-512/256), not an Ethereum MPT root. No withdrawals/blob/requests fields: the chain has
/// no withdrawals, blobs or beacon roots, and clients recompute the hash from exactly these 16 fields.
/// </summary>
public static class HeaderCodec
{
    private static readonly byte[] ZeroNonce = new byte[8];

    /// <summary>A header with its hash computed from the fields (<paramref name="size"/> is the block's RLP size).</summary>
    public static BlockHeader Seal(ulong number, Hash256 parentHash, ulong timestamp, Hash256 stateRoot, Hash256 transactionsRoot,
        Hash256 receiptsRoot, byte[] logsBloom, ulong gasUsed, ulong gasLimit, UInt256 baseFee, Address coinbase, Hash256 mixHash,
        byte[] extraData, Func<int, ulong> sizeOfBlockWithHeaderLength)
    {
        var unsealed = new BlockHeader
        {
            Number = number, Hash = default, ParentHash = parentHash, Timestamp = timestamp, StateRoot = stateRoot,
            TransactionsRoot = transactionsRoot, ReceiptsRoot = receiptsRoot, LogsBloom = logsBloom, GasUsed = gasUsed,
            GasLimit = gasLimit, BaseFee = baseFee, Coinbase = coinbase, MixHash = mixHash, ExtraData = extraData, Size = 0,
        };
        byte[] rlp = Encode(unsealed);
        return unsealed with { Hash = Keccak.Compute(rlp), Size = sizeOfBlockWithHeaderLength(rlp.Length) };
    }

    public static byte[] Encode(BlockHeader h)
    {
        if (h.LogsBloom.Length != LogsBloom.Size) throw new ArgumentException($"A logs bloom is {LogsBloom.Size} bytes, got {h.LogsBloom.Length}.");
        return Rlp.EncodeList(
            Rlp.EncodeHash256(h.ParentHash),
            Rlp.EncodeHash256(Hash256.EmptyList),
            Rlp.EncodeAddress(h.Coinbase),
            Rlp.EncodeHash256(h.StateRoot),
            Rlp.EncodeHash256(h.TransactionsRoot),
            Rlp.EncodeHash256(h.ReceiptsRoot),
            Rlp.EncodeBytes(h.LogsBloom),
            Rlp.EncodeULong(0),
            Rlp.EncodeULong(h.Number),
            Rlp.EncodeULong(h.GasLimit),
            Rlp.EncodeULong(h.GasUsed),
            Rlp.EncodeULong(h.Timestamp),
            Rlp.EncodeBytes(h.ExtraData),
            Rlp.EncodeHash256(h.MixHash),
            Rlp.EncodeBytes(ZeroNonce),
            Rlp.EncodeUInt256(h.BaseFee));
    }

    /// <summary>Decodes a canonical header (as <see cref="Encode"/> wrote it); the hash is recomputed from the bytes.</summary>
    public static BlockHeader Decode(ReadOnlySpan<byte> rlp, ulong size)
    {
        var outer = new RlpReader(rlp);
        var list = outer.ReadList();
        outer.ReadEnd();
        Hash256 parent = list.ReadHash256();
        list.SkipItem(); // ommers hash
        Address coinbase = list.ReadAddress();
        Hash256 stateRoot = list.ReadHash256();
        Hash256 txRoot = list.ReadHash256();
        Hash256 receiptsRoot = list.ReadHash256();
        byte[] bloom = list.ReadBytes().ToArray();
        list.SkipItem(); // difficulty
        ulong number = list.ReadULong();
        ulong gasLimit = list.ReadULong();
        ulong gasUsed = list.ReadULong();
        ulong timestamp = list.ReadULong();
        byte[] extra = list.ReadBytes().ToArray();
        Hash256 mixHash = list.ReadHash256();
        list.SkipItem(); // nonce
        UInt256 baseFee = list.ReadUInt256();
        list.ReadEnd();
        return new BlockHeader
        {
            Number = number, Hash = Keccak.Compute(rlp), ParentHash = parent, Timestamp = timestamp, StateRoot = stateRoot,
            TransactionsRoot = txRoot, ReceiptsRoot = receiptsRoot, LogsBloom = bloom, GasUsed = gasUsed, GasLimit = gasLimit,
            BaseFee = baseFee, Coinbase = coinbase, MixHash = mixHash, ExtraData = extra, Size = size,
        };
    }

    /// <summary>
    /// Bytes of the block's RLP <c>[header, [transactions], []]</c> (the empty list: no ommers), as eth_getBlock's
    /// "size": a legacy transaction is embedded as its list, a typed one as a string holding its envelope.
    /// </summary>
    /// <summary>A header as stored: RLP <c>[header RLP, block size]</c> (the size is not a header field).</summary>
    public static byte[] EncodeRecord(BlockHeader header) =>
        Rlp.EncodeList(Rlp.EncodeBytes(Encode(header)), Rlp.EncodeULong(header.Size));

    /// <summary>The header of an <see cref="EncodeRecord"/> record, its hash recomputed from the fields.</summary>
    public static BlockHeader DecodeRecord(ReadOnlySpan<byte> record)
    {
        var outer = new RlpReader(record);
        var list = outer.ReadList();
        ReadOnlySpan<byte> headerRlp = list.ReadBytes();
        ulong size = list.ReadULong();
        return Decode(headerRlp, size);
    }

    public static ulong BlockSize(int headerLength, IReadOnlyList<byte[]> rawTransactions)
    {
        int txs = 0;
        foreach (byte[] raw in rawTransactions) txs += IsLegacy(raw) ? raw.Length : Rlp.LengthOfBytes(raw);
        int content = headerLength + Rlp.LengthOfList(txs) + 1;
        return (ulong)Rlp.LengthOfList(content);
    }

    internal static bool IsLegacy(ReadOnlySpan<byte> raw) => raw.Length > 0 && raw[0] >= 0xc0;
}
