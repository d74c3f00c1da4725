using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Polled filters (eth_newFilter, eth_newBlockFilter, eth_newPendingTransactionFilter). Log and block filters keep
/// the last block they reported and read the chain on each poll; pending-transaction filters collect hashes as the
/// pool admits them. A filter not polled for <see cref="RpcLimits.FilterTimeout"/> is dropped, as geth does.
/// </summary>
internal sealed class FilterStore(RpcLimits limits, Func<DateTime> clock)
{
    public enum Kind { Logs, Blocks, PendingTransactions }

    /// <summary>Pending hashes one filter keeps between polls (older ones are dropped first).</summary>
    private const int MaxPendingPerFilter = 10_000;

    public sealed class Filter(Kind kind, ulong lastBlock)
    {
        public Kind Kind { get; } = kind;
        public LogCriteria? Criteria { get; init; }
        /// <summary>Log filters: the range asked for (null ends follow the head).</summary>
        public ulong? FromBlock { get; init; }
        public ulong? ToBlock { get; init; }
        /// <summary>The newest block already reported (log and block filters).</summary>
        public ulong LastBlock { get; set; } = lastBlock;
        public Queue<Hash256> Pending { get; } = new();
        public DateTime LastPoll { get; set; }
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Filter> _filters = new(StringComparer.Ordinal);

    public string Add(Filter filter)
    {
        lock (_lock)
        {
            Expire();
            if (_filters.Count >= limits.MaxFilters)
                throw new RpcException(RpcErrorCodes.LimitExceeded, $"too many filters installed (limit {limits.MaxFilters})");
            string id = NewId();
            filter.LastPoll = clock();
            _filters[id] = filter;
            return id;
        }
    }

    /// <summary>Runs <paramref name="use"/> on the filter under the store's lock (polls are short: one range read).</summary>
    public bool TryUse(string id, Action<Filter> use)
    {
        lock (_lock)
        {
            Expire();
            if (!_filters.TryGetValue(NormalizeId(id), out Filter? filter)) return false;
            filter.LastPoll = clock();
            use(filter);
            return true;
        }
    }

    public bool Remove(string id)
    {
        lock (_lock) return _filters.Remove(NormalizeId(id));
    }

    public void OnPendingTransaction(in Hash256 hash)
    {
        lock (_lock)
        {
            foreach (Filter f in _filters.Values)
            {
                if (f.Kind != Kind.PendingTransactions) continue;
                if (f.Pending.Count >= MaxPendingPerFilter) f.Pending.Dequeue();
                f.Pending.Enqueue(hash);
            }
        }
    }

    /// <summary>After a revert: no filter may point past the new head.</summary>
    public void OnRevert(ulong head)
    {
        lock (_lock)
            foreach (Filter f in _filters.Values)
                if (f.LastBlock > head) f.LastBlock = head;
    }

    private void Expire()
    {
        DateTime now = clock();
        List<string>? old = null;
        foreach ((string id, Filter f) in _filters)
            if (now - f.LastPoll > limits.FilterTimeout) (old ??= []).Add(id);
        if (old is null) return;
        foreach (string id in old) _filters.Remove(id);
    }

    /// <summary>Ids are quantities: "0x0a" and "0xa" name the same filter.</summary>
    private static string NormalizeId(string id) => id.ToLowerInvariant();

    /// <summary>A fresh 128-bit id. From <see cref="Random.Shared"/> (seeded by the OS, not a cryptographic
    /// generator): ids only need not to collide or repeat across restarts, and .NET's cryptographic generator is
    /// OpenSSL on Linux, which cost the dev node ~5 MiB of resident memory for this alone.</summary>
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[0] |= 0x10; // no leading zero digit: the id reads as a minimal quantity
        return Hex.EncodePrefixed(bytes);
    }
}
