using System.Text;
using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Forking on the dev node: anvil_reset / hardhat_reset (start over as a fresh dev chain, the original fork, or a
/// fork of another node or block), and on a forked chain the reads of blocks the remote made, proxied to it as anvil
/// does: eth_getBlockByNumber / eth_getBlockByHash at or below the fork block, and state reads (eth_getBalance,
/// eth_getCode, eth_getStorageAt, eth_getTransactionCount, eth_call) at blocks before it. The fork block's own
/// state is the local chain's first state (the remote's, under the dev genesis allocations).
/// </summary>
internal static class ForkApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        if (c.Chain is not IForkChain fork) return;
        t.Add("anvil_reset", call => Reset(call, c, fork, "anvil_reset", writeTrue: false));
        t.Add("hardhat_reset", call => Reset(call, c, fork, "hardhat_reset", writeTrue: true));
        // The fork and what it cost the remote (null when not a fork): requests are HTTP requests (each a JSON-RPC
        // batch), calls the JSON-RPC calls in them. Counted per process: a restart starts at zero.
        t.Add("oasis_forkStatus", call =>
        {
            Utf8JsonWriter w = call.Result;
            if (fork.ForkSource is not { } source) { w.WriteNullValue(); return; }
            w.WriteStartObject();
            w.WriteString("forkUrl", source.Point.Url.ToString());
            RpcJson.Quantity(w, "forkBlockNumber", source.Point.Number);
            RpcJson.Hash(w, "forkBlockHash", source.Point.Hash);
            w.WriteNumber("remoteRequests", source.Remote.HttpRequests);
            w.WriteNumber("remoteCalls", source.Remote.Calls);
            w.WriteEndObject();
        });

        // Each wrapper asks the chain's fork at call time: anvil_reset may make or unmake a fork.
        WrapBlockRead(t, c, fork, "eth_getBlockByNumber", blockIndex: 0, atForkBlockToo: true);
        WrapBlockRead(t, c, fork, "eth_getBalance", blockIndex: 1, atForkBlockToo: false);
        WrapBlockRead(t, c, fork, "eth_getCode", blockIndex: 1, atForkBlockToo: false);
        WrapBlockRead(t, c, fork, "eth_getStorageAt", blockIndex: 2, atForkBlockToo: false);
        WrapBlockRead(t, c, fork, "eth_getTransactionCount", blockIndex: 1, atForkBlockToo: false);
        WrapBlockRead(t, c, fork, "eth_call", blockIndex: 1, atForkBlockToo: false);
        t.Wrap("eth_getBlockByHash", inner => call =>
        {
            if (fork.ForkSource is not { } source) return inner(call);
            Hash256 hash = call.Params.Hash(0);
            Block? local = c.Chain.GetBlock(hash);
            if (local is not null && local.Header.Number > source.BlockNumber) return inner(call);
            Forward(call, source, "eth_getBlockByHash");
            return default;
        });
    }

    /// <summary>Replaces <paramref name="method"/> with one that forwards to the remote when its block parameter names
    /// a block the remote made (before the fork block, or also the fork block itself).</summary>
    private static void WrapBlockRead(RpcMethodTable t, RpcContext c, IForkChain fork, string method, int blockIndex, bool atForkBlockToo) =>
        t.Wrap(method, inner => call =>
        {
            if (fork.ForkSource is not { } source || !NamesRemoteBlock(call.Params.Get(blockIndex), source.BlockNumber, atForkBlockToo))
                return inner(call);
            Forward(call, source, method);
            return default;
        });

    /// <summary>"earliest", or a block number below the fork block (or at it, <paramref name="atForkBlockToo"/>);
    /// tags and hashes of local blocks stay local.</summary>
    private static bool NamesRemoteBlock(JsonElement? element, ulong forkNumber, bool atForkBlockToo)
    {
        if (element is not { } e) return false;
        if (e.ValueKind == JsonValueKind.Object)
        {
            if (RpcValues.Member(e, "blockNumber") is { } inner) return NamesRemoteBlock(inner, forkNumber, atForkBlockToo);
            return false;
        }
        if (e.ValueKind == JsonValueKind.String && e.GetString() == "earliest") return true;
        if (e.ValueKind is not (JsonValueKind.String or JsonValueKind.Number)) return false;
        if (e.ValueKind == JsonValueKind.String && e.GetString() is "latest" or "pending" or "safe" or "finalized") return false;
        ulong number = RpcValues.ULong(e, "block");
        return number < forkNumber || (atForkBlockToo && number == forkNumber);
    }

    private static void Forward(RpcCall call, ForkSource source, string method)
    {
        var args = new StringBuilder("[");
        for (int i = 0; i < call.Params.Count; i++)
        {
            if (i > 0) args.Append(',');
            args.Append(call.Params.Get(i)?.GetRawText() ?? "null");
        }
        args.Append(']');
        (JsonElement? result, JsonElement? error) answer;
        try
        {
            answer = source.Remote.Forward(method, args.ToString());
        }
        catch (ForkRemoteException e)
        {
            throw RpcException.Server(e.Message);
        }
        if (answer.error is { } error)
        {
            int code = error.TryGetProperty("code", out JsonElement codeElement) && codeElement.TryGetInt32(out int c) ? c : RpcErrorCodes.Server;
            string message = error.TryGetProperty("message", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : error.GetRawText();
            throw new RpcException(code, $"fork remote: {message}");
        }
        answer.result!.Value.WriteTo(call.Result);
    }

    private static async ValueTask Reset(RpcCall call, RpcContext c, IForkChain fork, string name, bool writeTrue)
    {
        ForkConfig? target = ReadTarget(call.Params.Get(0), fork, name);
        try
        {
            await c.Driver.ResetAsync(() => fork.Reset(target));
        }
        catch (ForkRemoteException e)
        {
            throw RpcException.Server($"{name}: {e.Message}");
        }
        catch (ChainOpenException e)
        {
            throw RpcException.Server($"{name}: {e.Message}");
        }
        if (writeTrue) call.Result.WriteBooleanValue(true);
        else call.Result.WriteNullValue();
    }

    /// <summary>
    /// anvil's (and Hardhat's) parameter: none (or no <c>forking</c>): back to how the node started, a fresh dev chain
    /// or the original fork at its block; <c>{forking: {jsonRpcUrl, blockNumber}}</c> (or, as anvil also takes it,
    /// <c>{jsonRpcUrl, blockNumber}</c>): a fork of that node (the
    /// current fork's URL when only the block is given) at that block (the remote's latest when none is given).
    /// </summary>
    private static ForkConfig? ReadTarget(JsonElement? parameter, IForkChain fork, string name)
    {
        // anvil also takes the forking object's fields at the top level.
        JsonElement? flat = parameter is { ValueKind: JsonValueKind.Object } o
            && (RpcValues.Member(o, "jsonRpcUrl") is not null || RpcValues.Member(o, "blockNumber") is not null) ? o : null;
        if (flat is null && (parameter is not { ValueKind: JsonValueKind.Object } options || RpcValues.Member(options, "forking") is not { } nested
            || nested.ValueKind == JsonValueKind.Null))
        {
            if (parameter is { } p && p.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
                throw RpcException.InvalidParams($"{name}: expected an object {{forking: {{jsonRpcUrl, blockNumber}}}}");
            return fork.StartFork;
        }
        JsonElement forking = flat ?? RpcValues.Member(parameter!.Value, "forking")!.Value;
        if (forking.ValueKind != JsonValueKind.Object)
            throw RpcException.InvalidParams($"{name}: forking must be an object {{jsonRpcUrl, blockNumber}}");
        Uri? url = fork.ForkPoint?.Url ?? fork.StartFork?.Url;
        if (RpcValues.Member(forking, "jsonRpcUrl") is { ValueKind: not JsonValueKind.Null } urlElement)
        {
            if (urlElement.ValueKind != JsonValueKind.String || !Uri.TryCreate(urlElement.GetString(), UriKind.Absolute, out url)
                || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                throw RpcException.InvalidParams($"{name}: forking.jsonRpcUrl must be an http(s) URL");
        }
        if (url is null) throw RpcException.InvalidParams($"{name}: forking.jsonRpcUrl is required (the node is not a fork)");
        ulong? block = RpcValues.Member(forking, "blockNumber") is { ValueKind: not JsonValueKind.Null } blockElement
            ? RpcValues.ULong(blockElement, $"{name}: forking.blockNumber")
            : null;
        return new ForkConfig(url, block);
    }
}
