using System.Globalization;
using System.Text.Json;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// The txpool namespace as geth and anvil serve it (`cast tx-pool`, block explorers, bots): counts, full objects and a
/// one-line summary per transaction, grouped pending (runnable now) and queued (behind a nonce gap), then by sender
/// and nonce.
/// </summary>
internal static class TxPoolApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("txpool_status", call =>
        {
            var (pending, queued) = c.Driver.PoolContent();
            call.Result.WriteStartObject();
            RpcJson.Quantity(call.Result, "pending", (ulong)Count(pending));
            RpcJson.Quantity(call.Result, "queued", (ulong)Count(queued));
            call.Result.WriteEndObject();
        });
        t.Add("txpool_content", call =>
        {
            var (pending, queued) = c.Driver.PoolContent();
            call.Result.WriteStartObject();
            WriteGroup(call.Result, "pending", pending, static (w, tx) => RpcObjects.Transaction(w, tx.Transaction, null, 0));
            WriteGroup(call.Result, "queued", queued, static (w, tx) => RpcObjects.Transaction(w, tx.Transaction, null, 0));
            call.Result.WriteEndObject();
        });
        t.Add("txpool_contentFrom", call =>
        {
            Address from = call.Params.Address(0);
            var (pending, queued) = c.Driver.PoolContent();
            call.Result.WriteStartObject();
            foreach ((string name, var group) in new[] { ("pending", pending), ("queued", queued) })
            {
                call.Result.WriteStartObject(name);
                foreach ((Address sender, List<PoolTransaction> txs) in group)
                {
                    if (sender != from) continue;
                    foreach (PoolTransaction tx in txs)
                    {
                        call.Result.WritePropertyName(tx.Nonce.ToString(CultureInfo.InvariantCulture));
                        RpcObjects.Transaction(call.Result, tx.Transaction, null, 0);
                    }
                }
                call.Result.WriteEndObject();
            }
            call.Result.WriteEndObject();
        });
        t.Add("txpool_inspect", call =>
        {
            var (pending, queued) = c.Driver.PoolContent();
            call.Result.WriteStartObject();
            WriteGroup(call.Result, "pending", pending, static (w, tx) => w.WriteStringValue(Summary(tx)));
            WriteGroup(call.Result, "queued", queued, static (w, tx) => w.WriteStringValue(Summary(tx)));
            call.Result.WriteEndObject();
        });
    }

    private static int Count(List<(Address Sender, List<PoolTransaction> Txs)> group)
    {
        int n = 0;
        foreach ((_, List<PoolTransaction> txs) in group) n += txs.Count;
        return n;
    }

    private static void WriteGroup(Utf8JsonWriter w, string name, List<(Address Sender, List<PoolTransaction> Txs)> group,
        Action<Utf8JsonWriter, PoolTransaction> write)
    {
        w.WriteStartObject(name);
        foreach ((Address sender, List<PoolTransaction> txs) in group)
        {
            // geth keys senders by their checksummed address and transactions by decimal nonce.
            w.WriteStartObject(sender.ToChecksumString());
            foreach (PoolTransaction tx in txs)
            {
                w.WritePropertyName(tx.Nonce.ToString(CultureInfo.InvariantCulture));
                write(w, tx);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    /// <summary>geth's inspect line: "0xto: 1 wei + 21000 gas × 2 wei" ("contract creation" without a recipient).</summary>
    private static string Summary(PoolTransaction tx)
    {
        Transactions.Transaction t = tx.Transaction;
        string to = t.To is { } a ? a.ToChecksumString() : "contract creation";
        return string.Create(CultureInfo.InvariantCulture, $"{to}: {t.Value} wei + {t.GasLimit} gas × {tx.FeeCap} wei");
    }
}
