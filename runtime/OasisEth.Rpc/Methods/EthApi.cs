using System.Globalization;
using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Rpc;

/// <summary>Chain and state reads: identity, blocks, transactions, receipts, balances, code, storage, fees.</summary>
internal static class EthApi
{
    // Starts with "anvil" on purpose: hardhat-network-helpers (mine, time, takeSnapshot, loadFixture) refuse any node
    // whose web3_clientVersion does not start with "hardhat", "anvil" or "zksync", and the dev methods here follow
    // anvil's dialect (interval mining in seconds, anvil_* names). The rest still names this node.
    public const string ClientVersion = "anvil-compatible/OasisEth/v0.1.0/linux-x64/dotnet10";

    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("web3_clientVersion", call => call.Result.WriteStringValue(ClientVersion));
        t.Add("web3_sha3", call => RpcJson.Hash(call.Result, Keccak.Compute(call.Params.Data(0))));
        t.Add("net_version", call => call.Result.WriteStringValue(c.Genesis.ChainId.ToString(CultureInfo.InvariantCulture)));
        t.Add("net_listening", call => call.Result.WriteBooleanValue(true));
        t.Add("net_peerCount", call => RpcJson.Quantity(call.Result, 0UL));
        t.Add("eth_chainId", call => RpcJson.Quantity(call.Result, c.Genesis.ChainId));
        t.Add("eth_syncing", call => call.Result.WriteBooleanValue(false));
        t.Add("eth_mining", call => call.Result.WriteBooleanValue(true));
        t.Add("eth_hashrate", call => RpcJson.Quantity(call.Result, 0UL));
        // The next block's coinbase: the fee collector, or a dev node's anvil_setCoinbase choice.
        t.Add("eth_coinbase", call => RpcJson.Address(call.Result, c.Chain is IDevChain dev ? dev.Coinbase ?? OethLedger.FeeCollector : c.Chain.Head.Coinbase));
        t.Add("eth_accounts", call =>
        {
            call.Result.WriteStartArray();
            foreach (Address a in c.Accounts.Addresses) RpcJson.Address(call.Result, a);
            call.Result.WriteEndArray();
        });
        t.Add("eth_blockNumber", call => RpcJson.Quantity(call.Result, c.Chain.Head.Number));

        t.Add("eth_getBalance", call =>
        {
            Address a = call.Params.Address(0);
            RpcJson.Quantity(call.Result, c.OpenState(c.ResolveExisting(call.Params, 1)).GetBalance(a));
        });
        t.Add("eth_getCode", call =>
        {
            Address a = call.Params.Address(0);
            RpcJson.Data(call.Result, c.OpenState(c.ResolveExisting(call.Params, 1)).GetCode(a));
        });
        t.Add("eth_getStorageAt", call =>
        {
            Address a = call.Params.Address(0);
            UInt256 slot = RpcValues.Slot(call.Params.Required(1), RpcParams.Where(1));
            RpcJson.Word(call.Result, c.OpenState(c.ResolveExisting(call.Params, 2)).GetStorage(a, slot));
        });
        t.Add("eth_getTransactionCount", call =>
        {
            Address a = call.Params.Address(0);
            if (!c.TryResolve(call.Params.Get(1), RpcParams.Where(1), out ulong number, out bool pending))
                throw RpcException.Server("header not found");
            ulong nonce = pending ? c.Driver.PendingNonce(a) : c.OpenState(number).GetNonce(a);
            RpcJson.Quantity(call.Result, nonce);
        });

