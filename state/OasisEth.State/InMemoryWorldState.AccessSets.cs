using OasisEth.Primitives;

namespace OasisEth.State;

public sealed partial class InMemoryWorldState
{
    private readonly HashSet<Address> _warmAccounts = [];
    private readonly HashSet<StorageCell> _warmSlots = [];
    private readonly HashSet<Address> _touched = [];
    private readonly HashSet<Address> _selfDestructed = [];
    private readonly HashSet<Address> _created = [];
    private List<LogEntry> _logs = [];

    public bool WarmUpAccount(in Address address)
    {
        if (!_warmAccounts.Add(address)) return false;
        Push(JournalKind.WarmAccount, address);
        return true;
    }

    public bool WarmUpStorage(in Address address, in UInt256 key)
    {
        if (!_warmSlots.Add(new StorageCell(address, key))) return false;
        Push(JournalKind.WarmSlot, address).Key = key;
        return true;
    }

    public bool IsWarm(in Address address) => _warmAccounts.Contains(address);

    public void AddLog(LogEntry log)
    {
        ArgumentNullException.ThrowIfNull(log);
        _logs.Add(log);
        Push(JournalKind.Log, log.Address);
    }

    public IReadOnlyList<LogEntry> Logs => _logs;

    public void MarkSelfDestructed(in Address address)
    {
        if (_selfDestructed.Add(address)) Push(JournalKind.SelfDestructed, address);
    }

    public bool IsSelfDestructed(in Address address) => _selfDestructed.Contains(address);
}
