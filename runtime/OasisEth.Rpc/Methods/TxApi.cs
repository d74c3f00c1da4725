using System.Text.Json;
using System.Diagnostics;
using OasisEth.Transactions;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>eth_call, eth_estimateGas, eth_createAccessList and the send methods.</summary>
internal static class TxApi
{
    public static void Register(RpcMethodTable t, RpcContext c)
    {
        t.Add("eth_call", async call =>
        {
            (CallRequest request, _, _) = CallArgs.Parse(call.Params.Required(0), RpcParams.Where(0));
            ulong block = c.ResolveExisting(call.Params, 1);
            CallOverrides? overrides = StateAndBlockOverrides(call.Params);
            request = CapGas(request, c.Limits);
            CallOutcome outcome = await WithTimeout(c, ct => c.Chain.Call(request, block, null, overrides, ct), call.Cancellation);
            if (outcome.Success) RpcJson.Data(call.Result, outcome.Output);
            else throw CallError(outcome.Reverted, outcome.Error, outcome.Output);
        });
        t.Add("eth_estimateGas", async call =>
        {
            (CallRequest request, _, _) = CallArgs.Parse(call.Params.Required(0), RpcParams.Where(0));
            ulong block = c.ResolveExisting(call.Params, 1);
            CallOverrides? overrides = StateAndBlockOverrides(call.Params);
            // The search runs up to the gas given or the cap, and never past the block gas limit (the chain's bound:
            // what it finds must fit in a block).
            request = CapGas(request, c.Limits);
            EstimateOutcome outcome = await WithTimeout(c, ct => c.Chain.EstimateGas(request, block, overrides, ct), call.Cancellation);
            if (outcome.Ok) RpcJson.Quantity(call.Result, outcome.Gas);
            else throw CallError(IsRevert(outcome.Error, outcome.RevertData), outcome.Error, outcome.RevertData);
        });
        t.Add("eth_createAccessList", async call =>
        {
            (CallRequest request, _, _) = CallArgs.Parse(call.Params.Required(0), RpcParams.Where(0));
            ulong block = c.ResolveExisting(call.Params, 1);
            // geth takes no overrides here; accepting them as the third parameter costs nothing and some tools send them.
            CallOverrides? overrides = CallArgs.Overrides(CallArgs.ParseStateOverrides(call.Params.Get(2), RpcParams.Where(2)), null);
            request = CapGas(request, c.Limits);
            AccessListOutcome outcome = await WithTimeout(c, ct => c.Chain.CreateAccessList(request, block, overrides, ct), call.Cancellation);
            if (outcome.Invalid) throw RpcException.Server(outcome.Error ?? "invalid call");
            AccessListJson.Write(call.Result, outcome);
        });
        t.Add("eth_sendRawTransaction", call =>
        {
            RefuseOversized(call.Params.Get(0), c.Limits.MaxTransactionBytes, "transaction");
            byte[] raw = call.Params.Data(0);
            call.Submitted = c.Driver.Submit(raw);
            RpcJson.Hash(call.Result, call.Submitted.Hash);
        });
        // One eth_sendTransaction at a time: picking the pending nonce and admitting the signed transaction must not
        // interleave, or two concurrent sends from one account would take the same nonce.
        var sendLock = new SemaphoreSlim(1, 1);
        t.Add("eth_sendTransaction", async call =>
        {
            if (call.Params.Get(0) is { ValueKind: JsonValueKind.Object } fields)
            {
                RefuseOversized(RpcValues.Member(fields, "data"), c.Limits.MaxTransactionBytes, "calldata");
                RefuseOversized(RpcValues.Member(fields, "input"), c.Limits.MaxTransactionBytes, "calldata");
            }
            await sendLock.WaitAsync(call.Cancellation);
            try
            {
                byte[] raw = await BuildAndSign(c, call, allowImpersonated: true);
                call.Submitted = c.Driver.Submit(raw);
                RpcJson.Hash(call.Result, call.Submitted.Hash);
            }
            finally
            {
                sendLock.Release();
            }
        });
        t.Add("eth_signTransaction", async call =>
        {
            byte[] raw = await BuildAndSign(c, call);
            RpcJson.Data(call.Result, raw);
        });
    }

