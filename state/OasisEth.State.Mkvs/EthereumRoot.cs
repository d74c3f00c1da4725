using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.Trie;
using RlpCodec = OasisEth.Primitives.Rlp.Rlp;

namespace OasisEth.State.Mkvs;

/// <summary>
/// The Ethereum state root (secure Merkle-Patricia trie) of the EVM state held in an <see cref="MkvsTree"/>:
/// keccak256(address) → RLP([nonce, balance, storageRoot, codeHash]) and per account keccak256(slot) →
/// RLP(value), the same layout as <see cref="InMemoryWorldState.ComputeStateRoot"/>. A full walk of the state:
/// for checks (state tests, audits) and eth_ RPC answers, not for every block.
/// </summary>
public static class EthereumRoot
{
    public static Hash256 Compute(MkvsTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var accounts = new List<KeyValuePair<byte[], byte[]>>();
        var slots = new List<KeyValuePair<byte[], byte[]>>();
        MkvsIterator account = tree.CreateIterator();
        MkvsIterator storage = tree.CreateIterator();
        account.Seek([StateSchema.AccountPrefix]);
        storage.Seek([StateSchema.StoragePrefix]);

        // Both spaces are ordered by raw address, so one pass over each pairs every account with its slots.
        for (; account.Valid && account.Key[0] == StateSchema.AccountPrefix; account.Next())
        {
            byte[] key = account.Key;
            if (key.Length != StateSchema.AccountKeyLength) throw Corrupt($"account key of {key.Length} bytes");
            ReadOnlySpan<byte> address = key.AsSpan(1);
            StateSchema.DecodeAccount(account.Value, out ulong nonce, out UInt256 balance, out Hash256 codeHash);

            slots.Clear();
            for (; storage.Valid && storage.Key[0] == StateSchema.StoragePrefix; storage.Next())
            {
                byte[] slotKey = storage.Key;
                if (slotKey.Length != StateSchema.StorageKeyLength) throw Corrupt($"storage key of {slotKey.Length} bytes");
                int order = slotKey.AsSpan(1, Address.Size).SequenceCompareTo(address);
                if (order > 0) break;
                if (order < 0) throw Corrupt($"storage under 0x{Hex.Encode(slotKey.AsSpan(1, Address.Size))}, which has no account");
                slots.Add(new(Keccak.Compute(slotKey.AsSpan(StateSchema.StoragePrefixLength)).ToArray(),
                    RlpCodec.EncodeUInt256(StateSchema.DecodeStorageValue(storage.Value))));
            }
            Hash256 storageRoot = slots.Count == 0 ? Hash256.EmptyTrie : PatriciaTrie.ComputeRoot(slots);

            byte[] value = RlpCodec.EncodeList(
                RlpCodec.EncodeULong(nonce),
                RlpCodec.EncodeUInt256(balance),
                RlpCodec.EncodeBytes(storageRoot.Bytes),
                RlpCodec.EncodeBytes(codeHash.Bytes));
            accounts.Add(new(Keccak.Compute(address).ToArray(), value));
        }
        if (storage.Valid && storage.Key[0] == StateSchema.StoragePrefix)
            throw Corrupt($"storage under 0x{Hex.Encode(storage.Key.AsSpan(1, Address.Size))}, which has no account");
        return accounts.Count == 0 ? Hash256.EmptyTrie : PatriciaTrie.ComputeRoot(accounts);
    }

    private static InvalidDataException Corrupt(string what) => new($"Malformed MKVS state: {what}.");
}
