using OasisEth.State.Mkvs;
using OasisEth.Evm;
using OasisEth.Evm.Specs;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    public CallOutcome Call(CallRequest request, ulong number, ITxTracer? tracer = null, CallOverrides? overrides = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Guard(number, () => _calls.Call(OpenCallSite(number, overrides), request, tracer, cancellation));
    }

    public EstimateOutcome EstimateGas(CallRequest request, ulong number, CallOverrides? overrides = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Guard(number, () => _calls.EstimateGas(OpenCallSite(number, overrides), request, cancellation));
    }

    /// <summary>eth_createAccessList: see <see cref="CallSimulator.CreateAccessList"/>.</summary>
    public AccessListOutcome CreateAccessList(CallRequest request, ulong number, CallOverrides? overrides = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Guard(number, () => _calls.CreateAccessList(OpenCallSite(number, overrides), request, cancellation));
    }

    /// <summary>The block, its state and the overrides; the overrides are checked here, once per call. A call's gas
    /// is not bounded by the block gas limit here: the caller (the RPC's gas cap) bounds it, as geth's does.</summary>
    private CallSite OpenCallSite(ulong number, CallOverrides? overrides)
    {
        BlockHeader header = GetHeader(number) ?? throw new StateUnavailableException($"Block {number} does not exist.");
        return CallSite.Create(header, WithEdits(CallReaderAt(number), number), overrides, BlockHashOf,
            CallSite.MaxCallGas);
    }

    // The state reader calls on this thread last used, with the tree nodes they loaded. A fresh tree per call
    // fetched, decoded and hash-checked the same top nodes on every eth_call (a third of a small call's time on the
    // dev node); calls at the same state root on the same thread now share them. Per thread, because a tree resolves
    // its nodes in place and is not thread-safe; a call runs synchronously on one thread from the site's opening to
    // its last run, so nothing else uses the reader meanwhile. Keyed by the root (nodes are content-addressed, so a
    // root means the same tree even after a rollback), and dropped after CallReaderReuses calls so the nodes a thread
    // keeps stay bounded by what a few hundred calls touched.
    private const int CallReaderReuses = 256;
    [ThreadStatic] private static Chain? t_callChain;
    [ThreadStatic] private static IStateReader? t_callReader;
    [ThreadStatic] private static Hash256 t_callRoot;
    [ThreadStatic] private static int t_callReaderUses;

    private IStateReader CallReaderAt(ulong number)
    {
        Hash256 root = KeptRootAt(number);
        if (t_callReader is { } reader && ReferenceEquals(t_callChain, this) && t_callRoot == root && ++t_callReaderUses <= CallReaderReuses)
            return reader;
        reader = TreeReader(new MkvsTree(root, _store.TryGetNode));
        (t_callChain, t_callReader, t_callRoot, t_callReaderUses) = (this, reader, root, 1);
        return reader;
    }

    private static T Guard<T>(ulong number, Func<T> run)
    {
        try
        {
            return run();
        }
        catch (MkvsException e)
        {
            throw new StateUnavailableException($"The state of block {number} is no longer available ({e.Message}).");
        }
        catch (ForkRemoteException e)
        {
            throw new StateUnavailableException(e.Message);
        }
    }
}
