using OasisEth.Primitives;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    public IReadOnlyList<StoredLog> GetLogs(LogFilter filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ThrowIfDisposed();
        var result = new List<StoredLog>();
        if (filter.BlockHash is { } hash)
        {
            BlockHeader header = GetHeader(hash) ?? throw new ChainQueryException($"unknown block {hash}");
            CollectLogs(header.Number, header.LogsBloom, filter, limit, result);
            return result;
        }

        ulong head = _head.Number;
        if (filter.FromBlock > filter.ToBlock)
            throw new ChainQueryException($"invalid block range: fromBlock {filter.FromBlock} is after toBlock {filter.ToBlock}");
        if (filter.FromBlock > head) return result;
        ulong to = Math.Min(filter.ToBlock, head);
        if (to - filter.FromBlock >= _options.MaxLogBlockRange)
            throw new ChainQueryException($"block range too large: {to - filter.FromBlock + 1} blocks, at most {_options.MaxLogBlockRange} per query");

        for (ulong n = filter.FromBlock; ; n++)
        {
            // Blocks without logs have no bloom record: one filter-backed miss each.
            byte[]? bloom = _store.GetAux(ChainKeys.ByNumber(ChainKeys.LogsBloom, n));
            if (bloom is not null) CollectLogs(n, bloom, filter, limit, result);
            if (n == to) break;
        }
        return result;
    }

    private void CollectLogs(ulong number, byte[] bloom, LogFilter filter, int limit, List<StoredLog> result)
    {
        if (!BloomMatches(bloom, filter)) return;
        IReadOnlyList<StoredReceipt>? receipts = LoadReceipts(number);
        if (receipts is null) return;
        foreach (StoredReceipt receipt in receipts)
        {
            foreach (StoredLog log in receipt.Logs)
            {
                if (!Matches(log, filter)) continue;
                if (result.Count >= limit)
                    throw new ChainQueryException($"query returned more than {limit} results; narrow the block range or the filter");
                result.Add(log);
            }
        }
    }

    /// <summary>False when the bloom proves no log of the block can match (some address and, per topic position,
    /// some listed topic must be in it).</summary>
    private static bool BloomMatches(byte[] bloom, LogFilter filter)
    {
        if (filter.Addresses.Count > 0)
        {
            bool any = false;
            foreach (Address address in filter.Addresses)
            {
                if (LogsBloom.MayContain(bloom, address.Bytes)) { any = true; break; }
            }
            if (!any) return false;
        }
        foreach (IReadOnlyList<Hash256>? position in filter.Topics)
        {
            if (position is null || position.Count == 0) continue;
            bool any = false;
            foreach (Hash256 topic in position)
            {
                if (LogsBloom.MayContain(bloom, topic.Bytes)) { any = true; break; }
            }
            if (!any) return false;
        }
        return true;
    }

    /// <summary>
    /// The exact filter: an address among <see cref="LogFilter.Addresses"/> (if any), and at each topic position
    /// a wildcard (null/empty) or one of the listed topics. Like geth, a log with fewer topics than the filter
    /// has positions never matches, wildcards included.
    /// </summary>
    internal static bool Matches(StoredLog log, LogFilter filter)
    {
        if (filter.Addresses.Count > 0)
        {
            bool any = false;
            foreach (Address address in filter.Addresses)
            {
                if (address == log.Address) { any = true; break; }
            }
            if (!any) return false;
        }
        if (filter.Topics.Count > log.Topics.Length) return false;
        for (int i = 0; i < filter.Topics.Count; i++)
        {
            IReadOnlyList<Hash256>? position = filter.Topics[i];
            if (position is null || position.Count == 0) continue;
            bool any = false;
            foreach (Hash256 topic in position)
            {
                if (topic == log.Topics[i]) { any = true; break; }
            }
            if (!any) return false;
        }
        return true;
    }
}
