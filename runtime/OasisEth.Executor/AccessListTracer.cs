using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// Collects the accounts and slots a call touches, for eth_createAccessList (geth's rules): slots of SLOAD and
/// SSTORE in the running contract; accounts named by BALANCE, EXTCODESIZE, EXTCODECOPY, EXTCODEHASH and
/// SELFDESTRUCT (stack top) and by the CALL family (second item). Accounts in the excluded set (sender,
/// recipient, precompiles: warm anyway) are not added on their own, but their slots are, so a called contract's
/// storage keys are listed under it. Starts from a given list, so repeated runs only grow the set.
/// </summary>
internal sealed class AccessListTracer : ITxTracer
{
    private readonly Dictionary<Address, HashSet<UInt256>> _list = [];
    private readonly HashSet<Address> _excluded;

    public AccessListTracer(IEnumerable<AccessListItem> initial, HashSet<Address> excluded)
    {
        _excluded = excluded;
        foreach (AccessListItem item in initial)
        {
            if (!_excluded.Contains(item.Address)) AddAddress(item.Address);
            foreach (UInt256 key in item.StorageKeys) AddSlot(item.Address, key);
        }
    }

    public TraceOptions Options => TraceOptions.Steps | TraceOptions.Storage;

    public void OnStepDetail(in StepDetail detail)
    {
        if (detail.HasStorage) AddSlot(detail.Contract, detail.StorageKey);
    }

    public void OnStep(int pc, Opcode opcode, long gas, long gasCost, long memorySize, ReadOnlySpan<UInt256> stack, int depth, long refund)
    {
        switch (opcode)
        {
            case Opcode.BALANCE or Opcode.EXTCODESIZE or Opcode.EXTCODECOPY or Opcode.EXTCODEHASH or Opcode.SELFDESTRUCT:
                if (stack.Length >= 1) AddUnlessExcluded(Address.FromWord(in stack[^1]));
                break;
            case Opcode.CALL or Opcode.CALLCODE or Opcode.DELEGATECALL or Opcode.STATICCALL:
                if (stack.Length >= 5) AddUnlessExcluded(Address.FromWord(in stack[^2]));
                break;
        }
    }

    public void OnError(string error)
    {
    }

    public void OnTransactionEnd(ReadOnlySpan<byte> output, long gasUsed, string? error)
    {
    }

    /// <summary>The list in a stable order: addresses ascending, each one's keys ascending.</summary>
    public AccessListItem[] ToList()
    {
        var addresses = new Address[_list.Count];
        _list.Keys.CopyTo(addresses, 0);
        Array.Sort(addresses);
        var items = new AccessListItem[addresses.Length];
        for (int i = 0; i < addresses.Length; i++)
        {
            HashSet<UInt256> slots = _list[addresses[i]];
            var keys = new UInt256[slots.Count];
            slots.CopyTo(keys);
            Array.Sort(keys);
            items[i] = new AccessListItem(addresses[i], keys);
        }
        return items;
    }

    /// <summary>Same accounts with the same slots.</summary>
    public bool SameAs(AccessListTracer other)
    {
        if (_list.Count != other._list.Count) return false;
        foreach ((Address address, HashSet<UInt256> slots) in _list)
        {
            if (!other._list.TryGetValue(address, out HashSet<UInt256>? otherSlots) || !slots.SetEquals(otherSlots)) return false;
        }
        return true;
    }

    private void AddUnlessExcluded(Address address)
    {
        if (!_excluded.Contains(address)) AddAddress(address);
    }

    private HashSet<UInt256> AddAddress(Address address)
    {
        if (!_list.TryGetValue(address, out HashSet<UInt256>? slots))
        {
            slots = [];
            _list.Add(address, slots);
        }
        return slots;
    }

    private void AddSlot(Address address, UInt256 key) => AddAddress(address).Add(key);
}
