using System.Text.Json;
using OasisEth.Executor;

namespace OasisEth.Rpc;

/// <summary>
/// Dev-only controls in the hardhat/anvil dialects: mining, snapshots, time. Everything that changes the chain goes
/// through the round driver's queue, so it is ordered with rounds. State edits and impersonation: <see cref="CheatApi"/>.
/// </summary>
internal static class DevApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("evm_mine", async call =>
        {
            ulong? timestamp = null;
            ulong count = 1;
            if (call.Params.Get(0) is { } p)
            {
                if (p.ValueKind == JsonValueKind.Object)
                {
                    if (RpcValues.Member(p, "timestamp") is { } ts) timestamp = RpcValues.ULong(ts, "invalid argument 0: timestamp");
                    if (RpcValues.Member(p, "blocks") is { } b) count = RpcValues.ULong(b, "invalid argument 0: blocks");
                }
                else timestamp = RpcValues.ULong(p, RpcParams.Where(0));
            }
            CheckCount(c, count);
            await c.Driver.MineAsync(count, timestamp, timestamp is null ? null : 1);
            call.Result.WriteStringValue("0x0");
        });
        RpcMethod mine = async call =>
        {
            ulong count = call.Params.OptionalQuantity(0) ?? 1;
            ulong? interval = call.Params.OptionalQuantity(1);
            CheckCount(c, count);
            await c.Driver.MineAsync(count, null, interval ?? 1);
            call.Result.WriteNullValue();
        };
        t.Add("anvil_mine", mine);
        t.Add("hardhat_mine", mine);

        RpcMethod snapshot = async call => RpcJson.Quantity(call.Result, (ulong)(await c.Driver.SnapshotAsync())!);
        t.Add("evm_snapshot", snapshot);
        t.Add("anvil_snapshot", snapshot);
        RpcMethod revert = async call =>
        {
            ulong id = call.Params.Quantity(0);
            // Filters are pulled back to the restored head by the driver's Reverted event.
            call.Result.WriteBooleanValue((bool)(await c.Driver.RevertAsync(id))!);
        };
        t.Add("evm_revert", revert);
        t.Add("anvil_revert", revert);

        t.Add("evm_increaseTime", async call =>
        {
            ulong seconds = call.Params.Quantity(0);
            call.Result.WriteNumberValue((long)(await c.Driver.IncreaseTimeAsync(seconds))!);
        });
        RpcMethod setNext = async call =>
        {
            await c.Driver.SetNextTimestampAsync(call.Params.Quantity(0));
            call.Result.WriteNullValue();
        };
        t.Add("evm_setNextBlockTimestamp", setNext);
        t.Add("anvil_setNextBlockTimestamp", setNext);

        Action<RpcCall> setAutomine = call =>
        {
            if (call.Params.Get(0) is not { ValueKind: JsonValueKind.True or JsonValueKind.False })
                throw RpcException.InvalidParams("invalid argument 0: expected a boolean");
            c.Driver.SetAutomine(call.Params.Bool(0));
            call.Result.WriteNullValue();
        };
        t.Add("evm_setAutomine", setAutomine);
        t.Add("anvil_setAutomine", setAutomine);
        Action<RpcCall> getAutomine = call => call.Result.WriteBooleanValue(c.Driver.Automine);
        t.Add("anvil_getAutomine", getAutomine);
        t.Add("hardhat_getAutomine", getAutomine);
        Action<RpcCall> setInterval = call =>
        {
            ulong seconds = call.Params.Quantity(0);
            if (seconds > DevNodeOptions.MaxBlockTimeSeconds)
                throw RpcException.InvalidParams($"invalid argument 0: interval must be 0 to {DevNodeOptions.MaxBlockTimeSeconds} seconds, 0 = manual mining (got {seconds})");
            c.Driver.SetInterval(seconds);
            call.Result.WriteNullValue();
        };
        t.Add("evm_setIntervalMining", setInterval);
        t.Add("anvil_setIntervalMining", setInterval);
        // anvil's answer: the interval in seconds as a JSON number, null when blocks are not mined on an interval.
        t.Add("anvil_getIntervalMining", call =>
        {
            if (c.Driver.IntervalSeconds is { } seconds) call.Result.WriteNumberValue(seconds);
            else call.Result.WriteNullValue();
        });

        RpcMethod drop = async call => call.Result.WriteBooleanValue((bool)(await c.Driver.DropAsync(call.Params.Hash(0)))!);
        t.Add("hardhat_dropTransaction", drop);

        t.Add("anvil_nodeInfo", call =>
        {
            BlockHeader head = c.Chain.Head;
            Utf8JsonWriter w = call.Result;
            w.WriteStartObject();
            w.WriteNumber("currentBlockNumber", head.Number);
            w.WriteNumber("currentBlockTimestamp", head.Timestamp);
            RpcJson.Hash(w, "currentBlockHash", head.Hash);
            w.WriteString("hardFork", c.Genesis.Fork.ToString().ToLowerInvariant());
            w.WriteNull("transactionOrder");
            w.WriteStartObject("environment");
            RpcJson.Quantity(w, "baseFee", FeeMarket.NextBaseFee(c.Chain, head));
            w.WriteNumber("chainId", c.Genesis.ChainId);
            RpcJson.Quantity(w, "gasLimit", c.Genesis.GasLimit);
            RpcJson.Quantity(w, "gasPrice", FeeMarket.NextBaseFee(c.Chain, head) + FeeMarket.SuggestedTip);
            w.WriteEndObject();
            w.WriteString("miningMode", c.Driver.MiningModeName);
            w.WriteEndObject();
        });
        t.Add("hardhat_metadata", call =>
        {
            BlockHeader head = c.Chain.Head;
            Utf8JsonWriter w = call.Result;
            w.WriteStartObject();
            w.WriteString("clientVersion", EthApi.ClientVersion);
            w.WriteNumber("chainId", c.Genesis.ChainId);
            w.WriteString("instanceId", c.InstanceId);
            w.WriteNumber("latestBlockNumber", head.Number);
            RpcJson.Hash(w, "latestBlockHash", head.Hash);
            w.WriteEndObject();
        });
    }

    private static void CheckCount(RpcContext c, ulong count)
    {
        if (count > c.Limits.MaxMineCount)
            throw new RpcException(RpcErrorCodes.LimitExceeded, $"cannot mine more than {c.Limits.MaxMineCount} blocks in one call");
    }
}
