using System.Runtime.CompilerServices;
using OasisEth.Primitives;

namespace OasisEth.State;

/// <summary>
/// The world state in memory, revm/Nethermind style: accounts in a dictionary, every change recorded in an
/// append-only journal of struct entries, a snapshot being the journal's length. Used by the state-test
/// runner (pre-state loaded with <see cref="SetAccount"/>, result read with <see cref="ComputeStateRoot"/>).
/// Opened over an <see cref="IStateReader"/> it is the block's cache in front of a persistent state: accounts,
/// slots and code are read on first touch, and <see cref="CollectChanges"/> hands back what the block changed.
/// </summary>
/// <remarks>
/// Split by concern: accounts, storage, access sets (warm marks, logs, self-destruct), journal, transaction
/// lifecycle, root and dump. <see cref="Logs"/> returns a list that stays valid after
/// <see cref="CommitTransaction"/>: the commit starts a new list rather than clearing the old one.
/// </remarks>
public sealed partial class InMemoryWorldState : IWorldState
{
    /// <summary>The RIPEMD-160 precompile: geth keeps its touch across a revert (mainnet block 2675119), see <see cref="MarkTouched"/>.</summary>
    private static readonly Address RipemdPrecompile = Address.FromLowUlong(3);

    private readonly Dictionary<Address, Account> _accounts = [];

    // One-entry cache in front of _accounts: the EVM hits the same contract's account over and over
    // (SLOAD/SSTORE/BALANCE of ADDRESS), and comparing 20 bytes is cheaper than hashing them.
    // Every change to _accounts goes through PutAccount/RemoveAccount, which keep it true.
    private Address _cachedAddress;
    private Account? _cachedAccount;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Account? Find(in Address address)
    {
        Account? cached = _cachedAccount;
        if (cached is not null && _cachedAddress.Equals(address)) return cached;
        if (_accounts.TryGetValue(address, out Account? account))
        {
            _cachedAddress = address;
            _cachedAccount = account;
            return account;
        }
        return _reader is null ? null : LoadAccount(address);
    }

    private void PutAccount(in Address address, Account account)
    {
        _accounts[address] = account;
        _cachedAddress = address;
        _cachedAccount = account;
    }

    private void RemoveAccount(in Address address)
    {
        _accounts.Remove(address);
        if (_cachedAccount is not null && _cachedAddress.Equals(address)) _cachedAccount = null;
    }
}
