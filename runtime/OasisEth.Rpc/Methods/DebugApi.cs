using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;
using OasisEth.Tracing;

namespace OasisEth.Rpc;

/// <summary>
/// debug_traceTransaction and debug_traceCall with geth's struct logger (no tracer named) or callTracer. The
/// tracers write their own result JSON; this only picks and configures them and runs the chain's traced path, under
/// the same timeout as eth_call (which stops the execution) and, for debug_traceCall, with eth_call's overrides.
/// </summary>
internal static class DebugApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("debug_traceTransaction", async call =>
        {
            Hash256 hash = call.Params.Hash(0);
            IJsonTracer tracer = CreateTracer(call.Params.Get(1), 1, c);
            bool found = await Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.TraceTransaction(hash, tracer, ct), call.Cancellation));
            if (!found) throw RpcException.Server($"transaction {hash} not found");
            tracer.WriteResult(call.Result);
        });
        t.Add("debug_traceCall", async call =>
        {
            (CallRequest request, _, _) = CallArgs.Parse(call.Params.Required(0), RpcParams.Where(0));
            ulong block = c.ResolveExisting(call.Params, 1);
            IJsonTracer tracer = CreateTracer(call.Params.Get(2), 2, c);
            CallOverrides? overrides = TraceCallOverrides(call.Params.Get(2));
            request = TxApi.CapGas(request, c.Limits);
            await Bounded(c, TxApi.WithTimeout(c, ct => c.Chain.Call(request, block, tracer, overrides, ct), call.Cancellation));
            tracer.WriteResult(call.Result);
        });
    }

    /// <summary>A trace past the response limit stopped its execution: -32005 with what narrows it.</summary>
    internal static async Task<T> Bounded<T>(RpcContext c, Task<T> trace)
    {
        try
        {
            return await trace;
        }
        catch (TraceTooLargeException e)
        {
            throw new RpcException(RpcErrorCodes.LimitExceeded, $"{e.Message} (the response limit): narrow it with the struct logger's "
                + "limit, disableStack, disableStorage or enableMemory=false options, or use callTracer");
        }
    }

    /// <summary>debug_traceCall's options may carry geth's <c>stateOverrides</c> and <c>blockOverrides</c>.</summary>
    private static CallOverrides? TraceCallOverrides(JsonElement? options)
    {
        if (options is not { ValueKind: JsonValueKind.Object } o) return null;
        return CallArgs.Overrides(
            CallArgs.ParseStateOverrides(RpcValues.Member(o, "stateOverrides"), "invalid argument 2: stateOverrides"),
            CallArgs.ParseBlockOverrides(RpcValues.Member(o, "blockOverrides"), "invalid argument 2: blockOverrides"));
    }

    /// <summary>The options object: <c>tracer</c> names the tracer (none = struct logger, configured by the object
    /// itself); <c>tracerConfig</c> configures a named one.</summary>
    internal static IJsonTracer CreateTracer(JsonElement? options, int index, RpcContext c)
    {
        string? name = null;
        JsonElement? config = options;
        if (options is { } o)
        {
            if (o.ValueKind != JsonValueKind.Object) throw RpcException.InvalidParams($"invalid argument {index}: expected a trace options object");
            if (RpcValues.Member(o, "tracer") is { } tracerName)
            {
                if (tracerName.ValueKind != JsonValueKind.String) throw RpcException.InvalidParams($"invalid argument {index}: tracer must be a string");
                name = tracerName.GetString();
                config = RpcValues.Member(o, "tracerConfig");
            }
        }
        try
        {
            return TracerFactory.Create(name, config, CancellationToken.None, c.Limits.MaxResponseBytes, c.Genesis.Fork);
        }
        catch (ArgumentException e) when (e.ParamName == "tracerName")
        {
            throw RpcException.Server("tracer not found");
        }
        catch (ArgumentException e)
        {
            throw RpcException.InvalidParams($"invalid argument {index}: {e.Message}");
        }
    }
}