        t.Add("eth_getBlockByNumber", call =>
        {
            bool full = call.Params.Bool(1);
            if (!c.TryResolve(call.Params.Required(0), RpcParams.Where(0), out ulong n, out _)) { call.Result.WriteNullValue(); return; }
            WriteBlock(call.Result, c, c.Chain.GetBlock(n), full);
        });
        t.Add("eth_getBlockByHash", call =>
        {
            Hash256 hash = call.Params.Hash(0);
            WriteBlock(call.Result, c, c.Chain.GetBlock(hash), call.Params.Bool(1));
        });
        t.Add("eth_getBlockTransactionCountByNumber", call => WriteCount(call.Result, BlockByTag(c, call.Params, 0)));
        t.Add("eth_getBlockTransactionCountByHash", call => WriteCount(call.Result, c.Chain.GetBlock(call.Params.Hash(0))));
        t.Add("eth_getUncleCountByBlockNumber", call => WriteZeroIfExists(call.Result, BlockByTag(c, call.Params, 0)));
        t.Add("eth_getUncleCountByBlockHash", call => WriteZeroIfExists(call.Result, c.Chain.GetBlock(call.Params.Hash(0))));
        t.Add("eth_getUncleByBlockNumberAndIndex", call => call.Result.WriteNullValue());
        t.Add("eth_getUncleByBlockHashAndIndex", call => call.Result.WriteNullValue());
        t.Add("eth_getTransactionByBlockNumberAndIndex", call =>
            WriteTransactionAt(call.Result, c, BlockByTag(c, call.Params, 0), call.Params.Quantity(1)));
        t.Add("eth_getTransactionByBlockHashAndIndex", call =>
            WriteTransactionAt(call.Result, c, c.Chain.GetBlock(call.Params.Hash(0)), call.Params.Quantity(1)));

        t.Add("eth_getTransactionByHash", call =>
        {
            Hash256 hash = call.Params.Hash(0);
            if (c.Chain.GetTransaction(hash) is { } stored)
            {
                RpcObjects.Transaction(call.Result, stored.Transaction, c.Chain.GetHeader(stored.BlockNumber), stored.Index);
                return;
            }
            if (c.Driver.Pool.Get(hash) is { } pending) RpcObjects.Transaction(call.Result, pending.Transaction, null, 0);
            else call.Result.WriteNullValue();
        });
        t.Add("eth_getTransactionReceipt", call =>
        {
            StoredReceipt? receipt = c.Chain.GetReceipt(call.Params.Hash(0));
            if (receipt is null) { call.Result.WriteNullValue(); return; }
            RpcObjects.Receipt(call.Result, receipt, c.Chain.GetHeader(receipt.BlockNumber)?.Timestamp ?? 0);
        });
        t.Add("eth_getBlockReceipts", call =>
        {
            Block? block = BlockByTag(c, call.Params, 0);
            if (block is null) { call.Result.WriteNullValue(); return; }
            call.Result.WriteStartArray();
            foreach (StoredTransaction tx in block.Transactions)
                if (c.Chain.GetReceipt(tx.Hash) is { } r) RpcObjects.Receipt(call.Result, r, block.Header.Timestamp);
            call.Result.WriteEndArray();
        });

