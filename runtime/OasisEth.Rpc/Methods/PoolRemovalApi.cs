using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>anvil_removePoolTransactions(address): drops every pooled transaction (pending and queued) the address
/// sent; answers null as anvil does.</summary>
internal static class PoolRemovalApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("anvil_removePoolTransactions", async call =>
        {
            Address sender = call.Params.Address(0);
            var (pending, queued) = c.Driver.PoolContent();
            foreach (var (from, txs) in pending.Concat(queued))
                if (from == sender)
                    foreach (PoolTransaction tx in txs)
                        await c.Driver.DropAsync(tx.Hash);
            call.Result.WriteNullValue();
        });
    }
}
