using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Fans chain events out to WebSocket subscriptions in the standard <c>eth_subscription</c> shape. Runs on the
/// thread that raised the event (the round driver, or an admitting RPC thread): it only formats and queues.
/// </summary>
internal sealed class SubscriptionHub
{
    private readonly ConcurrentDictionary<RpcSession, byte> _sessions = new();

    public void Add(RpcSession session) => _sessions.TryAdd(session, 0);
    public void Remove(RpcSession session) => _sessions.TryRemove(session, out _);

    public void OnBlock(RoundResult result)
    {
        if (_sessions.IsEmpty) return;
        BlockHeader header = result.Block.Header;
        byte[]? headerJson = null;
        foreach (RpcSession session in _sessions.Keys)
        {
            foreach (RpcSession.Subscription sub in session.Subscriptions)
            {
                if (sub.Kind == RpcSession.SubscriptionKind.NewHeads)
                {
                    headerJson ??= Json(w => RpcObjects.Header(w, header));
                    session.Notify(Notification(sub.Id, headerJson));
                }
                else if (sub.Kind == RpcSession.SubscriptionKind.Logs)
                {
                    foreach (StoredReceipt receipt in result.Receipts)
                        foreach (StoredLog log in receipt.Logs)
                            if (sub.Criteria!.Matches(log))
                                session.Notify(Notification(sub.Id, Json(w => RpcObjects.Log(w, log, header.Timestamp))));
                }
            }
        }
    }

    public void OnPendingTransaction(PoolTransaction tx)
    {
        if (_sessions.IsEmpty) return;
        foreach (RpcSession session in _sessions.Keys)
            foreach (RpcSession.Subscription sub in session.Subscriptions)
                if (sub.Kind == RpcSession.SubscriptionKind.NewPendingTransactions)
                    session.Notify(Notification(sub.Id, sub.FullTransactions
                        ? Json(w => RpcObjects.Transaction(w, tx.Transaction, null, 0))
                        : Json(w => RpcJson.Hash(w, tx.Hash))));
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Notification(string id, byte[] result) => Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("jsonrpc", "2.0");
        w.WriteString("method", "eth_subscription");
        w.WriteStartObject("params");
        w.WriteString("subscription", id);
        w.WritePropertyName("result");
        w.WriteRawValue(result, skipInputValidation: true);
        w.WriteEndObject();
        w.WriteEndObject();
    });
}
