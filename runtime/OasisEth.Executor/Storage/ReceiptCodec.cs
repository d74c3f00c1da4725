using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;

namespace OasisEth.Executor;

/// <summary>
/// The stored form of a block's receipts (aux key 'R' ‖ number): <c>rlp([record, ...])</c>, one record per executed
/// transaction in block order: <c>[status, cumulativeGasUsed, gasUsed, effectiveGasPrice, from, to, contractAddress,
/// logs, revertData]</c> with to / contractAddress empty when absent and logs <c>[[address, [topics], data], ...]</c>.
/// Position fields (block, transaction hash and index, log index), the type and the bloom are not stored: they
/// follow from the block's header and body.
/// </summary>
internal static class ReceiptCodec
{
    public static byte[] Encode(IReadOnlyList<StoredReceipt> receipts)
    {
        var items = new byte[receipts.Count][];
        for (int i = 0; i < items.Length; i++)
        {
            StoredReceipt r = receipts[i];
            var logs = new byte[r.Logs.Count][];
            for (int l = 0; l < logs.Length; l++) logs[l] = BlockRoots.EncodeLog(r.Logs[l].Address, r.Logs[l].Topics, r.Logs[l].Data);
            items[i] = Rlp.EncodeList(
                Rlp.EncodeULong(r.Success ? 1UL : 0UL),
                Rlp.EncodeULong(r.CumulativeGasUsed),
                Rlp.EncodeULong(r.GasUsed),
                Rlp.EncodeUInt256(r.EffectiveGasPrice),
                Rlp.EncodeAddress(r.From),
                r.To is { } to ? Rlp.EncodeAddress(to) : Rlp.EncodeBytes([]),
                r.ContractAddress is { } created ? Rlp.EncodeAddress(created) : Rlp.EncodeBytes([]),
                Rlp.EncodeList(logs),
                Rlp.EncodeBytes(r.RevertData));
        }
        return Rlp.EncodeList(items);
    }

    /// <summary>Decodes every receipt of a block; <paramref name="rawTransactions"/> is the block's body (hashes, types).</summary>
    public static List<StoredReceipt> Decode(ReadOnlySpan<byte> encoded, BlockHeader header, IReadOnlyList<byte[]> rawTransactions)
    {
        var result = new List<StoredReceipt>(rawTransactions.Count);
        var outer = new RlpReader(encoded);
        var list = outer.ReadList();
        outer.ReadEnd();
        int logIndex = 0;
        for (int i = 0; list.HasMore; i++)
        {
            if (i >= rawTransactions.Count) throw new InvalidDataException($"Block {header.Number} has more receipts than transactions.");
            byte[] raw = rawTransactions[i];
            var item = list.ReadList();
            bool success = item.ReadULong() == 1;
            ulong cumulative = item.ReadULong();
            ulong gasUsed = item.ReadULong();
            UInt256 price = item.ReadUInt256();
            Address from = item.ReadAddress();
            Address? to = ReadOptionalAddress(ref item);
            Address? created = ReadOptionalAddress(ref item);
            Hash256 txHash = Keccak.Compute(raw);
            var bloom = new byte[LogsBloom.Size];
            var logs = new List<StoredLog>();
            var logList = item.ReadList();
            while (logList.HasMore)
            {
                var log = logList.ReadList();
                Address address = log.ReadAddress();
                var topicList = log.ReadList();
                var topics = new List<Hash256>(4);
                while (topicList.HasMore) topics.Add(topicList.ReadHash256());
                byte[] data = log.ReadBytes().ToArray();
                log.ReadEnd();
                Hash256[] topicArray = topics.ToArray();
                LogsBloom.AddLog(bloom, address, topicArray);
                logs.Add(new StoredLog(address, topicArray, data, header.Number, header.Hash, txHash, i, logIndex++));
            }
            byte[] revertData = item.ReadBytes().ToArray();
            item.ReadEnd();
            result.Add(new StoredReceipt
            {
                TransactionHash = txHash, TransactionIndex = i, BlockNumber = header.Number, BlockHash = header.Hash,
                Type = TypeOf(raw), From = from, To = to, ContractAddress = created, Success = success, GasUsed = gasUsed,
                CumulativeGasUsed = cumulative, EffectiveGasPrice = price, Logs = logs, LogsBloom = bloom, RevertData = revertData,
            });
        }
        return result;
    }

    public static TxType TypeOf(ReadOnlySpan<byte> raw) => HeaderCodec.IsLegacy(raw) ? TxType.Legacy : (TxType)raw[0];

    private static Address? ReadOptionalAddress(ref RlpReader reader)
    {
        ReadOnlySpan<byte> bytes = reader.ReadBytes();
        if (bytes.Length == 0) return null;
        if (bytes.Length != Address.Size) throw new InvalidDataException($"A stored address is {bytes.Length} bytes.");
        return new Address(bytes);
    }
}
