using OasisEth.Evm.Specs;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

public sealed partial class CallSimulator
{
    /// <summary>
    /// geth's search: run at the cap (failure there is the answer: revert data, or "gas required exceeds
    /// allowance"); try the gas the run used (×64/63 for the EIP-150 retained gas) as an optimistic upper bound; then
    /// bisect between the intrinsic gas − 1 (fails by definition) and the smallest success until they meet, so the
    /// result is the exact minimum of a monotone success function. Every run checks <paramref name="cancellation"/>
    /// first and passes it to the interpreter, so a timeout stops the search between and within runs.
    /// </summary>
    private EstimateOutcome Estimate(EntryRunner runner, CallSite site, CallRequest request, CancellationToken cancellation)
    {
        ulong hi = Math.Min(request.Gas ?? site.GasLimit, site.GasLimit);
        bool cappedByFunds = false;
        InMemoryWorldState view = NewCallState(site);
        UInt256 feeCap = FeeRules.FeeCap(BuildCallTransaction(view, request, hi));
        if (!feeCap.IsZero)
        {
            Address from = request.From ?? Address.Zero;
            UInt256 balance = view.GetBalance(from);
            UInt256 value = request.Value ?? UInt256.Zero;
            if (value > balance) return new EstimateOutcome(0, "insufficient funds for transfer", []);
            UInt256 allowance = (balance - value) / feeCap;
            if (allowance < (UInt256)hi)
            {
                hi = (ulong)allowance;
                cappedByFunds = true;
            }
        }

        CallRun top = RunCall(runner, site, request, hi, null, cancellation);
        if (!top.Ok)
        {
            if (top.Result.IsInvalid && !cappedByFunds) return new EstimateOutcome(0, GethErrors.FromReason(top.Result.InvalidReason!), []);
            if (top.Reverted) return new EstimateOutcome(0, GethErrors.Reverted(top.RevertData), top.RevertData);
            return new EstimateOutcome(0, $"gas required exceeds allowance ({hi})", []);
        }

        Transaction probe = BuildCallTransaction(view, request, hi);
        IntrinsicGas intrinsic = IntrinsicGas.Of(probe, ForkSpec.Of(_genesis.Fork));
        ulong lo = (ulong)Math.Max(intrinsic.Gas, intrinsic.FloorGas) - 1;

        ulong optimistic = top.Result.GasUsed * 64 / 63;
        if (optimistic > lo && optimistic < hi)
        {
            if (RunCall(runner, site, request, optimistic, null, cancellation).Ok) hi = optimistic;
            else lo = optimistic;
        }
        while (lo + 1 < hi)
        {
            ulong mid = lo + (hi - lo) / 2;
            if (RunCall(runner, site, request, mid, null, cancellation).Ok) hi = mid;
            else lo = mid;
        }
        return new EstimateOutcome(hi, null, []);
    }
}
