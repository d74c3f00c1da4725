using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

/// <summary>
/// An <see cref="IStateReader"/> over an <see cref="MkvsTree"/> that stays valid while the tree changes: the
/// round writer applies the transactions' changes to the tree before the ledger's end-of-round step reads on
/// through the same world state, which the plain <see cref="MkvsStateReader"/> (one reused iterator) does not allow.
/// Untouched keys read the same either way, and touched ones are served by the world state's cache.
/// </summary>
internal sealed class TreeStateReader(MkvsTree tree) : IStateReader
{
    public MkvsTree Tree { get; } = tree;

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        Span<byte> key = stackalloc byte[StateSchema.AccountKeyLength];
        StateSchema.WriteAccountKey(address, key);
        byte[]? value = Tree.Get(key);
        if (value is null)
        {
            account = default;
            return false;
        }
        StateSchema.DecodeAccount(value, out ulong nonce, out UInt256 balance, out Hash256 codeHash);
        account = new AccountData(nonce, balance, codeHash, HasStorage(address));
        return true;
    }

    public bool HasStorage(in Address address)
    {
        Span<byte> prefix = stackalloc byte[StateSchema.StoragePrefixLength];
        StateSchema.WriteStoragePrefix(address, prefix);
        MkvsIterator iterator = Tree.CreateIterator();
        iterator.Seek(prefix);
        return iterator.Valid && iterator.Key.AsSpan().StartsWith(prefix);
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        Span<byte> key = stackalloc byte[StateSchema.StorageKeyLength];
        StateSchema.WriteStorageKey(address, slot, key);
        byte[]? value = Tree.Get(key);
        return value is null ? default : StateSchema.DecodeStorageValue(value);
    }

    public byte[] GetCode(in Hash256 codeHash)
    {
        Span<byte> key = stackalloc byte[StateSchema.CodeKeyLength];
        StateSchema.WriteCodeKey(codeHash, key);
        return Tree.Get(key) ?? throw new InvalidDataException($"The MKVS state has no code blob for {codeHash}.");
    }

    /// <summary>The balance stored for <paramref name="address"/> (zero when absent).</summary>
    public UInt256 GetBalance(in Address address)
    {
        Span<byte> key = stackalloc byte[StateSchema.AccountKeyLength];
        StateSchema.WriteAccountKey(address, key);
        byte[]? value = Tree.Get(key);
        if (value is null) return UInt256.Zero;
        StateSchema.DecodeAccount(value, out _, out UInt256 balance, out _);
        return balance;
    }
}
