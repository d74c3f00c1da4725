using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    /// <summary>
    /// The state the block started from, for every address read from the backend (absent ones included) or
    /// left by the last <see cref="CollectChanges"/>. A missing entry means: no account (the no-argument state
    /// starts empty).
    /// </summary>
    private readonly Dictionary<Address, BaseAccount> _base = [];

    /// <summary>Addresses written since the last <see cref="CollectChanges"/>. A superset: reverted writes and
    /// plain touches stay in, and <see cref="CollectChanges"/> drops what ends up equal to the base.</summary>
    private readonly HashSet<Address> _dirty = [];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void MarkDirty(in Address address, Account? account)
    {
        if (account is null) _dirty.Add(address);
        else if (!account.Dirty)
        {
            account.Dirty = true;
            _dirty.Add(address);
        }
    }

    /// <summary>
    /// Ends the block: returns what changed since the state was opened (or since the previous call), sorted, and
    /// makes the current state the new base, so a further block can run on this object once the changes are
    /// applied to the backend. Call it between transactions; a transaction left open is committed as
    /// <see cref="BeginTransaction"/> would (its storage writes kept, nothing deleted).
    /// </summary>
    /// <remarks>
    /// Compared with the base: an account is reported when it is new or its nonce, balance or code hash differs;
    /// deleted when it was there and is not now; its old storage wiped when it had storage and the account now
    /// is gone or is a new object (re-created). A base account reports the slots that changed value in some
    /// transaction (possibly back to the base value: harmless); a re-created or new one reports all its non-zero
    /// slots. Code is reported when an account's code hash is new to it.
    /// </remarks>
    public BlockChanges CollectChanges()
    {
        FoldStorageWrites();
        EndTransactionScope();
        if (_dirty.Count == 0) return BlockChanges.Empty;

        var addresses = new Address[_dirty.Count];
        _dirty.CopyTo(addresses);
        Array.Sort(addresses);
        _dirty.Clear();

        var accounts = new List<AccountUpdate>();
        var deleted = new List<Address>();
        var wipes = new List<Address>();
        var storage = new List<StorageChange>();
        var code = new List<CodeBlob>();
        var slots = new List<KeyValuePair<UInt256, UInt256>>();

        foreach (Address address in addresses)
        {
            _accounts.TryGetValue(address, out Account? account);
            _base.TryGetValue(address, out BaseAccount before); // missing: default, i.e. no account
            bool continues = account is not null && account.IsBase;
            if (before.HasStorage && !continues) wipes.Add(address);

            if (account is null)
            {
                if (before.Exists) deleted.Add(address);
                _base[address] = BaseAccount.Missing;
                continue;
            }

            Hash256 codeHash = account.CodeHash;
            if (!before.Exists || before.Nonce != account.Nonce || before.Balance != account.Balance || before.CodeHash != codeHash)
                accounts.Add(new AccountUpdate(address, account.Nonce, account.Balance, codeHash));
            if (codeHash != Hash256.EmptyCode && (!before.Exists || before.CodeHash != codeHash))
                code.Add(new CodeBlob(codeHash, account.Code));

            bool hasStorage = CollectSlots(account, continues, slots);
            foreach (KeyValuePair<UInt256, UInt256> slot in slots) storage.Add(new StorageChange(address, slot.Key, slot.Value));
            slots.Clear();

            // A kept base account may still hold stored slots nobody read, so its flag only grows; a new one
            // has all its storage here. Overstating is safe: it costs at most an empty wipe later.
            hasStorage |= continues && before.HasStorage;
            account.IsBase = true;
            account.Dirty = false;
            account.DirtySlots = null;
            _base[address] = new BaseAccount(account.Nonce, account.Balance, codeHash, hasStorage);
        }

        return new BlockChanges
        {
            Accounts = accounts,
            Deleted = deleted,
            StorageWipes = wipes,
            Storage = storage,
            Code = SortedDistinct(code),
        };
    }

    /// <summary>The slots to write for one account, sorted by slot; returns whether any is non-zero.</summary>
    private static bool CollectSlots(Account account, bool continues, List<KeyValuePair<UInt256, UInt256>> slots)
    {
        bool anyNonZero = false;
        if (continues)
        {
            if (account.DirtySlots is null) return false;
            foreach (UInt256 key in account.DirtySlots)
            {
                UInt256 value = account.Storage.TryGetValue(key, out StorageSlot slot) ? slot.Current : default;
                anyNonZero |= !value.IsZero;
                slots.Add(new(key, value));
            }
        }
        else
        {
            foreach (KeyValuePair<UInt256, StorageSlot> pair in account.Storage)
            {
                if (pair.Value.Current.IsZero) continue;
                anyNonZero = true;
                slots.Add(new(pair.Key, pair.Value.Current));
            }
        }
        slots.Sort(static (a, b) => a.Key.CompareTo(b.Key));
        return anyNonZero;
    }

    private static List<CodeBlob> SortedDistinct(List<CodeBlob> code)
    {
        if (code.Count < 2) return code;
        code.Sort(static (a, b) => a.Hash.CompareTo(b.Hash));
        var distinct = new List<CodeBlob>(code.Count) { code[0] };
        for (int i = 1; i < code.Count; i++)
        {
            if (code[i].Hash != distinct[^1].Hash) distinct.Add(code[i]);
        }
        return distinct;
    }
}
