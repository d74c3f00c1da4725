using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>Reads that gather several account fields in one call: eth_getAccountInfo (balance, nonce, code),
/// eth_getStorageValues (many slots of many accounts) and eth_getTransactionBySenderAndNonce.</summary>
internal static class AccountReadApi
{
    /// <summary>anvil's bound on eth_getStorageValues: the slots of one call, all accounts together.</summary>
    public const int MaxStorageValues = 1024;

    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("eth_getAccountInfo", call =>
        {
            Address a = call.Params.Address(0);
            IStateView state = c.OpenState(c.ResolveExisting(call.Params, 1));
            Utf8JsonWriter w = call.Result;
            w.WriteStartObject();
            RpcJson.Quantity(w, "balance", state.GetBalance(a));
            RpcJson.Quantity(w, "nonce", state.GetNonce(a));
            w.WritePropertyName("code");
            RpcJson.Data(w, state.GetCode(a));
            w.WriteEndObject();
        });
        t.Add("eth_getStorageValues", call => StorageValues(call, c));
        t.Add("eth_getTransactionBySenderAndNonce", call =>
        {
            Address sender = call.Params.Address(0);
            ulong nonce = call.Params.Quantity(1);
            // The pool first (anvil's order): a pending transaction has no block yet.
            if (PooledAt(c, sender, nonce) is { } pending)
            {
                RpcObjects.Transaction(call.Result, pending.Transaction, null, 0);
                return;
            }
            if (OtsApi.FindBySenderAndNonce(c, sender, nonce) is { } hash && c.Chain.GetTransaction(hash) is { } stored)
                RpcObjects.Transaction(call.Result, stored.Transaction, c.Chain.GetHeader(stored.BlockNumber), stored.Index);
            else call.Result.WriteNullValue();
        });
    }

    private static PoolTransaction? PooledAt(RpcContext c, Address sender, ulong nonce)
    {
        var (pending, queued) = c.Driver.PoolContent();
        foreach (var (from, txs) in pending.Concat(queued))
            if (from == sender)
                foreach (PoolTransaction tx in txs)
                    if (tx.Nonce == nonce) return tx;
        return null;
    }

    /// <summary>{ address: [slot, ...] } → { address: [value, ...] }, each value a 32-byte word, in the asked order.
    /// The slots are counted before any state is read, so an oversized request costs nothing.</summary>
    private static void StorageValues(RpcCall call, RpcContext c)
    {
        JsonElement request = call.Params.Required(0);
        if (request.ValueKind != JsonValueKind.Object)
            throw RpcException.InvalidParams("invalid argument 0: expected an object of address to storage slots");
        int total = 0;
        foreach (JsonProperty account in request.EnumerateObject())
        {
            if (account.Value.ValueKind != JsonValueKind.Array)
                throw RpcException.InvalidParams($"invalid argument 0: {account.Name}: expected an array of slots");
            total += account.Value.GetArrayLength();
            if (total > MaxStorageValues)
                throw RpcException.InvalidParams($"total slot count exceeds limit {MaxStorageValues}");
        }
        IStateView state = c.OpenState(c.ResolveExisting(call.Params, 1));
        Utf8JsonWriter w = call.Result;
        w.WriteStartObject();
        foreach (JsonProperty account in request.EnumerateObject())
        {
            byte[] bytes = RpcValues.ParseData(account.Name, "invalid argument 0");
            if (bytes.Length != Address.Size) throw RpcException.InvalidParams($"invalid argument 0: {account.Name} is not an address");
            var a = new Address(bytes);
            w.WriteStartArray(account.Name);
            foreach (JsonElement slot in account.Value.EnumerateArray())
                RpcJson.Word(w, state.GetStorage(a, RpcValues.Slot(slot, "invalid argument 0: " + account.Name)));
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
