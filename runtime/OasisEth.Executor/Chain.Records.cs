using System.Buffers.Binary;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;
using OasisEth.Store.Rocks;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>The aux writes that store a block: header, hash index, body, receipts, log bloom, transaction index.</summary>
    private static void AddBlockRecords(List<KeyValuePair<byte[], byte[]?>> aux, BlockHeader header,
        IReadOnlyList<byte[]> rawTransactions, IReadOnlyList<StoredReceipt> receipts)
    {
        ulong n = header.Number;
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.Header, n),
            HeaderCodec.EncodeRecord(header)));
        aux.Add(new(ChainKeys.ByHash(ChainKeys.NumberByHash, header.Hash), ChainKeys.Number(n)));
        var body = new byte[rawTransactions.Count][];
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = Rlp.EncodeBytes(rawTransactions[i]);
            aux.Add(new(ChainKeys.ByHash(ChainKeys.TxLocation, Keccak.Compute(rawTransactions[i])), ChainKeys.TxLocationValue(n, i)));
        }
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.Body, n), Rlp.EncodeList(body)));
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.Receipts, n), ReceiptCodec.Encode(receipts)));
        // Only blocks with logs get a bloom record: a range scan skips empty blocks on a filter-backed miss.
        foreach (StoredReceipt receipt in receipts)
        {
            if (receipt.Logs.Count == 0) continue;
            aux.Add(new(ChainKeys.ByNumber(ChainKeys.LogsBloom, n), header.LogsBloom));
            break;
        }
    }

    /// <summary>The aux deletes that forget a stored block (the inverse of <see cref="AddBlockRecords"/>).</summary>
    private void AddBlockDeletes(List<KeyValuePair<byte[], byte[]?>> aux, BlockHeader header)
    {
        ulong n = header.Number;
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.Header, n), null));
        aux.Add(new(ChainKeys.ByHash(ChainKeys.NumberByHash, header.Hash), null));
        foreach (byte[] raw in ReadBody(n)) aux.Add(new(ChainKeys.ByHash(ChainKeys.TxLocation, Keccak.Compute(raw)), null));
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.Body, n), null));
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.Receipts, n), null));
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.LogsBloom, n), null));
        aux.Add(new(ChainKeys.ByNumber(ChainKeys.DevEdits, n), null));
    }

    /// <summary>A stored header; a fork's first block is the remote's fork block, whose hash (the parent hash of the
    /// next block) is the remote's, not one computed from the fields this chain keeps of it.</summary>
    private static BlockHeader? ReadHeaderRecord(NodeStore store, ulong number, ForkPoint? fork)
    {
        byte[]? record = store.GetAux(ChainKeys.ByNumber(ChainKeys.Header, number));
        if (record is null) return null;
        BlockHeader header = HeaderCodec.DecodeRecord(record);
        return fork is not null && number == fork.Number ? header with { Hash = fork.Hash } : header;
    }

    public BlockHeader? GetHeader(ulong number)
    {
        ThrowIfDisposed();
        if (number > _head.Number) return null;
        CachedBlock? cached = _recent.TryGet(number);
        if (cached is not null) return cached.Block.Header;
        return ReadHeaderRecord(_store, number, ForkPoint);
    }

    public BlockHeader? GetHeader(Hash256 hash) => NumberOf(hash) is { } n && GetHeader(n) is { } h && h.Hash == hash ? h : null;

    private ulong? NumberOf(in Hash256 hash)
    {
        ThrowIfDisposed();
        byte[]? value = _store.GetAux(ChainKeys.ByHash(ChainKeys.NumberByHash, hash));
        return value is { Length: 8 } ? BinaryPrimitives.ReadUInt64BigEndian(value) : null;
    }

    public Block? GetBlock(ulong number) => LoadBlock(number)?.Block;

    public Block? GetBlock(Hash256 hash) => NumberOf(hash) is { } n && GetBlock(n) is { } b && b.Header.Hash == hash ? b : null;

    public StoredTransaction? GetTransaction(Hash256 hash)
    {
        if (Locate(hash) is not var (number, index)) return null;
        CachedBlock? cached = _recent.TryGet(number);
        if (cached is not null) return index < cached.Block.Transactions.Count ? cached.Block.Transactions[index] : null;
        BlockHeader? header = GetHeader(number);
        if (header is null) return null;
        List<byte[]> body = ReadBody(number);
        return index < body.Count ? DecodeStored(body[index], header, index) : null;
    }

    public StoredReceipt? GetReceipt(Hash256 transactionHash)
    {
        if (Locate(transactionHash) is not var (number, index)) return null;
        IReadOnlyList<StoredReceipt>? receipts = LoadReceipts(number);
        return receipts is not null && index < receipts.Count ? receipts[index] : null;
    }

    /// <summary>Block number and index of a committed transaction.</summary>
    private (ulong Number, int Index)? Locate(in Hash256 hash)
    {
        ThrowIfDisposed();
        byte[]? value = _store.GetAux(ChainKeys.ByHash(ChainKeys.TxLocation, hash));
        if (value is not { Length: 12 }) return null;
        ulong number = BinaryPrimitives.ReadUInt64BigEndian(value);
        return number > _head.Number ? null : (number, BinaryPrimitives.ReadInt32BigEndian(value.AsSpan(8)));
    }

    private CachedBlock? LoadBlock(ulong number)
    {
        CachedBlock? cached = _recent.TryGet(number);
        if (cached is not null) return cached;
        BlockHeader? header = GetHeader(number);
        if (header is null) return null;
        List<byte[]> body = ReadBody(number);
        var transactions = new StoredTransaction[body.Count];
        // An old block's senders are recovered again; a full block's recoveries spread over the cores.
        if (transactions.Length >= RoundExecutor.ParallelDecodeThreshold)
            Parallel.For(0, transactions.Length, i => transactions[i] = DecodeStored(body[i], header, i));
        else
            for (int i = 0; i < transactions.Length; i++) transactions[i] = DecodeStored(body[i], header, i);
        return new CachedBlock(new Block(header, transactions), []);
    }

    private IReadOnlyList<StoredReceipt>? LoadReceipts(ulong number)
    {
        CachedBlock? cached = _recent.TryGet(number);
        if (cached is not null) return cached.Receipts;
        BlockHeader? header = GetHeader(number);
        if (header is null) return null;
        byte[]? record = _store.GetAux(ChainKeys.ByNumber(ChainKeys.Receipts, number));
        if (record is null) return null;
        return ReceiptCodec.Decode(record, header, ReadBody(number));
    }

    private List<byte[]> ReadBody(ulong number)
    {
        byte[]? record = _store.GetAux(ChainKeys.ByNumber(ChainKeys.Body, number));
        var result = new List<byte[]>();
        if (record is null) return result;
        var outer = new RlpReader(record);
        var list = outer.ReadList();
        while (list.HasMore) result.Add(list.ReadBytes().ToArray());
        return result;
    }

    /// <summary>A stored transaction decoded again (it was valid when executed, so this cannot fail unless the
    /// record is damaged).</summary>
    private StoredTransaction DecodeStored(byte[] raw, BlockHeader header, int index)
    {
        if (!TransactionDecoder.TryDecodeAndRecover(raw, Genesis.Fork, _chainId, TxDecodePolicy.Default, out Transaction? tx, out string? error)
            && !(ImpersonatedTransactions.IsMarked(raw, out _) && ImpersonatedTransactions.TryDecode(raw, Genesis, out tx, out _)))
            throw new InvalidDataException($"Stored transaction {index} of block {header.Number} in '{DataDirectory}' does not decode: {error}");
        return new StoredTransaction(tx, raw, header.Number, header.Hash, index);
    }
}
