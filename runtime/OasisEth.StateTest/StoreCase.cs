using OasisEth.Mkvs;
using OasisEth.State;
using OasisEth.State.Mkvs;
using OasisEth.Store.Rocks;

namespace OasisEth.StateTest;

/// <summary>
/// One case on the <see cref="StateBackend.Rocks"/> backend: holds a store rented from the run's pool for the
/// case's lifetime. <see cref="Begin"/> commits <c>pre</c> as a new round and opens the tree at it from the store;
/// <see cref="CommitPost"/> commits the block's changes as the next round and returns that round's tree reopened
/// from the store (so the root and any diff are read from what was persisted, not from memory); <see cref="Release"/>
/// hands the store back.
/// </summary>
internal sealed class StoreCase
{
    /// <summary>Rounds kept: this case's pre- and post-state; everything older is pruned as the run goes.</summary>
    private const int KeptRounds = 2;

    private readonly RocksStatePool _pool;
    private NodeStore? _store;
    private readonly ulong _preRound;

    private StoreCase(RocksStatePool pool, NodeStore store, ulong preRound, MkvsTree tree)
    {
        _pool = pool;
        _store = store;
        _preRound = preRound;
        Tree = tree;
    }

    /// <summary>The pre-state's tree, loading its nodes from the store.</summary>
    public MkvsTree Tree { get; }

    public static StoreCase Begin(RocksStatePool pool, StateTestFixture test)
    {
        NodeStore store = pool.Rent();
        try
        {
            var pre = new MkvsTree();
            foreach (PreAccount a in test.Pre) MkvsStateWriter.PutAccount(pre, a.Address, a.Nonce, a.Balance, a.Code, a.Storage);
            var (root, writeLog) = pre.Commit();
            ulong round = (store.LastRound ?? 0) + 1;
            store.CommitRound(round, root, default, pre.NewNodes, writeLog);
            return new StoreCase(pool, store, round, store.OpenTree(round));
        }
        catch
        {
            pool.Return(store);
            throw;
        }
    }

    /// <summary>Applies the block's changes to the pre-state tree, commits them as the next round, prunes, and
    /// returns the new round's tree opened afresh from the store.</summary>
    public MkvsTree CommitPost(InMemoryWorldState state)
    {
        NodeStore store = _store ?? throw new InvalidOperationException("The case's store was already released.");
        MkvsStateWriter.Apply(Tree, state.CollectChanges());
        var (root, writeLog) = Tree.Commit();
        ulong round = _preRound + 1;
        store.CommitRound(round, root, default, Tree.NewNodes, writeLog);
        store.Prune(KeptRounds);
        MkvsTree reopened = store.OpenTree(round);
        if (reopened.Root != root)
            throw new InvalidOperationException($"The store returned root {reopened.Root} for round {round}, committed as {root}.");
        return reopened;
    }

    public void Release()
    {
        if (_store is { } store)
        {
            _store = null;
            _pool.Return(store);
        }
    }
}