        t.Add("eth_gasPrice", call =>
            RpcJson.Quantity(call.Result, FeeMarket.NextBaseFee(c.Chain, c.Chain.Head) + FeeMarket.SuggestedTip));
        t.Add("eth_maxPriorityFeePerGas", call => RpcJson.Quantity(call.Result, FeeMarket.SuggestedTip));
        t.Add("eth_blobBaseFee", call => RpcJson.Quantity(call.Result, 1UL));
        t.Add("eth_feeHistory", call => FeeHistory(call, c));
    }

    /// <summary>eth_getBlockByNumber's block parameter: a tag or number; null when it does not exist.</summary>
    private static Block? BlockByTag(RpcContext c, RpcParams p, int index) =>
        c.TryResolve(p.Required(index), RpcParams.Where(index), out ulong n, out _) ? c.Chain.GetBlock(n) : null;

    private static void WriteBlock(Utf8JsonWriter w, RpcContext c, Block? block, bool full)
    {
        if (block is null) w.WriteNullValue();
        else RpcObjects.Block(w, block, full);
    }

    private static void WriteCount(Utf8JsonWriter w, Block? block)
    {
        if (block is null) w.WriteNullValue();
        else RpcJson.Quantity(w, (ulong)block.Transactions.Count);
    }

    private static void WriteZeroIfExists(Utf8JsonWriter w, Block? block)
    {
        if (block is null) w.WriteNullValue();
        else RpcJson.Quantity(w, 0UL);
    }

    private static void WriteTransactionAt(Utf8JsonWriter w, RpcContext c, Block? block, ulong index)
    {
        if (block is null || index >= (ulong)block.Transactions.Count) { w.WriteNullValue(); return; }
        RpcObjects.Transaction(w, block.Transactions[(int)index].Transaction, block.Header, (int)index);
    }

    /// <summary>
    /// eth_feeHistory: base fees of the range plus the next block's, gas used ratios, and per block the tips at the
    /// asked percentiles, weighted by each transaction's gas used (geth's method).
    /// </summary>
    private static void FeeHistory(RpcCall call, RpcContext c)
    {
        ulong count = call.Params.Quantity(0);
        if (!c.TryResolve(call.Params.Required(1), RpcParams.Where(1), out ulong newest, out _))
            throw RpcException.Server("header not found");
        double[] percentiles = [];
        if (call.Params.Get(2) is { } pe)
        {
            if (pe.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams("invalid argument 2: expected an array of percentiles");
            if (pe.GetArrayLength() > 100) throw RpcException.InvalidParams("invalid argument 2: at most 100 percentiles");
            percentiles = new double[pe.GetArrayLength()];
            int i = 0;
            foreach (JsonElement x in pe.EnumerateArray())
            {
                if (x.ValueKind != JsonValueKind.Number || !x.TryGetDouble(out double v) || v < 0 || v > 100 || (i > 0 && v < percentiles[i - 1]))
                    throw RpcException.InvalidParams($"invalid argument 2: invalid reward percentile {x}");
                percentiles[i++] = v;
            }
        }
        count = Math.Min(count, 1024);
        if (count > newest + 1) count = newest + 1;
        ulong oldest = newest + 1 - count;
        Utf8JsonWriter w = call.Result;
        w.WriteStartObject();
        RpcJson.Quantity(w, "oldestBlock", count == 0 ? newest : oldest);
        var headers = new List<Block>((int)count);
        for (ulong n = oldest; n <= newest && count > 0; n++)
            if (c.Chain.GetBlock(n) is { } b) headers.Add(b);
        w.WriteStartArray("baseFeePerGas");
        foreach (Block b in headers) RpcJson.Quantity(w, b.Header.BaseFee);
        if (count > 0)
        {
            BlockHeader last = headers.Count > 0 ? headers[^1].Header : c.Chain.Head;
            RpcJson.Quantity(w, last.Number == c.Chain.Head.Number ? FeeMarket.NextBaseFee(c.Chain, last)
                : c.Chain.GetHeader(last.Number + 1)?.BaseFee ?? last.BaseFee);
        }
        w.WriteEndArray();
        w.WriteStartArray("gasUsedRatio");
        foreach (Block b in headers) w.WriteNumberValue(b.Header.GasLimit == 0 ? 0.0 : (double)b.Header.GasUsed / b.Header.GasLimit);
        w.WriteEndArray();
        w.WriteStartArray("baseFeePerBlobGas");
        for (int i = 0; i <= headers.Count && count > 0; i++) RpcJson.Quantity(w, 0UL);
        w.WriteEndArray();
        w.WriteStartArray("blobGasUsedRatio");
        foreach (Block _ in headers) w.WriteNumberValue(0);
        w.WriteEndArray();
        if (call.Params.Get(2) is not null)
        {
            w.WriteStartArray("reward");
            foreach (Block b in headers) WriteRewards(w, c, b, percentiles);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteRewards(Utf8JsonWriter w, RpcContext c, Block block, double[] percentiles)
    {
        var tips = new List<(UInt256 Tip, ulong Gas)>(block.Transactions.Count);
        foreach (StoredTransaction tx in block.Transactions)
        {
            UInt256 tip = FeeRules.EffectiveTip(tx.Transaction, block.Header.BaseFee);
            ulong gas = c.Chain.GetReceipt(tx.Hash)?.GasUsed ?? tx.Transaction.GasLimit;
            tips.Add((tip, gas));
        }
        tips.Sort((a, b) => a.Tip.CompareTo(b.Tip));
        w.WriteStartArray();
        foreach (double p in percentiles)
        {
            if (tips.Count == 0) { RpcJson.Quantity(w, 0UL); continue; }
            double threshold = block.Header.GasUsed * p / 100.0;
            ulong sum = 0;
            int i = 0;
            for (; i < tips.Count - 1; i++)
            {
                sum += tips[i].Gas;
                if (sum >= threshold) break;
            }
            RpcJson.Quantity(w, tips[i].Tip);
        }
        w.WriteEndArray();
    }
}
