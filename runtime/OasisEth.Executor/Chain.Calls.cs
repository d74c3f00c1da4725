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

    public bool TraceTransaction(Hash256 transactionHash, ITxTracer tracer, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tracer);
        if (Locate(transactionHash) is not var (number, index) || number == 0) return false;
        CachedBlock? block = LoadBlock(number);
        if (block is null || index >= block.Block.Transactions.Count) return false;
        if (!_store.TryGetRound(number - 1, out var parentRound)) return false;

        var state = new InMemoryWorldState(new MkvsStateReader(new MkvsTree(parentRound.StateRoot, _store.TryGetNode)));
        // A block that started with dev state edits: the same edits first, as the round applied them.
        if (_store.GetAux(ChainKeys.ByNumber(ChainKeys.DevEdits, number)) is { } editRecord)
        {
            ApplyEdits(state, StateEditsCodec.Decode(number - 1, editRecord));
            state.CollectChanges();
        }
        BlockContext context = BlockContextOf(block.Block.Header);
        EntryRunner runner = _calls.Rent();
        try
        {
            for (int i = 0; i < index; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                runner.Run(state, context, block.Block.Transactions[i].Transaction, null, cancellation);
            }
            runner.Run(state, context, block.Block.Transactions[index].Transaction, tracer, cancellation);
            // An interrupted re-execution leaves a partial trace and a wrong state: not an answer.
            cancellation.ThrowIfCancellationRequested();
            return true;
        }
        catch (MkvsException)
        {
            return false; // pruned while re-executing
        }
        finally
        {
            _calls.Return(runner);
        }
    }

    /// <summary>The block, its state and the overrides; the overrides are checked here, once per call.</summary>
    private CallSite OpenCallSite(ulong number, CallOverrides? overrides)
    {
        BlockHeader header = GetHeader(number) ?? throw new StateUnavailableException($"Block {number} does not exist.");
        return CallSite.Create(header, WithEdits(new MkvsStateReader(OpenTreeAt(number)), number), overrides, n => GetHeader(n)?.Hash ?? Hash256.Zero);
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
    }
}
