using OasisEth.State.Mkvs;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    public bool TraceTransaction(Hash256 transactionHash, ITxTracer tracer, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tracer);
        if (Locate(transactionHash) is not var (number, index) || number == 0) return false;
        return Replay(number, index, i => i == index ? tracer : null, cancellation);
    }

    public bool TraceBlock(ulong number, Func<int, ITxTracer?> tracerFor, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tracerFor);
        if (number == 0) return GetHeader(0) is not null; // the genesis block has no transactions to trace
        CachedBlock? block = LoadBlock(number);
        if (block is null) return false;
        return Replay(number, block.Block.Transactions.Count - 1, tracerFor, cancellation);
    }

    /// <summary>eth_simulateV1 on the state after block <paramref name="number"/>: see <see cref="CallSimulator.Simulate"/>.</summary>
    public IReadOnlyList<SimulatedBlockResult> Simulate(ulong number, IReadOnlyList<SimulatedBlock> blocks, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        return Guard(number, () => _calls.Simulate(OpenCallSite(number, null), blocks, cancellation));
    }

    /// <summary>
    /// Re-executes block <paramref name="number"/>'s transactions 0..<paramref name="last"/> in order on its parent's
    /// state, once, each with the tracer <paramref name="tracerFor"/> gives for its index (null: untraced).
    /// </summary>
    private bool Replay(ulong number, int last, Func<int, ITxTracer?> tracerFor, CancellationToken cancellation)
    {
        CachedBlock? block = LoadBlock(number);
        if (block is null || last >= block.Block.Transactions.Count) return false;
        if (!_store.TryGetRound(number - 1, out var parentRound)) return false;

        var state = new InMemoryWorldState(TreeReader(new MkvsTree(parentRound.StateRoot, _store.TryGetNode)));
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
            for (int i = 0; i <= last; i++)
            {
                cancellation.ThrowIfCancellationRequested();
                runner.Run(state, context, block.Block.Transactions[i].Transaction, tracerFor(i), cancellation);
            }
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
}
