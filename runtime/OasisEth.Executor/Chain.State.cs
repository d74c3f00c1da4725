using OasisEth.Primitives;
using OasisEth.State.Mkvs;
using OasisEth.Mkvs;
using OasisEth.State;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>The head's state includes the pending dev edits (<see cref="IDevChain"/>).</summary>
    public IStateView OpenState(ulong number) => new StateView(number, TreeReader(OpenTreeAt(number)), EditsFor(number));

    public SupplyFigures GetSupply(ulong number)
    {
        MkvsTree tree = OpenTreeAt(number);
        try
        {
            return _rules.ReadSupply(new InMemoryWorldState(WithEdits(TreeReader(tree), number)));
        }
        catch (MkvsException e)
        {
            throw new StateUnavailableException($"The state of block {number} is no longer available ({e.Message}).");
        }
    }

    /// <summary>A fresh read-only tree at a kept block (the caller owns it; it loads from the thread-safe store).</summary>
    private MkvsTree OpenTreeAt(ulong number) => new(KeptRootAt(number), _store.TryGetNode);

    /// <summary>The state root of a kept block.</summary>
    private Hash256 KeptRootAt(ulong number)
    {
        ThrowIfDisposed();
        ulong head = _head.Number;
        if (number > head) throw new StateUnavailableException($"Block {number} does not exist yet (the head is {head}).");
        if (!_store.TryGetRound(number, out var round))
            throw new StateUnavailableException($"The state of block {number} has been pruned; state is kept for the last {_options.KeptRounds} blocks (head {head}).");
        return round.StateRoot;
    }
}
