using System.Formats.Cbor;
using OasisEth.Host.Cbor;

namespace OasisEth.ParaTime;

/// <summary>
/// Node-local settings, from <c>RuntimeInfoRequest.local_config</c> (the node's YAML <c>runtime.runtimes[].config</c>:
/// the only way to reach a sandboxed runtime). The batch limits must equal the registry descriptor's
/// <c>txn_scheduler</c> (a proposal beyond them is a protocol violation to the other executors); none of these
/// changes what a given batch computes.
/// </summary>
public sealed record RuntimeSettings
{
    /// <summary>Transactions the host sends in a Schedule-mode request (schedule control); oasis-sdk uses 50.</summary>
    public uint InitialBatchSize { get; init; } = 50;

    /// <summary>Descriptor <c>txn_scheduler.max_batch_size</c>.</summary>
    public uint MaxBatchSize { get; init; } = 1000;

    /// <summary>Descriptor <c>txn_scheduler.max_batch_size_bytes</c>; the default keeps every frame under 16 MiB.</summary>
    public ulong MaxBatchSizeBytes { get; init; } = 4UL << 20;

    /// <summary>Bound of the in-memory node cache (verified MKVS nodes, by hash).</summary>
    public long NodeCacheBytes { get; init; } = 256L << 20;

    /// <summary>Reads the known keys of <paramref name="localConfig"/> (CBOR values by key); unknown keys are ignored,
    /// a known key of the wrong type or range is an error naming it.</summary>
    public static RuntimeSettings From(IReadOnlyDictionary<string, byte[]> localConfig)
    {
        var s = new RuntimeSettings();
        foreach (var (key, value) in localConfig)
        {
            switch (key)
            {
                case "initial_batch_size": s = s with { InitialBatchSize = (uint)Positive(key, value, uint.MaxValue) }; break;
                case "max_batch_size": s = s with { MaxBatchSize = (uint)Positive(key, value, uint.MaxValue) }; break;
                case "max_batch_size_bytes": s = s with { MaxBatchSizeBytes = Positive(key, value, ulong.MaxValue) }; break;
                case "node_cache_bytes": s = s with { NodeCacheBytes = (long)Positive(key, value, long.MaxValue) }; break;
            }
        }
        return s;
    }

    private static ulong Positive(string key, byte[] cbor, ulong max)
    {
        try
        {
            CborReader r = CborIn.Reader(cbor);
            ulong v = r.ReadUInt64();
            if (v == 0 || v > max) throw new FormatException($"local_config.{key} must be between 1 and {max}, got {v}.");
            return v;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"local_config.{key} must be a positive integer ({e.Message}).", e);
        }
    }
}
