using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    public void BeginTransaction()
    {
        // Writes made between transactions (e.g. a block reward) are kept as committed, so the next
        // transaction's "original" values are right.
        FoldStorageWrites();
        EndTransactionScope();
    }

    public void CommitTransaction(bool deleteTouchedEmpty)
    {
        FoldStorageWrites();

        foreach (Address address in _selfDestructed)
        {
            MarkDirty(address, Find(address));
            RemoveAccount(address);
        }

        if (deleteTouchedEmpty)
        {
            foreach (Address address in _touched)
            {
                Account? account = Find(address);
                if (account is not null && account.IsEmpty) RemoveAccount(address);
            }
        }

        EndTransactionScope();
    }

    /// <summary>Empties everything that lives for one transaction. Deleting accounts is order-independent,
    /// so iterating the hash sets above cannot make results depend on hash order.</summary>
    private void EndTransactionScope()
    {
        foreach (Address address in _touched)
        {
            Account? account = Find(address);
            if (account is not null) account.Touched = false;
        }
        _touched.Clear();
        _warmAccounts.Clear();
        _warmSlots.Clear();
        _transientStorage.Clear();
        _selfDestructed.Clear();
        _created.Clear();
        // A new list, not Clear(): the caller may still hold the finished transaction's logs.
        if (_logs.Count > 0) _logs = [];
        ClearJournal();
    }
}
