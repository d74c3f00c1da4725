using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.Primitives.Rlp;
using OasisEth.Trie;

namespace OasisEth.Executor;

/// <summary>
/// The header's transactions and receipts roots, as Ethereum computes them: a Merkle-Patricia trie keyed by
/// rlp(index) whose values are the transactions' envelopes (exactly the bytes received) and the receipts'
/// consensus encodings (<see cref="EncodeReceipt"/>).
/// </summary>
public static class BlockRoots
{
    public static Hash256 Transactions(IReadOnlyList<byte[]> rawTransactions)
    {
        if (rawTransactions.Count == 0) return Hash256.EmptyTrie;
        var keys = new byte[rawTransactions.Count][];
        var values = new byte[rawTransactions.Count][];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Rlp.EncodeULong((ulong)i);
            values[i] = rawTransactions[i];
        }
        return PatriciaTrie.ComputeRoot(keys, values);
    }

    public static Hash256 Receipts(IReadOnlyList<StoredReceipt> receipts)
    {
        if (receipts.Count == 0) return Hash256.EmptyTrie;
        var keys = new byte[receipts.Count][];
        var values = new byte[receipts.Count][];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = Rlp.EncodeULong((ulong)i);
            values[i] = EncodeReceipt(receipts[i]);
        }
        return PatriciaTrie.ComputeRoot(keys, values);
    }

    /// <summary>
    /// A receipt's consensus encoding (EIP-2718): <c>rlp([status, cumulativeGasUsed, logsBloom, logs])</c>, prefixed
    /// by the type byte for typed transactions; status is 1 (encoded 0x01) or 0 (the empty string); each log is
    /// <c>[address, [topics], data]</c>.
    /// </summary>
    public static byte[] EncodeReceipt(StoredReceipt receipt)
    {
        var logs = new byte[receipt.Logs.Count][];
        for (int i = 0; i < logs.Length; i++) logs[i] = EncodeLog(receipt.Logs[i].Address, receipt.Logs[i].Topics, receipt.Logs[i].Data);
        byte[] body = Rlp.EncodeList(
            Rlp.EncodeULong(receipt.Success ? 1UL : 0UL),
            Rlp.EncodeULong(receipt.CumulativeGasUsed),
            Rlp.EncodeBytes(receipt.LogsBloom),
            Rlp.EncodeList(logs));
        if (receipt.Type == TxType.Legacy) return body;
        var typed = new byte[body.Length + 1];
        typed[0] = (byte)receipt.Type;
        body.CopyTo(typed, 1);
        return typed;
    }

    internal static byte[] EncodeLog(Address address, Hash256[] topics, byte[] data)
    {
        var encodedTopics = new byte[topics.Length][];
        for (int t = 0; t < topics.Length; t++) encodedTopics[t] = Rlp.EncodeHash256(topics[t]);
        return Rlp.EncodeList(Rlp.EncodeAddress(address), Rlp.EncodeList(encodedTopics), Rlp.EncodeBytes(data));
    }
}
