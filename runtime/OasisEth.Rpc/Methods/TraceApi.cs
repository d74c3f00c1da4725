using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;
using OasisEth.Tracing;

namespace OasisEth.Rpc;

/// <summary>
/// OpenEthereum's <c>trace_*</c> namespace (as reth and Erigon serve it): flat call traces of mined transactions
/// and blocks, trace_filter over a bounded block range, and trace_call / trace_replay* with the <c>trace</c> and
/// <c>stateDiff</c> result types (<c>vmTrace</c> is answered null). Every mined trace comes from one re-execution of
/// its block (<see cref="IChain.TraceBlock"/>); entries are written by <see cref="ParityTraces"/>.
/// </summary>
internal static class TraceApi
{
    /// <summary>trace_filter's bound: blocks a request may span (each block is re-executed).</summary>
    public const int MaxFilterBlocks = 1000;

    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("trace_transaction", async call =>
        {
            Hash256 hash = call.Params.Hash(0);
            if (await TraceMined(call, c, hash, withDiff: false) is not { } traced) { call.Result.WriteNullValue(); return; }
            call.Result.WriteStartArray();
            ParityTraces.WriteEntries(call.Result, traced.Set.Recorder, traced.Location);
            call.Result.WriteEndArray();
        });
        t.Add("trace_get", async call =>
        {
            Hash256 hash = call.Params.Hash(0);
            JsonElement indices = call.Params.Required(1);
            if (indices.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams("invalid argument 1: expected an array of indexes");
            // One index only (as reth): the position in the transaction's flat trace list.
            if (indices.GetArrayLength() != 1) { call.Result.WriteNullValue(); return; }
            ulong index = RpcValues.ULong(indices[0], "invalid argument 1");
            if (await TraceMined(call, c, hash, withDiff: false) is not { } traced) { call.Result.WriteNullValue(); return; }
            List<ParityEntry> entries = ParityTraces.Entries(traced.Set.Recorder);
            if (index >= (ulong)entries.Count) call.Result.WriteNullValue();
            else ParityTraces.WriteEntry(call.Result, entries[(int)index], traced.Set.Recorder, traced.Location);
        });
        t.Add("trace_block", async call =>
        {
            if (!c.TryResolve(call.Params.Required(0), RpcParams.Where(0), out ulong number, out _) || c.Chain.GetBlock(number) is not { } block)
            {
                call.Result.WriteNullValue();
                return;
            }
            TxTraceSet[] sets = await TraceBlock(call, c, block, withDiff: false);
            call.Result.WriteStartArray();
            for (int i = 0; i < sets.Length; i++) ParityTraces.WriteEntries(call.Result, sets[i].Recorder, Location(block, i));
            call.Result.WriteEndArray();
        });
        t.Add("trace_filter", call => Filter(call, c));
        t.Add("trace_replayTransaction", async call =>
        {
            Hash256 hash = call.Params.Hash(0);
            TraceTypes types = ParseTypes(call.Params.Get(1), 1);
            if (await TraceMined(call, c, hash, types.StateDiff) is not { } traced) throw RpcException.Server($"transaction {hash} not found");
            WriteResults(call.Result, traced.Set, types, transactionHash: null);
        });
        t.Add("trace_replayBlockTransactions", async call =>
        {
            if (!c.TryResolve(call.Params.Required(0), RpcParams.Where(0), out ulong number, out _) || c.Chain.GetBlock(number) is not { } block)
            {
                call.Result.WriteNullValue();
                return;
            }
            TraceTypes types = ParseTypes(call.Params.Get(1), 1);
            TxTraceSet[] sets = await TraceBlock(call, c, block, types.StateDiff);
            call.Result.WriteStartArray();
            for (int i = 0; i < sets.Length; i++) WriteResults(call.Result, sets[i], types, block.Transactions[i].Hash);
            call.Result.WriteEndArray();
        });
        t.Add("trace_call", async call =>
        {
            (CallRequest request, _, _) = CallArgs.Parse(call.Params.Required(0), RpcParams.Where(0));
            TraceTypes types = ParseTypes(call.Params.Get(1), 1);
            ulong block = c.ResolveExisting(call.Params, 2);
            request = TxApi.CapGas(request, c.Limits);
            TxTraceSet set = NewSet(c, types.StateDiff);
            await DebugApi.Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.Call(request, block, set.Tracer, null, ct), call.Cancellation));
            WriteResults(call.Result, set, types, transactionHash: null);
        });
    }

    /// <summary>The tracers of one transaction: the frame recorder, and for stateDiff a diff-mode prestate tracer beside it.</summary>
    private sealed record TxTraceSet(FrameRecorder Recorder, PrestateTracer? Diff, Evm.Tracing.ITxTracer Tracer);

    private readonly record struct TraceTypes(bool Trace, bool StateDiff, bool VmTrace);

    private static TxTraceSet NewSet(RpcContext c, bool withDiff)
    {
        var recorder = new FrameRecorder(CancellationToken.None, c.Limits.MaxResponseBytes);
        if (!withDiff) return new TxTraceSet(recorder, null, recorder);
        var diff = new PrestateTracer(new PrestateTracerOptions { DiffMode = true });
        return new TxTraceSet(recorder, diff, new CombinedTracer(recorder, diff));
    }

    private static TraceLocation Location(Block block, int index) =>
        new(block.Header.Hash, block.Header.Number, block.Transactions[index].Hash, index);

    /// <summary>A mined transaction traced in its block; null when unknown.</summary>
    private static async Task<(TxTraceSet Set, TraceLocation Location)?> TraceMined(RpcCall call, RpcContext c, Hash256 hash, bool withDiff)
    {
        if (c.Chain.GetTransaction(hash) is not { } tx) return null;
        TxTraceSet set = NewSet(c, withDiff);
        bool found = await DebugApi.Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.TraceTransaction(hash, set.Tracer, ct), call.Cancellation));
        if (!found) throw RpcException.Server($"required historical state unavailable (block {tx.BlockNumber})");
        return (set, new TraceLocation(tx.BlockHash, tx.BlockNumber, hash, tx.Index));
    }

    private static async Task<TxTraceSet[]> TraceBlock(RpcCall call, RpcContext c, Block block, bool withDiff)
    {
        var sets = new TxTraceSet[block.Transactions.Count];
        for (int i = 0; i < sets.Length; i++) sets[i] = NewSet(c, withDiff);
        bool traced = await DebugApi.Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.TraceBlock(block.Header.Number, i => sets[i].Tracer, ct), call.Cancellation));
        if (!traced) throw RpcException.Server($"required historical state unavailable (block {block.Header.Number})");
        return sets;
    }

    private static TraceTypes ParseTypes(JsonElement? element, int index)
    {
        if (element is not { ValueKind: JsonValueKind.Array } array) throw RpcException.InvalidParams($"invalid argument {index}: expected an array of trace types");
        bool trace = false, diff = false, vm = false;
        foreach (JsonElement e in array.EnumerateArray())
        {
            switch (e.ValueKind == JsonValueKind.String ? e.GetString() : null)
            {
                case "trace": trace = true; break;
                case "stateDiff": diff = true; break;
                case "vmTrace": vm = true; break;
                default: throw RpcException.InvalidParams($"invalid argument {index}: trace types are \"trace\", \"stateDiff\" and \"vmTrace\"");
            }
        }
        return new TraceTypes(trace, diff, vm);
    }

    /// <summary>OpenEthereum's TraceResults: <c>{output, stateDiff, trace, vmTrace}</c> (+ transactionHash in a block replay).</summary>
    private static void WriteResults(Utf8JsonWriter w, TxTraceSet set, TraceTypes types, Hash256? transactionHash)
    {
        w.WriteStartObject();
        RpcJson.Data(w, "output", set.Recorder.Root?.Output ?? []);
        w.WritePropertyName("stateDiff");
        if (types.StateDiff && set.Diff is { } diff) ParityStateDiff.Write(w, diff.Changes);
        else w.WriteNullValue();
        w.WriteStartArray("trace");
        if (types.Trace) ParityTraces.WriteEntries(w, set.Recorder, null);
        w.WriteEndArray();
        w.WriteNull("vmTrace");
        if (transactionHash is { } hash) RpcJson.Hash(w, "transactionHash", hash);
        w.WriteEndObject();
    }

    private static async ValueTask Filter(RpcCall call, RpcContext c)
    {
        JsonElement filter = call.Params.Required(0);
        if (filter.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams("invalid argument 0: expected a filter object");
        (ulong from, bool fromExists) = Block(c, RpcValues.Member(filter, "fromBlock"), 0);
        (ulong to, bool toExists) = Block(c, RpcValues.Member(filter, "toBlock"), c.Chain.Head.Number);
        if (from > to) throw RpcException.InvalidParams("invalid argument 0: fromBlock is after toBlock");
        // The span first: a range too wide is refused as such even when its end is not mined yet.
        if (to - from >= MaxFilterBlocks)
            throw RpcException.InvalidParams($"invalid argument 0: trace_filter spans at most {MaxFilterBlocks} blocks; narrow fromBlock/toBlock");
        if (!fromExists || !toExists) throw RpcException.InvalidParams("invalid argument 0: block not found");
        HashSet<Address>? fromAddresses = Addresses(RpcValues.Member(filter, "fromAddress"), "fromAddress");
        HashSet<Address>? toAddresses = Addresses(RpcValues.Member(filter, "toAddress"), "toAddress");
        bool intersection = RpcValues.Member(filter, "mode") is { } mode && mode.ValueKind == JsonValueKind.String && mode.GetString() == "intersection";
        ulong after = RpcValues.Member(filter, "after") is { ValueKind: not JsonValueKind.Null } a ? RpcValues.ULong(a, "invalid argument 0: after") : 0;
        ulong count = RpcValues.Member(filter, "count") is { ValueKind: not JsonValueKind.Null } n ? RpcValues.ULong(n, "invalid argument 0: count") : ulong.MaxValue;

        call.Result.WriteStartArray();
        ulong matched = 0, written = 0;
        for (ulong number = Math.Max(from, 1); number <= to && written < count; number++)
        {
            if (c.Chain.GetBlock(number) is not { } block || block.Transactions.Count == 0) continue;
            TxTraceSet[] sets = await TraceBlock(call, c, block, withDiff: false);
            for (int i = 0; i < sets.Length && written < count; i++)
            {
                foreach (ParityEntry entry in ParityTraces.Entries(sets[i].Recorder))
                {
                    if (!Matches(entry.Frame, fromAddresses, toAddresses, intersection)) continue;
                    if (matched++ < after) continue;
                    ParityTraces.WriteEntry(call.Result, entry, sets[i].Recorder, Location(block, i));
                    if (++written >= count) break;
                }
            }
        }
        call.Result.WriteEndArray();
    }

    /// <summary>Union (the default, as reth and Erigon): an entry matches when any given list holds its sender or
    /// receiver; intersection: each given list must. No lists: everything matches.</summary>
    private static bool Matches(RecordedFrame frame, HashSet<Address>? fromAddresses, HashSet<Address>? toAddresses, bool intersection)
    {
        if (fromAddresses is null && toAddresses is null) return true;
        bool fromMatch = fromAddresses is not null && fromAddresses.Contains(ParityTraces.ActionFrom(frame));
        bool toMatch = toAddresses is not null && ParityTraces.ActionTo(frame) is { } to && toAddresses.Contains(to);
        if (!intersection) return fromMatch || toMatch;
        return (fromAddresses is null || fromMatch) && (toAddresses is null || toMatch);
    }

    private static (ulong Number, bool Exists) Block(RpcContext c, JsonElement? element, ulong fallback)
    {
        if (element is not { } e || e.ValueKind == JsonValueKind.Null) return (fallback, true);
        bool exists = c.TryResolve(e, "invalid argument 0", out ulong number, out _);
        return (number, exists);
    }

    private static HashSet<Address>? Addresses(JsonElement? element, string name)
    {
        if (element is not { } e || e.ValueKind == JsonValueKind.Null) return null;
        if (e.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams($"invalid argument 0: {name} must be an array of addresses");
        if (e.GetArrayLength() == 0) return null;
        var set = new HashSet<Address>();
        foreach (JsonElement item in e.EnumerateArray()) set.Add(RpcValues.Address(item, $"invalid argument 0: {name}"));
        return set;
    }
}
