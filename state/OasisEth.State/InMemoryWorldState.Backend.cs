using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    /// <summary>Where misses go; null for the self-contained state (no-argument constructor).</summary>
    private readonly IStateReader? _reader;

    /// <summary>Code read from the backend, by hash: contracts sharing code cost one read per block.</summary>
    private readonly Dictionary<Hash256, byte[]> _loadedCode = [];

    /// <summary>An empty state that holds everything itself (state tests, genesis building).</summary>
    public InMemoryWorldState()
    {
    }

    /// <summary>
    /// A state for one block (or a run of blocks) over <paramref name="reader"/>: accounts, slots and code are
    /// read on first touch and cached, absent accounts included, so each is read at most once. Changes stay
    /// here until <see cref="CollectChanges"/>; the reader is never written. <see cref="ComputeStateRoot"/> and
    /// <see cref="Dump"/> are not available (they would see only the cached part): compute roots on the backend.
    /// </summary>
    public InMemoryWorldState(IStateReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>True when this state reads through an <see cref="IStateReader"/>.</summary>
    public bool HasBackend => _reader is not null;

    /// <summary>
    /// First touch of an address missing from <see cref="_accounts"/>. A <see cref="_base"/> entry means it was
    /// asked before: absent in the backend, or deleted in this block since; either way there is no account.
    /// Loading is not a change, so it is not journaled and survives a revert.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private Account? LoadAccount(in Address address)
    {
        if (_base.ContainsKey(address)) return null;
        if (!_reader!.TryGetAccount(address, out AccountData data))
        {
            _base.Add(address, BaseAccount.Missing);
            return null;
        }
        _base.Add(address, new BaseAccount(data.Nonce, data.Balance, data.CodeHash, data.HasStorage));
        var account = new Account(data, this);
        PutAccount(address, account);
        return account;
    }

    /// <summary>A slot not yet cached for an account whose storage lives in the backend: read and cache it
    /// (current = original = the stored value, as nothing in this block has written it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private UInt256 LoadSlot(in Address address, Account account, in UInt256 key)
    {
        UInt256 value = _reader!.GetStorage(address, key);
        account.Storage.Add(key, new StorageSlot(value, value));
        return value;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private StorageSlot ReadSlot(in Address address, in UInt256 key)
    {
        UInt256 value = _reader!.GetStorage(address, key);
        return new StorageSlot(value, value);
    }

    /// <summary>Called by an <see cref="Account"/> read from the backend the first time its code is needed.</summary>
    internal byte[] LoadCode(in Hash256 codeHash)
    {
        if (!_loadedCode.TryGetValue(codeHash, out byte[]? code))
        {
            code = _reader!.GetCode(codeHash);
            _loadedCode.Add(codeHash, code);
        }
        return code;
    }
}
