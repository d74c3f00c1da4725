using OasisEth.Primitives;
using OasisEth.Trie;
using RlpCodec = OasisEth.Primitives.Rlp.Rlp;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    /// <summary>
    /// The Ethereum state root of the current values: the secure Merkle-Patricia trie of
    /// keccak256(address) → RLP([nonce, balance, storageRoot, codeHash]). Meant for after
    /// <see cref="CommitTransaction"/>; not a hot path (allocates freely).
    /// </summary>
    public Hash256 ComputeStateRoot()
    {
        ThrowIfBackend();
        var leaves = new List<KeyValuePair<byte[], byte[]>>(_accounts.Count);
        // Hash order is fine here: ComputeRoot sorts by key, so the root does not depend on input order.
        foreach (KeyValuePair<Address, Account> pair in _accounts)
        {
            Address address = pair.Key;
            Account account = pair.Value;
            byte[] value = RlpCodec.EncodeList(
                RlpCodec.EncodeULong(account.Nonce),
                RlpCodec.EncodeUInt256(account.Balance),
                RlpCodec.EncodeBytes(StorageRoot(account).Bytes),
                RlpCodec.EncodeBytes(account.CodeHash.Bytes));
            leaves.Add(new(Keccak.Compute(address.Bytes).ToArray(), value));
        }
        return PatriciaTrie.ComputeRoot(leaves);
    }

    /// <summary>Storage root of one account (<see cref="Hash256.EmptyTrie"/> when missing or without non-zero slots).</summary>
    public Hash256 ComputeStorageRoot(in Address address)
    {
        ThrowIfBackend();
        Account? account = Find(address);
        return account is null ? Hash256.EmptyTrie : StorageRoot(account);
    }

    /// <summary>keccak256(slot as 32 big-endian bytes) → RLP(minimal big-endian value); zero slots are absent.</summary>
    private static Hash256 StorageRoot(Account account)
    {
        var leaves = new List<KeyValuePair<byte[], byte[]>>(account.Storage.Count);
        Span<byte> key = stackalloc byte[32];
        foreach (KeyValuePair<UInt256, StorageSlot> slot in account.Storage)
        {
            if (slot.Value.Current.IsZero) continue;
            slot.Key.WriteBigEndian(key);
            leaves.Add(new(Keccak.Compute(key).ToArray(), RlpCodec.EncodeUInt256(slot.Value.Current)));
        }
        if (leaves.Count == 0) return Hash256.EmptyTrie;
        return PatriciaTrie.ComputeRoot(leaves);
    }

    /// <summary>Over a backend only the touched part of the state is here: a root or dump of it would be wrong.</summary>
    private void ThrowIfBackend()
    {
        if (_reader is not null)
            throw new InvalidOperationException("This state reads through an IStateReader and holds only what the block touched: apply CollectChanges() to the backend and compute the root or listing there.");
    }
}
