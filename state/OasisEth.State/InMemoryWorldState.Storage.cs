using System.Runtime.InteropServices;
using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    private readonly Dictionary<StorageCell, UInt256> _transientStorage = [];

    public UInt256 GetStorage(in Address address, in UInt256 key)
    {
        Account? account = Find(address);
        if (account is not null && account.Storage.TryGetValue(key, out StorageSlot slot)) return slot.Current;
        return default;
    }

    public UInt256 GetOriginalStorage(in Address address, in UInt256 key)
    {
        Account? account = Find(address);
        if (account is not null && account.Storage.TryGetValue(key, out StorageSlot slot)) return slot.Original;
        return default;
    }

    public void SetStorage(in Address address, in UInt256 key, in UInt256 value)
    {
        Account account = GetOrCreate(address);
        // A missing slot is added as (current 0, original 0), which is what it was; the entry stays even when
        // the value goes back to zero so the original value survives until the commit.
        ref StorageSlot slot = ref CollectionsMarshal.GetValueRefOrAddDefault(account.Storage, key, out _);
        ref JournalEntry entry = ref Push(JournalKind.Storage, address);
        entry.Key = key;
        entry.Previous = slot.Current;
        entry.Ref = account;
        slot.Current = value;
        MarkTouched(address, account);
    }

    public UInt256 GetTransientStorage(in Address address, in UInt256 key)
    {
        _transientStorage.TryGetValue(new StorageCell(address, key), out UInt256 value);
        return value;
    }

    public void SetTransientStorage(in Address address, in UInt256 key, in UInt256 value)
    {
        ref UInt256 current = ref CollectionsMarshal.GetValueRefOrAddDefault(_transientStorage, new StorageCell(address, key), out _);
        ref JournalEntry entry = ref Push(JournalKind.TransientStorage, address);
        entry.Key = key;
        entry.Previous = current;
        current = value;
    }

    /// <summary>
    /// Makes every surviving storage write of the transaction the new original value. The journal lists exactly
    /// the slots written and not reverted, so this costs one probe per write instead of a walk over all storage.
    /// Slots that end up zero both ways are dropped (they only existed to remember a non-zero original).
    /// </summary>
    private void FoldStorageWrites()
    {
        JournalEntry[] entries = _journal;
        for (int i = 0; i < _journalCount; i++)
        {
            ref JournalEntry entry = ref entries[i];
            if (entry.Kind != JournalKind.Storage) continue;
            var account = (Account)entry.Ref!;
            ref StorageSlot slot = ref CollectionsMarshal.GetValueRefOrNullRef(account.Storage, entry.Key);
            if (System.Runtime.CompilerServices.Unsafe.IsNullRef(ref slot)) continue;
            if (slot.Current.IsZero) account.Storage.Remove(entry.Key);
            else slot.Original = slot.Current;
        }
    }
}
