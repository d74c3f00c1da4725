using OasisEth.Primitives;

namespace OasisEth.Store.Rocks;

/// <summary>
/// A bounded LRU of encoded nodes by hash, in front of RocksDB reads, so the hot top of the tree and hot
/// accounts/slots are served without a native call, a copy and a block-cache lookup. Bounded by the bytes it
/// holds (values plus a fixed per-entry overhead), not by count, because leaves vary from ~40 bytes to
/// kilobytes of contract storage. Entries live in one array linked by indices (no per-entry objects besides
/// the value arrays the store hands out anyway). Thread-safe with one lock: every operation is O(1) and
/// short, so a lock is cheaper than a concurrent structure here.
/// </summary>
internal sealed class NodeCache
{
    /// <summary>Approximate bookkeeping per entry: slot struct, dictionary entry, array header.</summary>
    private const int EntryOverhead = 96;
    private const int None = -1;

    private struct Slot
    {
        public Hash256 Key;
        public byte[]? Value;
        public int Prev;
        public int Next;
    }

    private readonly Lock _lock = new();
    private readonly Dictionary<Hash256, int> _index;
    private Slot[] _slots;
    private int _count;
    private int _free = None;
    private int _head = None; // most recently used
    private int _tail = None; // least recently used
    private long _bytes;
    private long _hits;
    private long _misses;

    public NodeCache(long capacityBytes)
    {
        CapacityBytes = capacityBytes;
        _index = new Dictionary<Hash256, int>();
        _slots = new Slot[64];
    }

    public long CapacityBytes { get; }
    public long Bytes { get { lock (_lock) return _bytes; } }
    public int Count { get { lock (_lock) return _index.Count; } }
    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);

    public bool TryGet(in Hash256 key, out byte[]? value)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out int i))
            {
                MoveToFront(i);
                value = _slots[i].Value;
                _hits++;
                return true;
            }
        }
        Interlocked.Increment(ref _misses);
        value = null;
        return false;
    }

    /// <summary>Adds or refreshes an entry; values larger than a quarter of the cache are not kept.</summary>
    public void Set(in Hash256 key, byte[] value)
    {
        long size = value.Length + EntryOverhead;
        if (size > CapacityBytes / 4) return;
        lock (_lock)
        {
            if (_index.TryGetValue(key, out int existing))
            {
                // Content-addressed: same hash, same bytes; only the recency changes.
                MoveToFront(existing);
                return;
            }
            while (_bytes + size > CapacityBytes && _tail != None) RemoveAt(_tail);
            int i = Allocate();
            ref var slot = ref _slots[i];
            slot.Key = key;
            slot.Value = value;
            LinkFront(i);
            _index.Add(key, i);
            _bytes += size;
        }
    }

    public void Remove(in Hash256 key)
    {
        lock (_lock)
        {
            if (_index.TryGetValue(key, out int i)) RemoveAt(i);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _index.Clear();
            Array.Clear(_slots);
            _count = 0;
            _free = _head = _tail = None;
            _bytes = 0;
        }
    }

    private int Allocate()
    {
        if (_free != None)
        {
            int f = _free;
            _free = _slots[f].Next;
            return f;
        }
        if (_count == _slots.Length) Array.Resize(ref _slots, _slots.Length * 2);
        return _count++;
    }

    private void RemoveAt(int i)
    {
        ref var slot = ref _slots[i];
        _index.Remove(slot.Key);
        _bytes -= slot.Value!.Length + EntryOverhead;
        Unlink(i);
        slot.Value = null;
        slot.Next = _free;
        _free = i;
    }

    private void MoveToFront(int i)
    {
        if (_head == i) return;
        Unlink(i);
        LinkFront(i);
    }

    private void LinkFront(int i)
    {
        ref var slot = ref _slots[i];
        slot.Prev = None;
        slot.Next = _head;
        if (_head != None) _slots[_head].Prev = i;
        _head = i;
        if (_tail == None) _tail = i;
    }

    private void Unlink(int i)
    {
        ref var slot = ref _slots[i];
        if (slot.Prev != None) _slots[slot.Prev].Next = slot.Next;
        else _head = slot.Next;
        if (slot.Next != None) _slots[slot.Next].Prev = slot.Prev;
        else _tail = slot.Prev;
        slot.Prev = slot.Next = None;
    }
}
