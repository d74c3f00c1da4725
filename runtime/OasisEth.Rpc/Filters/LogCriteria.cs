using System.Text.Json;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// The address and topic part of a log filter (eth_getLogs, eth_newFilter, the logs subscription): addresses empty =
/// any; topic position i null/empty = any, else one of the listed values. Matched in memory against new blocks'
/// logs; turned into a <see cref="LogFilter"/> for chain queries.
/// </summary>
internal sealed class LogCriteria
{
    public const int MaxTopics = 4;
    /// <summary>More alternatives than any real client sends; bounds the work one filter can ask for.</summary>
    public const int MaxAlternatives = 1000;

    public IReadOnlyList<Address> Addresses { get; init; } = [];
    public IReadOnlyList<IReadOnlyList<Hash256>?> Topics { get; init; } = [];

    public bool Matches(StoredLog log)
    {
        if (Addresses.Count > 0)
        {
            bool found = false;
            foreach (Address a in Addresses)
                if (a == log.Address) { found = true; break; }
            if (!found) return false;
        }
        if (Topics.Count > log.Topics.Length)
        {
            // A position that constrains a topic the log does not have cannot match.
            for (int i = log.Topics.Length; i < Topics.Count; i++)
                if (Topics[i] is { Count: > 0 }) return false;
        }
        for (int i = 0; i < Topics.Count && i < log.Topics.Length; i++)
        {
            if (Topics[i] is not { Count: > 0 } options) continue;
            bool found = false;
            foreach (Hash256 t in options)
                if (t == log.Topics[i]) { found = true; break; }
            if (!found) return false;
        }
        return true;
    }

    public LogFilter ToFilter(ulong from, ulong to) => new() { FromBlock = from, ToBlock = to, Addresses = Addresses, Topics = Topics };

    public LogFilter ToFilter(Hash256 blockHash) => new() { BlockHash = blockHash, Addresses = Addresses, Topics = Topics };

    /// <summary>Reads "address" and "topics" of a filter object.</summary>
    public static LogCriteria Parse(JsonElement obj, string where)
    {
        var addresses = new List<Address>();
        if (RpcValues.Member(obj, "address") is { } address)
        {
            if (address.ValueKind == JsonValueKind.Array)
            {
                if (address.GetArrayLength() > MaxAlternatives) throw RpcException.InvalidParams($"{where}: too many addresses");
                foreach (JsonElement a in address.EnumerateArray()) addresses.Add(RpcValues.Address(a, where + ": address"));
            }
            else
            {
                addresses.Add(RpcValues.Address(address, where + ": address"));
            }
        }
        var topics = new List<IReadOnlyList<Hash256>?>();
        if (RpcValues.Member(obj, "topics") is { } topicsElement)
        {
            if (topicsElement.ValueKind != JsonValueKind.Array) throw RpcException.InvalidParams($"{where}: topics must be an array");
            if (topicsElement.GetArrayLength() > MaxTopics) throw RpcException.InvalidParams($"{where}: too many topics (at most {MaxTopics})");
            foreach (JsonElement position in topicsElement.EnumerateArray())
            {
                switch (position.ValueKind)
                {
                    case JsonValueKind.Null:
                        topics.Add(null);
                        break;
                    case JsonValueKind.String:
                        topics.Add([RpcValues.Hash(position, where + ": topic")]);
                        break;
                    case JsonValueKind.Array:
                        if (position.GetArrayLength() > MaxAlternatives) throw RpcException.InvalidParams($"{where}: too many topic alternatives");
                        var options = new List<Hash256>();
                        bool any = false;
                        foreach (JsonElement t in position.EnumerateArray())
                        {
                            // A null inside a position's list means "any" (geth accepts it).
                            if (t.ValueKind == JsonValueKind.Null) any = true;
                            else options.Add(RpcValues.Hash(t, where + ": topic"));
                        }
                        topics.Add(any ? null : options);
                        break;
                    default:
                        throw RpcException.InvalidParams($"{where}: a topic must be null, a hash or an array of hashes");
                }
            }
        }
        return new LogCriteria { Addresses = addresses, Topics = topics };
    }
}
