using OasisEth.Evm;
using OasisEth.Evm.Precompiles;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

public sealed partial class CallSimulator
{
    private AccessListOutcome CollectAccessList(EntryRunner runner, CallSite site, CallRequest request, ulong gas, CancellationToken cancellation)
    {
        Address from = request.From ?? Address.Zero;
        InMemoryWorldState view = NewCallState(site);
        Address to = request.To ?? ContractAddress.FromCreate(from, view.GetNonce(from));
        var excluded = new HashSet<Address> { from, to };
        foreach (Address precompile in PrecompileSet.Addresses(_genesis.Fork)) excluded.Add(precompile);

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
