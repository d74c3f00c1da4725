using System.Text.Json;
using OasisEth.Transactions;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Block, transaction, receipt and log objects with the fields geth answers and ethers v6 / viem / web3.js read.
/// Blocks show exactly the header's fields (the London layout of 16, see the executor's HeaderCodec) plus the
/// usual derived ones (hash, size, totalDifficulty 0, uncles []): no withdrawals, blob, beacon-root or requests fields,
/// because clients that recompute the block hash take it over the fields they are given.
/// </summary>
internal static class RpcObjects
{
    public static void Block(Utf8JsonWriter w, Block block, bool fullTransactions)
    {
        BlockHeader h = block.Header;
        w.WriteStartObject();
        HeaderFields(w, h);
        RpcJson.Quantity(w, "size", h.Size);
        RpcJson.Quantity(w, "totalDifficulty", 0UL);
        w.WriteStartArray("transactions");
        IReadOnlyList<StoredTransaction> txs = block.Transactions;
        for (int i = 0; i < txs.Count; i++)
        {
            if (fullTransactions) Transaction(w, txs[i].Transaction, h, i);
            else RpcJson.Hash(w, txs[i].Hash);
        }
        w.WriteEndArray();
        w.WriteStartArray("uncles");
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The newHeads notification: the header fields of <see cref="Block"/> without transactions.</summary>
    public static void Header(Utf8JsonWriter w, BlockHeader h)
    {
        w.WriteStartObject();
        HeaderFields(w, h);
        w.WriteEndObject();
    }

    private static void HeaderFields(Utf8JsonWriter w, BlockHeader h)
    {
        RpcJson.Quantity(w, "baseFeePerGas", h.BaseFee);
        RpcJson.Quantity(w, "difficulty", 0UL);
        RpcJson.Data(w, "extraData", h.ExtraData);
        RpcJson.Quantity(w, "gasLimit", h.GasLimit);
        RpcJson.Quantity(w, "gasUsed", h.GasUsed);
        RpcJson.Hash(w, "hash", h.Hash);
        RpcJson.Data(w, "logsBloom", h.LogsBloom);
        RpcJson.Address(w, "miner", h.Coinbase);
        RpcJson.Hash(w, "mixHash", h.MixHash);
        w.WriteString("nonce", "0x0000000000000000");
        RpcJson.Quantity(w, "number", h.Number);
        RpcJson.Hash(w, "parentHash", h.ParentHash);
        RpcJson.Hash(w, "receiptsRoot", h.ReceiptsRoot);
        RpcJson.Hash(w, "sha3Uncles", Hash256.EmptyList);
        RpcJson.Hash(w, "stateRoot", h.StateRoot);
        RpcJson.Quantity(w, "timestamp", h.Timestamp);
        RpcJson.Hash(w, "transactionsRoot", h.TransactionsRoot);
    }

    /// <summary>A mined transaction (<paramref name="header"/> set) or a pending one (block fields null; gasPrice =
    /// the fee cap, as geth shows pending dynamic-fee transactions).</summary>
    public static void Transaction(Utf8JsonWriter w, Transaction tx, BlockHeader? header, int index)
    {
        w.WriteStartObject();
        if (header is not null)
        {
            RpcJson.Hash(w, "blockHash", header.Hash);
            RpcJson.Quantity(w, "blockNumber", header.Number);
            RpcJson.Quantity(w, "blockTimestamp", header.Timestamp);
        }
        else
        {
            w.WriteNull("blockHash");
            w.WriteNull("blockNumber");
        }
        RpcJson.Address(w, "from", tx.Sender);
        RpcJson.Quantity(w, "gas", tx.GasLimit);
        UInt256 gasPrice = !tx.IsDynamicFee ? tx.GasPrice
            : header is not null ? FeeRules.EffectiveGasPrice(tx, header.BaseFee) : tx.MaxFeePerGas;
        RpcJson.Quantity(w, "gasPrice", gasPrice);
        if (tx.IsDynamicFee)
        {
            RpcJson.Quantity(w, "maxFeePerGas", tx.MaxFeePerGas);
            RpcJson.Quantity(w, "maxPriorityFeePerGas", tx.MaxPriorityFeePerGas);
        }
        RpcJson.Hash(w, "hash", tx.Hash);
        RpcJson.Data(w, "input", tx.Data);
        RpcJson.Quantity(w, "nonce", tx.Nonce);
        RpcJson.OptionalAddress(w, "to", tx.To);
        if (header is not null) RpcJson.Quantity(w, "transactionIndex", (ulong)index);
        else w.WriteNull("transactionIndex");
        RpcJson.Quantity(w, "value", tx.Value);
        RpcJson.Quantity(w, "type", (ulong)tx.Type);
        if (tx.Type != TxType.Legacy)
        {
            w.WriteStartArray("accessList");
            foreach (AccessListItem item in tx.AccessList)
            {
                w.WriteStartObject();
                RpcJson.Address(w, "address", item.Address);
                w.WriteStartArray("storageKeys");
                foreach (UInt256 key in item.StorageKeys) RpcJson.Word(w, key);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (tx.Type != TxType.Legacy || !tx.ChainId.IsZero) RpcJson.Quantity(w, "chainId", tx.ChainId);
        if (tx.Type == TxType.SetCode)
        {
            w.WriteStartArray("authorizationList");
            foreach (AuthorizationTuple a in tx.AuthorizationList)
            {
                w.WriteStartObject();
                RpcJson.Quantity(w, "chainId", a.ChainId);
                RpcJson.Address(w, "address", a.Address);
                RpcJson.Quantity(w, "nonce", a.Nonce);
                RpcJson.Quantity(w, "yParity", a.YParity);
                RpcJson.Quantity(w, "r", a.R);
                RpcJson.Quantity(w, "s", a.S);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        RpcJson.Quantity(w, "v", tx.V);
        RpcJson.Quantity(w, "r", tx.R);
        RpcJson.Quantity(w, "s", tx.S);
        if (tx.Type != TxType.Legacy) RpcJson.Quantity(w, "yParity", tx.V);
        w.WriteEndObject();
    }

    public static void Receipt(Utf8JsonWriter w, StoredReceipt r, ulong blockTimestamp)
    {
        w.WriteStartObject();
        RpcJson.Hash(w, "blockHash", r.BlockHash);
        RpcJson.Quantity(w, "blockNumber", r.BlockNumber);
        RpcJson.OptionalAddress(w, "contractAddress", r.ContractAddress);
        RpcJson.Quantity(w, "cumulativeGasUsed", r.CumulativeGasUsed);
        RpcJson.Quantity(w, "effectiveGasPrice", r.EffectiveGasPrice);
        RpcJson.Address(w, "from", r.From);
        RpcJson.Quantity(w, "gasUsed", r.GasUsed);
        w.WriteStartArray("logs");
        foreach (StoredLog log in r.Logs) Log(w, log, blockTimestamp);
        w.WriteEndArray();
        RpcJson.Data(w, "logsBloom", r.LogsBloom);
        RpcJson.Quantity(w, "status", r.Success ? 1UL : 0UL);
        RpcJson.OptionalAddress(w, "to", r.To);
        RpcJson.Hash(w, "transactionHash", r.TransactionHash);
        RpcJson.Quantity(w, "transactionIndex", (ulong)r.TransactionIndex);
        RpcJson.Quantity(w, "type", (ulong)r.Type);
        w.WriteEndObject();
    }

    public static void Log(Utf8JsonWriter w, StoredLog log, ulong blockTimestamp)
    {
        w.WriteStartObject();
        RpcJson.Address(w, "address", log.Address);
        w.WriteStartArray("topics");
        foreach (Hash256 topic in log.Topics) RpcJson.Hash(w, topic);
        w.WriteEndArray();
        RpcJson.Data(w, "data", log.Data);
        RpcJson.Quantity(w, "blockNumber", log.BlockNumber);
        RpcJson.Hash(w, "transactionHash", log.TransactionHash);
        RpcJson.Quantity(w, "transactionIndex", (ulong)log.TransactionIndex);
        RpcJson.Hash(w, "blockHash", log.BlockHash);
        RpcJson.Quantity(w, "blockTimestamp", blockTimestamp);
        RpcJson.Quantity(w, "logIndex", (ulong)log.LogIndex);
        w.WriteBoolean("removed", false);
        w.WriteEndObject();
    }
}
