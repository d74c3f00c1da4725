using OasisEth.Primitives;

namespace OasisEth.Host.Storage;

/// <summary>
/// A bounded, thread-safe cache of verified MKVS nodes keyed by hash (stored form, as <c>MkvsTree</c> loads
/// them), shared across rounds and roots. Keyed by hash, a stale entry can never yield a wrong root: a node is
/// only ever found for the hash it hashes to. Least recently used entries go first once
/// <see cref="MaxBytes"/> is exceeded. Lookup order never reaches consensus output.
/// </summary>
public sealed class NodeCache
{
    /// <summary>256 MiB: room for a few hundred thousand nodes.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    private const int EntryOverhead = 96;

    private readonly Lock _lock = new();
    private readonly Dictionary<Hash256, LinkedListNode<(Hash256 Hash, byte[] Data)>> _map = [];
    private readonly LinkedList<(Hash256 Hash, byte[] Data)> _lru = new();
    private long _bytes;

    public NodeCache(long maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        MaxBytes = maxBytes;
    }

    public long MaxBytes { get; }

    public int Count
    {
        get { lock (_lock) return _map.Count; }
    }

    public long Bytes
    {
        get { lock (_lock) return _bytes; }
    }

    public bool TryGet(in Hash256 hash, out byte[] data)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(hash, out var entry))
            {
                _lru.Remove(entry);
                _lru.AddFirst(entry);
                data = entry.Value.Data;
                return true;
            }
        }
        data = [];
        return false;
    }

    /// <summary>Adds a node the caller has verified hashes to <paramref name="hash"/>.</summary>
    public void Add(in Hash256 hash, byte[] data)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(hash, out var existing))
            {
                _lru.Remove(existing);
                _lru.AddFirst(existing);
                return;
            }
            _map[hash] = _lru.AddFirst((hash, data));
            _bytes += data.Length + EntryOverhead;
            while (_bytes > MaxBytes && _lru.Last is { } last)
            {
                _lru.RemoveLast();
                _map.Remove(last.Value.Hash);
                _bytes -= last.Value.Data.Length + EntryOverhead;
            }
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _map.Clear();
            _lru.Clear();
            _bytes = 0;
        }
    }
}
