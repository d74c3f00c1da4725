using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    // Reused across transactions; grows by doubling, so journaling allocates only while a transaction is
    // bigger than every one before it. Starts small: a world is made per round and per eth_call, and a 256-entry
    // start (25 KiB) was the executor's largest allocation under the dev node's transfer load.
    private JournalEntry[] _journal = new JournalEntry[32];
    private int _journalCount;

    public int TakeSnapshot() => _journalCount;

    public void Restore(int snapshot)
    {
        if ((uint)snapshot > (uint)_journalCount) ThrowBadSnapshot(snapshot, _journalCount);
        JournalEntry[] entries = _journal;
        for (int i = _journalCount - 1; i >= snapshot; i--)
        {
            Undo(ref entries[i]);
            entries[i].Ref = null; // let reverted code, accounts and logs be collected
        }
        _journalCount = snapshot;
    }

    /// <summary>Appends an entry of <paramref name="kind"/> for <paramref name="address"/>; the caller fills the rest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref JournalEntry Push(JournalKind kind, in Address address)
    {
        if (_journalCount == _journal.Length) Array.Resize(ref _journal, _journal.Length * 2);
        ref JournalEntry entry = ref _journal[_journalCount++];
        entry.Kind = kind;
        entry.Address = address;
        entry.Key = default;
        entry.Previous = default;
        entry.Ref = null;
        return ref entry;
    }

    private void Undo(ref JournalEntry entry)
    {
        switch (entry.Kind)
        {
            case JournalKind.AccountReplaced:
                if (entry.Ref is Account previous) PutAccount(entry.Address, previous);
                else RemoveAccount(entry.Address);
                break;
            case JournalKind.Balance:
                ((Account)entry.Ref!).Balance = entry.Previous;
                break;
            case JournalKind.Nonce:
                ((Account)entry.Ref!).Nonce = entry.Previous.u0;
                break;
            case JournalKind.Code:
                // Entries are undone newest first, so the account at the address is the one that was changed.
                _accounts[entry.Address].Code = (byte[])entry.Ref!;
                break;
            case JournalKind.Storage:
                CollectionsMarshal.GetValueRefOrNullRef(((Account)entry.Ref!).Storage, entry.Key).Current = entry.Previous;
                break;
            case JournalKind.TransientStorage:
                CollectionsMarshal.GetValueRefOrNullRef(_transientStorage, new StorageCell(entry.Address, entry.Key)) = entry.Previous;
                break;
            case JournalKind.Touched:
                _touched.Remove(entry.Address);
                ((Account)entry.Ref!).Touched = false;
                break;
            case JournalKind.WarmAccount:
                _warmAccounts.Remove(entry.Address);
                break;
            case JournalKind.WarmSlot:
                _warmSlots.Remove(new StorageCell(entry.Address, entry.Key));
                break;
            case JournalKind.Log:
                _logs.RemoveAt(_logs.Count - 1);
                break;
            case JournalKind.SelfDestructed:
                _selfDestructed.Remove(entry.Address);
                break;
            case JournalKind.CreatedInTransaction:
                _created.Remove(entry.Address);
                break;
            default:
                ThrowUnknownKind(entry.Kind);
                break;
        }
    }

    private void ClearJournal()
    {
        Array.Clear(_journal, 0, _journalCount);
        _journalCount = 0;
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadSnapshot(int snapshot, int count) =>
        throw new ArgumentOutOfRangeException(nameof(snapshot), $"Snapshot {snapshot} is not in [0, {count}]: it was taken before a later Restore or commit.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnknownKind(JournalKind kind) =>
        throw new InvalidOperationException($"Unknown journal entry kind {kind}.");
}
