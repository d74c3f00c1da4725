using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.State.Mkvs;

/// <summary>Writes EVM state changes into an <see cref="MkvsTree"/> (<see cref="StateSchema"/>); the caller commits.</summary>
public static class MkvsStateWriter
{
    /// <summary>
    /// Applies a block's changes in the order <see cref="BlockChanges"/> prescribes: storage wipes, deletions,
    /// account values, code blobs, slots (zero: remove). Every list is sorted, so the tree sees the same
    /// operations in the same order on every node.
    /// </summary>
    public static void Apply(MkvsTree tree, BlockChanges changes)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(changes);
        Span<byte> key = stackalloc byte[StateSchema.StorageKeyLength];
        Span<byte> value = stackalloc byte[StateSchema.MaxAccountValueLength];

        foreach (Address address in changes.StorageWipes) WipeStorage(tree, address);

        foreach (Address address in changes.Deleted)
        {
            StateSchema.WriteAccountKey(address, key);
            tree.Remove(key[..StateSchema.AccountKeyLength]);
        }

        foreach (AccountUpdate account in changes.Accounts)
        {
            StateSchema.WriteAccountKey(account.Address, key);
            int length = StateSchema.EncodeAccount(account.Nonce, account.Balance, account.CodeHash, value);
            tree.Insert(key[..StateSchema.AccountKeyLength], value[..length]);
        }

        foreach (CodeBlob blob in changes.Code)
        {
            StateSchema.WriteCodeKey(blob.Hash, key);
            tree.Insert(key[..StateSchema.CodeKeyLength], blob.Code);
        }

        foreach (StorageChange slot in changes.Storage)
        {
            StateSchema.WriteStorageKey(slot.Address, slot.Slot, key);
            if (slot.Value.IsZero)
            {
                tree.Remove(key);
            }
            else
            {
                int length = StateSchema.EncodeStorageValue(slot.Value, value);
                tree.Insert(key, value[..length]);
            }
        }
    }

    /// <summary>Removes every slot of <paramref name="address"/> (the keys under <c>0x03 ‖ address</c>); returns how many.</summary>
    public static int WipeStorage(MkvsTree tree, in Address address)
    {
        ArgumentNullException.ThrowIfNull(tree);
        byte[] prefix = new byte[StateSchema.StoragePrefixLength];
        StateSchema.WriteStoragePrefix(address, prefix);
        // Collect first: the iterator refuses to go on once the tree changes.
        var keys = new List<byte[]>();
        MkvsIterator it = tree.CreateIterator();
        for (it.Seek(prefix); it.Valid && it.Key.AsSpan().StartsWith(prefix); it.Next()) keys.Add(it.Key);
        foreach (byte[] k in keys) tree.Remove(k);
        return keys.Count;
    }

    /// <summary>
    /// Writes one whole account (genesis, a state test's <c>pre</c>) over whatever was there: its old storage
    /// is wiped, the code blob stored, zero slots skipped.
    /// </summary>
    public static void PutAccount(MkvsTree tree, in Address address, ulong nonce, in UInt256 balance, byte[] code,
        IEnumerable<KeyValuePair<UInt256, UInt256>> storage)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(storage);
        WipeStorage(tree, address);
        Hash256 codeHash = code.Length == 0 ? Hash256.EmptyCode : Keccak.Compute(code);
        tree.Insert(StateSchema.AccountKey(address), StateSchema.EncodeAccount(nonce, balance, codeHash));
        if (code.Length != 0) tree.Insert(StateSchema.CodeKey(codeHash), code);
        foreach (KeyValuePair<UInt256, UInt256> slot in storage)
        {
            if (slot.Value.IsZero) continue;
            tree.Insert(StateSchema.StorageKey(address, slot.Key), StateSchema.EncodeStorageValue(slot.Value));
        }
    }
}
