using System.Runtime.InteropServices;
using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    private readonly Dictionary<StorageCell, UInt256> _transientStorage = [];

    public UInt256 GetStorage(in Address address, in UInt256 key)
    {
        Account? account = Find(address);
        if (account is null) return default;
        if (account.Storage.TryGetValue(key, out StorageSlot slot)) return slot.Current;
        return account.LoadsStorage ? LoadSlot(address, account, key) : default;
    }

    public UInt256 GetOriginalStorage(in Address address, in UInt256 key)
    {
        Account? account = Find(address);
        if (account is null) return default;
        if (account.Storage.TryGetValue(key, out StorageSlot slot)) return slot.Original;
        // Not cached means not written in this block, so the stored value is the original too.
        return account.LoadsStorage ? LoadSlot(address, account, key) : default;
    }

    public void SetStorage(in Address address, in UInt256 key, in UInt256 value) => WriteStorage(address, key, value, out _, out _);

    /// <summary>The interface's rule, declared here so a call through <see cref="IWorldState"/> lands on this sealed class.</summary>
    public UInt256 AccessStorage(in Address address, in UInt256 key, out bool wasCold)
    {
        wasCold = WarmUpStorage(address, key);
        return GetStorage(address, key);
    }

    /// <summary>
    /// One account probe and one slot probe for the whole write: the present and original values come from the slot
    /// the write lands in (a read, an original-value read and a write would probe three times each).
    /// </summary>
    public void WriteStorage(in Address address, in UInt256 key, in UInt256 value, out UInt256 present, out UInt256 original)
    {
        Account account = GetOrCreate(address);
        // A missing slot is added as (current 0, original 0), which is what it was; the entry stays even when
        // the value goes back to zero so the original value survives until the commit.
        ref StorageSlot slot = ref CollectionsMarshal.GetValueRefOrAddDefault(account.Storage, key, out bool exists);
        if (!exists && account.LoadsStorage) slot = ReadSlot(address, key);
        present = slot.Current;
        original = slot.Original;
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
    /// Slots that end up zero both ways are dropped (they only existed to remember a non-zero original), except
    /// for an account whose storage is in a backend, where a dropped slot would be read back stale. This is also
    /// where a base account's changed slots are noted for <see cref="CollectChanges"/>: once per slot per
    /// transaction (the first entry for a slot makes original = current, so later ones see no change).
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
            if (account.IsBase && !slot.Current.Equals(slot.Original)) (account.DirtySlots ??= []).Add(entry.Key);
            if (slot.Current.IsZero && !account.LoadsStorage) account.Storage.Remove(entry.Key);
            else slot.Original = slot.Current;
        }
    }
}
