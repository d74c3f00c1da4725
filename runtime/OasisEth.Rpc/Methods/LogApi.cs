using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>eth_getLogs, polled filters and WebSocket subscriptions.</summary>
internal static class LogApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("eth_getLogs", call =>
        {
            JsonElement obj = FilterObject(call.Params);
            LogCriteria criteria = LogCriteria.Parse(obj, RpcParams.Where(0));
            if (RpcValues.Member(obj, "blockHash") is { } hashElement)
            {
                if (RpcValues.Member(obj, "fromBlock") is not null || RpcValues.Member(obj, "toBlock") is not null)
                    throw RpcException.InvalidParams("invalid argument 0: cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
                Hash256 hash = RpcValues.Hash(hashElement, "invalid argument 0: blockHash");
                if (c.Chain.GetHeader(hash) is null) throw RpcException.Server("unknown block");
                WriteLogs(call.Result, c, Query(c, criteria.ToFilter(hash)));
                return;
            }
            ulong? from = Bound(c, RpcValues.Member(obj, "fromBlock"));
            ulong? to = Bound(c, RpcValues.Member(obj, "toBlock"));
            WriteLogs(call.Result, c, QueryRange(c, criteria, from, to));
        });

        t.Add("eth_newFilter", call =>
        {
            JsonElement obj = FilterObject(call.Params);
            if (RpcValues.Member(obj, "blockHash") is not null)
                throw RpcException.InvalidParams("invalid argument 0: blockHash is not allowed in eth_newFilter");
            var filter = new FilterStore.Filter(FilterStore.Kind.Logs, c.Chain.Head.Number)
            {
                Criteria = LogCriteria.Parse(obj, RpcParams.Where(0)),
                FromBlock = Bound(c, RpcValues.Member(obj, "fromBlock")),
                ToBlock = Bound(c, RpcValues.Member(obj, "toBlock")),
            };
            call.Result.WriteStringValue(c.Filters.Add(filter));
        });
        t.Add("eth_newBlockFilter", call =>
            call.Result.WriteStringValue(c.Filters.Add(new FilterStore.Filter(FilterStore.Kind.Blocks, c.Chain.Head.Number))));
        t.Add("eth_newPendingTransactionFilter", call =>
            call.Result.WriteStringValue(c.Filters.Add(new FilterStore.Filter(FilterStore.Kind.PendingTransactions, c.Chain.Head.Number))));
        t.Add("eth_uninstallFilter", call => call.Result.WriteBooleanValue(c.Filters.Remove(call.Params.String(0))));
        t.Add("eth_getFilterChanges", call =>
        {
            IReadOnlyList<StoredLog>? logs = null;
            List<Hash256>? hashes = null;
            bool found = c.Filters.TryUse(call.Params.String(0), f =>
            {
                ulong head = c.Chain.Head.Number;
                switch (f.Kind)
                {
                    case FilterStore.Kind.Blocks:
                        hashes = [];
                        for (ulong n = f.LastBlock + 1; n <= head; n++)
                            if (c.Chain.GetHeader(n) is { } h) hashes.Add(h.Hash);
                        f.LastBlock = head;
                        break;
                    case FilterStore.Kind.PendingTransactions:
                        hashes = [.. f.Pending];
                        f.Pending.Clear();
                        break;
                    default:
                        ulong from = Math.Max(f.LastBlock + 1, f.FromBlock ?? 0);
                        ulong to = Math.Min(head, f.ToBlock ?? head);
                        if (from > to)
                        {
                            logs = [];
                            f.LastBlock = head;
                            break;
                        }
                        // A filter left unpolled for long catches up one allowed range per poll instead of
                        // failing every poll from then on.
                        ulong end = Math.Min(to, from + c.Limits.MaxLogBlockRange - 1);
                        logs = QueryRange(c, f.Criteria!, from, end);
                        f.LastBlock = end == to ? head : end;
                        break;
                }
            });
            if (!found) throw RpcException.Server("filter not found");
            if (logs is not null) WriteLogs(call.Result, c, logs);
            else
            {
                call.Result.WriteStartArray();
                foreach (Hash256 h in hashes!) RpcJson.Hash(call.Result, h);
                call.Result.WriteEndArray();
            }
        });
        t.Add("eth_getFilterLogs", call =>
        {
            FilterStore.Filter? filter = null;
            if (!c.Filters.TryUse(call.Params.String(0), f => filter = f)) throw RpcException.Server("filter not found");
            if (filter!.Kind != FilterStore.Kind.Logs) throw RpcException.Server("filter not found");
            WriteLogs(call.Result, c, QueryRange(c, filter.Criteria!, filter.FromBlock, filter.ToBlock));
        });

        t.Add("eth_subscribe", call =>
        {
            RpcSession session = call.Session ?? throw new RpcException(-32001, "notifications not supported");
            string kind = call.Params.String(0);
            string id = kind switch
            {
                "newHeads" => session.Subscribe(RpcSession.SubscriptionKind.NewHeads, null, false),
                "logs" => session.Subscribe(RpcSession.SubscriptionKind.Logs,
                    call.Params.Get(1) is { ValueKind: JsonValueKind.Object } o ? LogCriteria.Parse(o, RpcParams.Where(1)) : new LogCriteria(), false),
                "newPendingTransactions" => session.Subscribe(RpcSession.SubscriptionKind.NewPendingTransactions, null, call.Params.Bool(1)),
                _ => throw RpcException.InvalidParams($"unsupported subscription type: {kind}"),
            };
            call.Result.WriteStringValue(id);
        });
        t.Add("eth_unsubscribe", call =>
        {
            RpcSession session = call.Session ?? throw new RpcException(-32001, "notifications not supported");
            call.Result.WriteBooleanValue(session.Unsubscribe(call.Params.String(0)));
        });
    }

    /// <summary>Kept for the process: "no filter object" reads as {}.</summary>
    private static readonly JsonDocument EmptyObject = JsonDocument.Parse("{}");

    private static JsonElement FilterObject(RpcParams p)
    {
        if (p.Get(0) is not { } obj) return EmptyObject.RootElement;
        if (obj.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams("invalid argument 0: expected a filter object");
        return obj;
    }

    /// <summary>A range end: null = the head at query time ("latest", "pending", absent); numbers past the head are kept
    /// (a "to" past the head is cut to the head when the query runs).</summary>
    private static ulong? Bound(RpcContext c, JsonElement? e)
    {
        if (e is not { } element) return null;
        if (element.ValueKind == JsonValueKind.String && element.GetString() is "latest" or "pending" or "safe" or "finalized") return null;
        if (element.ValueKind == JsonValueKind.String && element.GetString() == "earliest") return 0;
        return RpcValues.ULong(element, "invalid argument 0: block");
    }

    private static IReadOnlyList<StoredLog> QueryRange(RpcContext c, LogCriteria criteria, ulong? fromBound, ulong? toBound)
    {
        ulong head = c.Chain.Head.Number;
        ulong from = fromBound ?? head;
        ulong to = Math.Min(toBound ?? head, head);
        if (fromBound is { } f && toBound is { } t && f > t) throw RpcException.Server("invalid block range params");
        if (from > to) return [];
        if (to - from >= c.Limits.MaxLogBlockRange)
            throw new RpcException(RpcErrorCodes.LimitExceeded, $"query exceeds max block range {c.Limits.MaxLogBlockRange}");
        return Query(c, criteria.ToFilter(from, to));
    }

    private static IReadOnlyList<StoredLog> Query(RpcContext c, LogFilter filter)
    {
        try
        {
            return c.Chain.GetLogs(filter, c.Limits.MaxLogResults);
        }
        catch (ChainQueryException e)
        {
            throw new RpcException(RpcErrorCodes.LimitExceeded, e.Message);
        }
    }

    private static void WriteLogs(Utf8JsonWriter w, RpcContext c, IReadOnlyList<StoredLog> logs)
    {
        w.WriteStartArray();
        ulong cachedNumber = ulong.MaxValue, cachedTime = 0;
        foreach (StoredLog log in logs)
        {
            if (log.BlockNumber != cachedNumber)
            {
                cachedNumber = log.BlockNumber;
                cachedTime = c.Chain.GetHeader(log.BlockNumber)?.Timestamp ?? 0;
            }
            RpcObjects.Log(w, log, cachedTime);
        }
        w.WriteEndArray();
    }
}
