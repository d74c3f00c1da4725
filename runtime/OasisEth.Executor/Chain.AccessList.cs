using OasisEth.Evm;
using OasisEth.Evm.Precompiles;
using OasisEth.Execution;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>
    /// eth_createAccessList (geth's method): run the call with an <see cref="AccessListTracer"/>, attach what it
    /// collected as the call's access list and run again, until a run collects nothing new. Each run starts from
    /// the last list, so the set only grows and the loop ends; <paramref name="cancellation"/> is checked before
    /// and during every run. The gas is that of the last run (with its list); an execution failure with the list
    /// is reported in the outcome, not thrown. Sender, recipient (the created address for a creation) and the
    /// fork's precompiles are never listed on their own.
    /// </summary>
    public AccessListOutcome CreateAccessList(CallRequest request, ulong number, CallOverrides? overrides = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OnCallSite(number, overrides, (runner, site) =>
            CollectAccessList(runner, site, request, Math.Min(request.Gas ?? site.GasLimit, site.GasLimit), cancellation));
    }

    private AccessListOutcome CollectAccessList(EntryRunner runner, CallSite site, CallRequest request, ulong gas, CancellationToken cancellation)
    {
        Address from = request.From ?? Address.Zero;
        InMemoryWorldState view = NewCallState(site);
        Address to = request.To ?? ContractAddress.FromCreate(from, view.GetNonce(from));
        var excluded = new HashSet<Address> { from, to };
        foreach (Address precompile in PrecompileSet.Addresses(Genesis.Fork)) excluded.Add(precompile);

        var previous = new AccessListTracer(request.AccessList ?? [], excluded);
        while (true)
        {
            AccessListItem[] list = previous.ToList();
            var tracer = new AccessListTracer(list, excluded);
            CallRun run = RunCall(runner, site, request with { AccessList = list }, gas, tracer, cancellation);
            TransactionResult r = run.Result;
            if (r.IsInvalid) return new AccessListOutcome([], 0, GethErrors.FromReason(r.InvalidReason!), []) { Invalid = true };
            if (tracer.SameAs(previous))
            {
                string? error = run.Ok ? null : run.Reverted ? "execution reverted" : r.Error ?? "execution failed";
                return new AccessListOutcome(list, r.GasUsed, error, run.Reverted ? run.RevertData : []);
            }
            previous = tracer;
        }
    }
}
