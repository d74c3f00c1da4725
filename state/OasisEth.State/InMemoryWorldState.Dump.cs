using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    /// <summary>One account as <see cref="Dump"/> reports it; storage sorted by key, zero slots left out.</summary>
    public sealed record AccountDump(Address Address, ulong Nonce, UInt256 Balance, byte[] Code,
        IReadOnlyList<KeyValuePair<UInt256, UInt256>> Storage);

    /// <summary>Every account sorted by address with its non-zero storage sorted by key: a stable listing for
    /// diffs in test output. Shows current values (after a commit, the committed state).</summary>
    public IReadOnlyList<AccountDump> Dump()
    {
        ThrowIfBackend();
        Address[] addresses = SortedAddresses();
        var result = new List<AccountDump>(addresses.Length);
        foreach (Address address in addresses)
        {
            Account account = _accounts[address];
            var storage = new List<KeyValuePair<UInt256, UInt256>>(account.Storage.Count);
            foreach (KeyValuePair<UInt256, StorageSlot> slot in account.Storage)
            {
                if (!slot.Value.Current.IsZero) storage.Add(new(slot.Key, slot.Value.Current));
            }
            storage.Sort(static (a, b) => a.Key.CompareTo(b.Key));
            result.Add(new AccountDump(address, account.Nonce, account.Balance, (byte[])account.Code.Clone(), storage));
        }
        return result;
    }

    private Address[] SortedAddresses()
    {
        var addresses = new Address[_accounts.Count];
        _accounts.Keys.CopyTo(addresses, 0);
        Array.Sort(addresses);
        return addresses;
    }
}