    /// <summary>eth_call's and eth_estimateGas's optional third (state) and fourth (block) parameters.</summary>
    private static CallOverrides? StateAndBlockOverrides(RpcParams p) => CallArgs.Overrides(
        CallArgs.ParseStateOverrides(p.Get(2), RpcParams.Where(2)), CallArgs.ParseBlockOverrides(p.Get(3), RpcParams.Where(3)));

    /// <summary>The call's gas: what it asks for, at most the cap; the cap when it names none (geth's rule).</summary>
    internal static CallRequest CapGas(CallRequest request, RpcLimits limits)
    {
        ulong cap = limits.EffectiveCallGasCap;
        return request.Gas is { } g && g <= cap ? request : request with { Gas = cap };
    }

    private static bool IsRevert(string? error, byte[] data) =>
        data.Length > 0 || (error?.StartsWith("execution reverted", StringComparison.Ordinal) ?? false);

    private static RpcException CallError(bool reverted, string? error, byte[] data) => reverted
        ? new RpcException(RpcErrorCodes.ExecutionReverted, error ?? "execution reverted", Hex.EncodePrefixed(data))
        : RpcException.Server(error ?? "execution failed");

    /// <summary>Refuses a hex string whose bytes alone pass the transaction size limit, measured on the request's own
    /// UTF-8 (no string or byte array is made of it): a 5 MB send then costs the request, not three more copies.</summary>
    private static void RefuseOversized(JsonElement? hex, int maxTransactionBytes, string what)
    {
        if (hex is not { ValueKind: JsonValueKind.String } e) return;
        // The raw value includes its quotes; then "0x" and two digits a byte.
        int length = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(e).Length;
        long bytes = (length - 4) / 2;
        if (bytes > maxTransactionBytes)
            throw RpcException.Server($"oversized data: {what} size {bytes}, limit {maxTransactionBytes}");
    }

    /// <summary>
    /// Runs a chain call on the calling (pool) thread under the call timeout. The chain gets a token that is cancelled at the
    /// limit (by <see cref="CallDeadlines"/>, which does not need a free pool thread) or when the client goes away;
    /// the interpreter then stops the execution itself, so a runaway call frees its thread instead of running on to
    /// its gas cap. A call that finished but took longer than the limit is reported as timed out too, so the
    /// answer does not depend on how late the cancellation landed.
    /// </summary>
    internal static Task<T> WithTimeout<T>(RpcContext c, Func<CancellationToken, T> run, CancellationToken ct)
    {
        // Run on the request's own pool thread: a hop through Task.Run cost every call a queue and a wake-up (a
        // context switch on a 2-core machine) and gained nothing: Kestrel's requests already run on the pool, which
        // grows if calls block it, and the deadline thread stops runaway executions either way.
        try
        {
            return Task.FromResult(RunWithTimeout(c, run, ct));
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static T RunWithTimeout<T>(RpcContext c, Func<CancellationToken, T> run, CancellationToken ct)
    {
        long started = Stopwatch.GetTimestamp();
        var interrupt = new CancellationTokenSource();
        using CancellationTokenRegistration onClientGone = ct.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), interrupt);
        using CallDeadlines.Deadline deadline = CallDeadlines.Start(interrupt, c.Limits.CallTimeout);
        try
        {
            T result = run(interrupt.Token);
            if (Stopwatch.GetElapsedTime(started) > c.Limits.CallTimeout) throw new OperationCanceledException(interrupt.Token);
            return result;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw RpcException.Server($"execution aborted (timeout = {c.Limits.CallTimeout.TotalSeconds:0.###}s)");
        }
        catch (StateUnavailableException e)
        {
            throw RpcException.Server(e.Message);
        }
        catch (ArgumentException e) when (e.ParamName is null)
        {
            // The chain's refusal of overrides the parser let through (it checks the same rules first).
            throw RpcException.InvalidParams(e.Message);
        }
    }

