using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;
using OasisEth.Tracing;

namespace OasisEth.Rpc;

/// <summary>
/// debug_traceBlockByNumber and debug_traceBlockByHash: every transaction of a block traced with the tracer the
/// options name (as debug_traceTransaction), from one re-execution of the block on its parent's state. The answer is
/// geth's: <c>[{txHash, result}]</c> in block order.
/// </summary>
internal static class DebugBlockApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("debug_traceBlockByNumber", call =>
        {
            JsonElement? tag = call.Params.Get(0);
            if (!c.TryResolve(call.Params.Required(0), RpcParams.Where(0), out ulong number, out _))
                throw RpcException.Server($"block #{(tag is { ValueKind: JsonValueKind.String } s ? s.GetString() : "?")} not found");
            return TraceBlock(call, c, number);
        });
        t.Add("debug_traceBlockByHash", call =>
        {
            Hash256 hash = call.Params.Hash(0);
            BlockHeader header = c.Chain.GetHeader(hash) ?? throw RpcException.Server($"block {hash} not found");
            return TraceBlock(call, c, header.Number);
        });
    }

    private static async ValueTask TraceBlock(RpcCall call, RpcContext c, ulong number)
    {
        Block block = c.Chain.GetBlock(number) ?? throw RpcException.Server($"block #{number} not found");
        var tracers = new IJsonTracer[block.Transactions.Count];
        int logsBefore = 0;
        for (int i = 0; i < tracers.Length; i++)
        {
            tracers[i] = DebugApi.CreateTracer(call.Params.Get(1), 1, c);
            // withLog's "index" counts in the block: each transaction's first log follows the ones before it.
            if (tracers[i] is CallTracer callTracer) callTracer.FirstLogIndex = logsBefore;
            logsBefore += c.Chain.GetReceipt(block.Transactions[i].Hash)?.Logs.Count ?? 0;
        }
        bool traced = await DebugApi.Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.TraceBlock(number, i => tracers[i], ct), call.Cancellation));
        if (!traced) throw RpcException.Server($"required historical state unavailable (block {number})");
        Utf8JsonWriter w = call.Result;
        w.WriteStartArray();
        for (int i = 0; i < tracers.Length; i++)
        {
            w.WriteStartObject();
            RpcJson.Hash(w, "txHash", block.Transactions[i].Hash);
            w.WritePropertyName("result");
            tracers[i].WriteResult(w);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
