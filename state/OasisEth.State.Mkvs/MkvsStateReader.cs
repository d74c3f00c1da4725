using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.State.Mkvs;

/// <summary>
/// Reads the EVM state (<see cref="StateSchema"/>) out of an <see cref="MkvsTree"/> for an
/// <see cref="InMemoryWorldState"/> opened over it. The tree may change between reads (the executor applies a
/// round's changes before its end-of-round step reads on): every read is a fresh lookup or a fresh seek of the
/// reused iterator, which re-reads the tree. Not thread-safe (one reused iterator).
/// </summary>
public sealed class MkvsStateReader(MkvsTree tree) : IStateReader
{
    private readonly MkvsTree _tree = tree ?? throw new ArgumentNullException(nameof(tree));
    private MkvsIterator? _iterator;

    public MkvsTree Tree => _tree;

    public bool TryGetAccount(in Address address, out AccountData account)
    {
        Span<byte> key = stackalloc byte[StateSchema.AccountKeyLength];
        StateSchema.WriteAccountKey(address, key);
        byte[]? value = _tree.Get(key);
        if (value is null)
        {
            account = default;
            return false;
        }
        StateSchema.DecodeAccount(value, out ulong nonce, out UInt256 balance, out Hash256 codeHash);
        account = new AccountData(nonce, balance, codeHash, HasStorage(address));
        return true;
    }

    /// <summary>
    /// Whether any slot key sits under <c>0x03 ‖ address</c>: one seek, as deep as a lookup. Derived here rather
    /// than stored in the account value, so the value holds nothing that could disagree with the slots.
    /// </summary>
    public bool HasStorage(in Address address)
    {
        Span<byte> prefix = stackalloc byte[StateSchema.StoragePrefixLength];
        StateSchema.WriteStoragePrefix(address, prefix);
        MkvsIterator iterator = _iterator ??= _tree.CreateIterator();
        iterator.Seek(prefix);
        return iterator.Valid && iterator.Key.AsSpan().StartsWith(prefix);
    }

    public UInt256 GetStorage(in Address address, in UInt256 slot)
    {
        Span<byte> key = stackalloc byte[StateSchema.StorageKeyLength];
        StateSchema.WriteStorageKey(address, slot, key);
        byte[]? value = _tree.Get(key);
        return value is null ? default : StateSchema.DecodeStorageValue(value);
    }

    /// <summary>The balance stored for <paramref name="address"/> (zero when absent); no storage seek.</summary>
    public UInt256 GetBalance(in Address address)
    {
        Span<byte> key = stackalloc byte[StateSchema.AccountKeyLength];
        StateSchema.WriteAccountKey(address, key);
        byte[]? value = _tree.Get(key);
        if (value is null) return UInt256.Zero;
        StateSchema.DecodeAccount(value, out _, out UInt256 balance, out _);
        return balance;
    }

    public byte[] GetCode(in Hash256 codeHash)
    {
        Span<byte> key = stackalloc byte[StateSchema.CodeKeyLength];
        StateSchema.WriteCodeKey(codeHash, key);
        return _tree.Get(key) ?? throw new InvalidDataException($"The MKVS state has no code blob for {codeHash}.");
    }
}
