using System.Text.Json;
using OasisEth.Evm.Tracing;
using OasisEth.Executor;
using OasisEth.Primitives;
using OasisEth.Tracing;

namespace OasisEth.Rpc;

/// <summary>
/// Otterscan's <c>ots_*</c> namespace (API level 8, as Erigon and anvil serve it), so the Otterscan block explorer
/// works against the node. Traces come from one re-execution of the transaction's block; the address searches scan
/// blocks (no index: a dev chain is small) and are bounded by <see cref="MaxScanBlocks"/> a request.
/// </summary>
internal static class OtsApi
{
    public const int ApiLevel = 8;

    /// <summary>Blocks one search request reads at most; a search that reaches it answers the page found so far.</summary>
    public const int MaxScanBlocks = 100_000;

    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("ots_getApiLevel", call => call.Result.WriteNumberValue(ApiLevel));
        t.Add("ots_hasCode", call =>
        {
            Address address = call.Params.Address(0);
            ulong block = c.ResolveExisting(call.Params, 1);
            call.Result.WriteBooleanValue(c.OpenState(block).GetCode(address).Length > 0);
        });
        t.Add("ots_traceTransaction", async call =>
        {
            FrameRecorder recorder = await Trace(call, c, call.Params.Hash(0));
            call.Result.WriteStartArray();
            foreach (RecordedFrame frame in recorder.Frames())
            {
                call.Result.WriteStartObject();
                call.Result.WriteString("type", frame.Type.Name());
                call.Result.WriteNumber("depth", frame.Depth);
                RpcJson.Address(call.Result, "from", frame.From);
                RpcJson.Address(call.Result, "to", frame.To);
                RpcJson.Quantity(call.Result, "value", frame.Type == TraceCallType.StaticCall ? UInt256.Zero : frame.Value);
                RpcJson.Data(call.Result, "input", frame.Input);
                RpcJson.Data(call.Result, "output", frame.Output);
                call.Result.WriteEndObject();
            }
            call.Result.WriteEndArray();
        });
        t.Add("ots_getInternalOperations", async call =>
        {
            FrameRecorder recorder = await Trace(call, c, call.Params.Hash(0));
            call.Result.WriteStartArray();
            foreach (RecordedFrame frame in recorder.Frames())
            {
                // Internal: the transaction's own frame is its value field, not an operation (Erigon's rule).
                if (frame.Depth == 0) continue;
                int type = frame.Type switch
                {
                    TraceCallType.Call when !frame.Value.IsZero => 0,
                    TraceCallType.SelfDestruct => 1,
                    TraceCallType.Create => 2,
                    TraceCallType.Create2 => 3,
                    _ => -1,
                };
                if (type < 0) continue;
                call.Result.WriteStartObject();
                call.Result.WriteNumber("type", type);
                RpcJson.Address(call.Result, "from", frame.From);
                RpcJson.Address(call.Result, "to", frame.To);
                RpcJson.Quantity(call.Result, "value", frame.Value);
                call.Result.WriteEndObject();
            }
            call.Result.WriteEndArray();
        });
        t.Add("ots_getTransactionError", async call =>
        {
            FrameRecorder recorder = await Trace(call, c, call.Params.Hash(0));
            RpcJson.Data(call.Result, recorder.Root is { Reverted: true } root ? root.Output : []);
        });
        t.Add("ots_getBlockDetails", call =>
        {
            ulong number = call.Params.Quantity(0);
            WriteBlockDetails(call.Result, c, c.Chain.GetBlock(number));
        });
        t.Add("ots_getBlockDetailsByHash", call => WriteBlockDetails(call.Result, c, c.Chain.GetBlock(call.Params.Hash(0))));
        t.Add("ots_getBlockTransactions", call =>
        {
            ulong number = call.Params.Quantity(0);
            ulong page = call.Params.Quantity(1), pageSize = call.Params.Quantity(2);
            WriteBlockTransactions(call.Result, c, c.Chain.GetBlock(number) ?? throw RpcException.Server($"block #{number} not found"), page, pageSize);
        });
        t.Add("ots_searchTransactionsBefore", call => Search(call, c, before: true));
        t.Add("ots_searchTransactionsAfter", call => Search(call, c, before: false));
        t.Add("ots_getTransactionBySenderAndNonce", call =>
        {
            Address sender = call.Params.Address(0);
            ulong nonce = call.Params.Quantity(1);
            if (FindBySenderAndNonce(c, sender, nonce) is { } hash) RpcJson.Hash(call.Result, hash);
            else call.Result.WriteNullValue();
        });
        t.Add("ots_getContractCreator", call => ContractCreator(call, c));
    }

    private static async Task<FrameRecorder> Trace(RpcCall call, RpcContext c, Hash256 hash)
    {
        var recorder = new FrameRecorder(CancellationToken.None, c.Limits.MaxResponseBytes);
        bool found = await DebugApi.Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.TraceTransaction(hash, recorder, ct), call.Cancellation));
        if (!found) throw RpcException.Server($"transaction {hash} not found");
        return recorder;
    }

    /// <summary>The block without its transactions, with transactionCount; the issuance (no block reward on this
    /// chain: zeros) and the fees its transactions paid (gas used times effective gas price, burnt part included).</summary>
    private static void WriteBlockDetails(Utf8JsonWriter w, RpcContext c, Block? block)
    {
        if (block is null) { w.WriteNullValue(); return; }
        w.WriteStartObject();
        w.WritePropertyName("block");
        OtsJson.Rewrite(w, inner => RpcObjects.Block(inner, block, false), drop: "transactions",
            extra: x => x.WriteNumber("transactionCount", block.Transactions.Count));
        w.WriteStartObject("issuance");
        RpcJson.Quantity(w, "blockReward", 0UL);
        RpcJson.Quantity(w, "uncleReward", 0UL);
        RpcJson.Quantity(w, "issuance", 0UL);
        w.WriteEndObject();
        UInt256 fees = UInt256.Zero;
        foreach (StoredTransaction tx in block.Transactions)
            if (c.Chain.GetReceipt(tx.Hash) is { } r) fees += (UInt256)r.GasUsed * r.EffectiveGasPrice;
        RpcJson.Quantity(w, "totalFees", fees);
        w.WriteEndObject();
    }

    /// <summary>A page of the block's transactions (page 0 = the last <paramref name="pageSize"/>, as Erigon pages),
    /// inputs cut to their selector, with their receipts.</summary>
    private static void WriteBlockTransactions(Utf8JsonWriter w, RpcContext c, Block block, ulong page, ulong pageSize)
    {
        int count = block.Transactions.Count;
        long end = count - (long)Math.Min(page * pageSize, (ulong)count);
        long start = Math.Max(0, end - (long)Math.Min(pageSize, (ulong)count));
        w.WriteStartObject();
        w.WritePropertyName("fullblock");
        OtsJson.Rewrite(w, inner => RpcObjects.Block(inner, block, false), drop: "transactions", extra: x =>
        {
            x.WriteStartArray("transactions");
            for (long i = start; i < end; i++)
                OtsJson.Rewrite(x, t => RpcObjects.Transaction(t, block.Transactions[(int)i].Transaction, block.Header, (int)i), cut: "input");
            x.WriteEndArray();
            x.WriteNumber("transactionCount", count);
        });
        w.WriteStartArray("receipts");
        for (long i = start; i < end; i++) WriteReceipt(w, c, block.Transactions[(int)i].Hash, block.Header.Timestamp);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteReceipt(Utf8JsonWriter w, RpcContext c, Hash256 hash, ulong timestamp)
    {
        if (c.Chain.GetReceipt(hash) is not { } receipt) { w.WriteNullValue(); return; }
        OtsJson.Rewrite(w, inner => RpcObjects.Receipt(inner, receipt, timestamp), extra: x => RpcJson.Quantity(x, "timestamp", timestamp));
    }

    /// <summary>
    /// ots_searchTransactionsBefore/After: transactions that touched the address (sent, received, created it, or
    /// reached it in an internal call, as Erigon's index has them), newest first, in whole blocks until the page is
    /// full. Before: from the block below <c>blockNumber</c> (0 = from the head) downwards; after: from the block above
    /// it upwards. firstPage = the newest transactions are in it, lastPage = the oldest are. A block whose transactions
    /// call contracts is traced (once) to find internal touches; at most <see cref="MaxScanBlocks"/> blocks are read and
    /// <see cref="MaxTracedBlocks"/> traced a request, and a search cut short answers what it found as a middle page.
    /// </summary>
    private static async ValueTask Search(RpcCall call, RpcContext c, bool before)
    {
        Address address = call.Params.Address(0);
        ulong from = call.Params.Quantity(1);
        ulong pageSize = Math.Max(1, call.Params.Quantity(2));
        ulong head = c.Chain.Head.Number;
        var found = new List<StoredTransaction>();
        bool reachedEnd = true;
        long step = before ? -1 : 1;
        long number = before ? (from == 0 ? (long)head : (long)from - 1) : (long)from + 1;
        int scanned = 0, traced = 0;
        for (; number >= 1 && number <= (long)head; number += step)
        {
            if ((ulong)found.Count >= pageSize || ++scanned > MaxScanBlocks || traced > MaxTracedBlocks) { reachedEnd = false; break; }
            if (c.Chain.GetBlock((ulong)number) is not { } block || block.Transactions.Count == 0) continue;
            bool[] touches = await Touches(call, c, block, address, () => traced++);
            var inBlock = new List<StoredTransaction>();
            for (int i = block.Transactions.Count - 1; i >= 0; i--) if (touches[i]) inBlock.Add(block.Transactions[i]); // newest first
            if (before) found.AddRange(inBlock);
            else found.InsertRange(0, inBlock);
        }
        bool firstPage = before ? from == 0 : reachedEnd;
        bool lastPage = before ? reachedEnd : from == 0;
        Utf8JsonWriter w = call.Result;
        w.WriteStartObject();
        w.WriteStartArray("txs");
        foreach (StoredTransaction tx in found) RpcObjects.Transaction(w, tx.Transaction, c.Chain.GetHeader(tx.BlockNumber), tx.Index);
        w.WriteEndArray();
        w.WriteStartArray("receipts");
        foreach (StoredTransaction tx in found) WriteReceipt(w, c, tx.Hash, c.Chain.GetHeader(tx.BlockNumber)?.Timestamp ?? 0);
        w.WriteEndArray();
        w.WriteBoolean("firstPage", firstPage);
        w.WriteBoolean("lastPage", lastPage);
        w.WriteEndObject();
    }

    /// <summary>Blocks one search request traces at most (to find internal calls).</summary>
    public const int MaxTracedBlocks = 1000;

    /// <summary>Which of the block's transactions touch the address: directly (sender, recipient, created contract)
    /// or in any of its frames (the block is traced once when some transaction does not touch it directly).</summary>
    private static async Task<bool[]> Touches(RpcCall call, RpcContext c, Block block, Address address, Action countTrace)
    {
        int n = block.Transactions.Count;
        var touches = new bool[n];
        bool needTrace = false;
        for (int i = 0; i < n; i++)
        {
            var tx = block.Transactions[i].Transaction;
            touches[i] = tx.Sender == address || tx.To == address
                || (tx.To is null && c.Chain.GetReceipt(block.Transactions[i].Hash)?.ContractAddress == address);
            needTrace |= !touches[i]; // even a plain transfer may run a contract's receive function
        }
        if (!needTrace) return touches;
        countTrace();
        var recorders = new FrameRecorder[n];
        for (int i = 0; i < n; i++) recorders[i] = new FrameRecorder(CancellationToken.None, c.Limits.MaxResponseBytes);
        bool ok = await DebugApi.Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.TraceBlock(block.Header.Number, i => touches[i] ? null : recorders[i], ct), call.Cancellation));
        if (!ok) return touches; // state pruned: direct touches only
        for (int i = 0; i < n; i++)
        {
            if (touches[i]) continue;
            foreach (RecordedFrame frame in recorders[i].Frames())
                if (frame.From == address || frame.To == address) { touches[i] = true; break; }
        }
        return touches;
    }

    /// <summary>The first block after which the sender's nonce passed <paramref name="nonce"/> (binary search over
    /// the kept states), then that block's transaction with the nonce; a linear scan where the state is pruned.</summary>
    internal static Hash256? FindBySenderAndNonce(RpcContext c, Address sender, ulong nonce)
    {
        ulong head = c.Chain.Head.Number;
        if (c.OpenState(head).GetNonce(sender) <= nonce) return null;
        try
        {
            ulong lo = 0, hi = head; // nonce after hi > nonce; find the smallest such block
            while (lo < hi)
            {
                ulong mid = lo + (hi - lo) / 2;
                if (c.Chain.OpenState(mid).GetNonce(sender) > nonce) hi = mid;
                else lo = mid + 1;
            }
            return FindInBlock(c, lo, sender, nonce);
        }
        catch (StateUnavailableException)
        {
            for (ulong n = head, scanned = 0; n >= 1 && scanned < MaxScanBlocks; n--, scanned++)
                if (FindInBlock(c, n, sender, nonce) is { } hash) return hash;
            return null;
        }
    }

    private static Hash256? FindInBlock(RpcContext c, ulong number, Address sender, ulong nonce)
    {
        if (c.Chain.GetBlock(number) is not { } block) return null;
        foreach (StoredTransaction tx in block.Transactions)
            if (tx.Transaction.Sender == sender && tx.Transaction.Nonce == nonce) return tx.Hash;
        return null;
    }

    /// <summary>
    /// The transaction that created the contract and the account that ran the CREATE (the sender for a deployment,
    /// the factory for a CREATE inside a call): the block where the code appeared is found by binary search over the
    /// kept states, then that block is traced once. Null for an address without code, or whose code was set by a dev
    /// method (no transaction made it).
    /// </summary>
    private static async ValueTask ContractCreator(RpcCall call, RpcContext c)
    {
        Address address = call.Params.Address(0);
        ulong head = c.Chain.Head.Number;
        if (c.OpenState(head).GetCode(address).Length == 0) { call.Result.WriteNullValue(); return; }
        ulong lo = 0, hi = head;
        try
        {
            while (lo < hi)
            {
                ulong mid = lo + (hi - lo) / 2;
                if (c.Chain.OpenState(mid).GetCode(address).Length > 0) hi = mid;
                else lo = mid + 1;
            }
        }
        catch (StateUnavailableException)
        {
            throw RpcException.Server("the contract was created before the oldest kept state; its creator cannot be traced");
        }
        if (c.Chain.GetBlock(lo) is not { } block || block.Transactions.Count == 0) { call.Result.WriteNullValue(); return; }
        var recorders = new FrameRecorder[block.Transactions.Count];
        for (int i = 0; i < recorders.Length; i++) recorders[i] = new FrameRecorder(CancellationToken.None, c.Limits.MaxResponseBytes);
        bool traced = await DebugApi.Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.TraceBlock(lo, i => recorders[i], ct), call.Cancellation));
        if (!traced) throw RpcException.Server($"required historical state unavailable (block {lo})");
        for (int i = 0; i < recorders.Length; i++)
        {
            foreach (RecordedFrame frame in recorders[i].Frames())
            {
                if (!frame.Type.IsCreate() || frame.Failed || frame.To != address) continue;
                call.Result.WriteStartObject();
                RpcJson.Hash(call.Result, "hash", block.Transactions[i].Hash);
                RpcJson.Address(call.Result, "creator", frame.From);
                call.Result.WriteEndObject();
                return;
            }
        }
        call.Result.WriteNullValue();
    }
}
