using System.Text.Json;
using OasisEth.Executor;

namespace OasisEth.Rpc;

/// <summary>anvil_mine_detailed / evm_mine_detailed: evm_mine's options ({timestamp, blocks} or a timestamp), and
/// the answer is the blocks it mined, oldest first, with their full transactions; and anvil_getGenesisTime.</summary>
internal static class MineDetailedApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        RpcMethod mineDetailed = async call =>
        {
            ulong? timestamp = null;
            ulong count = 1;
            if (call.Params.Get(0) is { ValueKind: not JsonValueKind.Null } p)
            {
                if (p.ValueKind == JsonValueKind.Object)
                {
                    if (RpcValues.Member(p, "timestamp") is { } ts) timestamp = RpcValues.ULong(ts, "invalid argument 0: timestamp");
                    if (RpcValues.Member(p, "blocks") is { } b) count = RpcValues.ULong(b, "invalid argument 0: blocks");
                }
                else timestamp = RpcValues.ULong(p, RpcParams.Where(0));
            }
            if (count > c.Limits.MaxMineCount)
                throw new RpcException(RpcErrorCodes.LimitExceeded, $"cannot mine more than {c.Limits.MaxMineCount} blocks in one call");
            // The blocks are the ones after the head the driver mined on: read the head inside the driver's queue so
            // no interval round slips between.
            ulong before = (ulong)(await c.Driver.RunAsync(() => c.Chain.Head.Number))!;
            await c.Driver.MineAsync(count, timestamp, timestamp is null ? null : 1);
            Utf8JsonWriter w = call.Result;
            w.WriteStartArray();
            for (ulong n = before + 1; n <= before + count; n++)
                if (c.Chain.GetBlock(n) is { } block) RpcObjects.Block(w, block, true);
            w.WriteEndArray();
        };
        t.Add("anvil_mine_detailed", mineDetailed);
        t.Add("evm_mine_detailed", mineDetailed);
        t.Add("anvil_getGenesisTime", call => call.Result.WriteNumberValue(c.Chain.GetHeader(0)?.Timestamp ?? c.Genesis.Timestamp));
    }
}
