using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>The EIP-2718 bytes of a transaction, as it was sent: by hash (mined or still in the pool) or by its place
/// in a block. null when there is no such transaction, as geth and anvil answer.</summary>
internal static class RawTransactionApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        Action<RpcCall> byHash = call =>
        {
            Hash256 hash = call.Params.Hash(0);
            byte[]? raw = c.Chain.GetTransaction(hash)?.Raw ?? c.Driver.Pool.Get(hash)?.Raw;
            WriteRaw(call.Result, raw);
        };
        t.Add("eth_getRawTransactionByHash", byHash);
        t.Add("debug_getRawTransaction", byHash);
        t.Add("eth_getRawTransactionByBlockHashAndIndex", call =>
            WriteRaw(call.Result, At(c.Chain.GetBlock(call.Params.Hash(0)), call.Params.Quantity(1))));
        t.Add("eth_getRawTransactionByBlockNumberAndIndex", call =>
        {
            Block? block = c.TryResolve(call.Params.Required(0), RpcParams.Where(0), out ulong n, out _) ? c.Chain.GetBlock(n) : null;
            WriteRaw(call.Result, At(block, call.Params.Quantity(1)));
        });
    }

    private static byte[]? At(Block? block, ulong index) =>
        block is not null && index < (ulong)block.Transactions.Count ? block.Transactions[(int)index].Raw : null;

    private static void WriteRaw(Utf8JsonWriter w, byte[]? raw)
    {
        if (raw is null) w.WriteNullValue();
        else RpcJson.Data(w, raw);
    }
}