    /// <summary>eth_sendTransaction's filling: nonce from the pool, gas by estimate, fees from the suggestion.</summary>
    /// <param name="allowImpersonated">eth_sendTransaction from an impersonated address (anvil_impersonateAccount):
    /// no key, so the transaction carries the dev chain's impersonation mark instead of a signature
    /// (<see cref="ImpersonatedTransactions"/>). eth_signTransaction has nothing to sign with and refuses.</param>
    private static async Task<byte[]> BuildAndSign(RpcContext c, RpcCall call, bool allowImpersonated = false)
    {
        (CallRequest request, TxType? type, ulong? chainId) = CallArgs.Parse(call.Params.Required(0), RpcParams.Where(0));
        if (request.From is not { } from) throw RpcException.InvalidParams("invalid argument 0: missing \"from\"");
        bool impersonated = !c.Accounts.Has(from) && allowImpersonated && c.Chain is IDevChain dev && dev.IsImpersonated(from);
        if (!c.Accounts.Has(from) && !impersonated) throw RpcException.Server("unknown account");
        if (chainId is { } id && id != c.Genesis.ChainId)
            throw RpcException.Server($"chainId does not match node's (have={id}, want={c.Genesis.ChainId})");
        BlockHeader head = c.Chain.Head;
        ulong nonce = request.Nonce ?? c.Driver.PendingNonce(from);
        TxType txType = type ?? (request.GasPrice is not null ? (request.AccessList is null ? TxType.Legacy : TxType.AccessList) : TxType.DynamicFee);
        UInt256 nextBase = FeeMarket.NextBaseFee(c.Chain, head);
        UInt256 gasPrice = request.GasPrice ?? nextBase + FeeMarket.SuggestedTip;
        UInt256 maxFee, tip;
        if (request.MaxFeePerGas is { } mf)
        {
            maxFee = mf;
            tip = request.MaxPriorityFeePerGas ?? (FeeMarket.SuggestedTip < mf ? FeeMarket.SuggestedTip : mf);
        }
        else
        {
            tip = request.MaxPriorityFeePerGas ?? FeeMarket.SuggestedTip;
            maxFee = nextBase * 2UL + tip;
        }
        if (txType >= TxType.DynamicFee && tip > maxFee)
            throw RpcException.Server($"maxFeePerGas ({maxFee}) < maxPriorityFeePerGas ({tip})");

        ulong gas;
        if (request.Gas is { } g) gas = g;
        else
        {
            CallRequest estimateRequest = request with { Nonce = nonce, Gas = Math.Min(c.Limits.EffectiveCallGasCap, c.Genesis.GasLimit) };
            EstimateOutcome estimate = await WithTimeout(c, t => c.Chain.EstimateGas(estimateRequest, head.Number, null, t), call.Cancellation);
            if (!estimate.Ok) throw CallError(IsRevert(estimate.Error, estimate.RevertData), estimate.Error, estimate.RevertData);
            gas = estimate.Gas;
        }

        var unsigned = new Transaction
        {
            Type = txType,
            ChainId = c.Genesis.ChainId,
            Nonce = nonce,
            GasPrice = txType < TxType.DynamicFee ? gasPrice : UInt256.Zero,
            MaxFeePerGas = txType >= TxType.DynamicFee ? maxFee : UInt256.Zero,
            MaxPriorityFeePerGas = txType >= TxType.DynamicFee ? tip : UInt256.Zero,
            GasLimit = gas,
            To = request.To,
            Value = request.Value ?? UInt256.Zero,
            Data = request.Data,
            AccessList = request.AccessList ?? [],
            Sender = from,
        };
        return impersonated ? ImpersonatedTransactions.Encode(unsigned, from) : c.Accounts.Sign(unsigned, from);
    }
}
