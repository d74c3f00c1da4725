namespace OasisEth.State.Mkvs;

/// <summary>
/// A bounded least-recently-used map: at most <c>maxEntries</c> entries and <c>maxWeight</c> total weight
/// (1 per entry unless the caller weighs them, as the code cache does by length). Entries live in parallel
/// arrays linked by index, grown by doubling up to the bound, so a hit or an update allocates nothing and
/// evicting the oldest entry is O(1). Not thread-safe.
/// </summary>
internal sealed class LruCache<TKey, TValue> where TKey : notnull, IEquatable<TKey>
{
    private const int None = -1;

    private readonly int _maxEntries;
    private readonly long _maxWeight;
    private readonly Dictionary<TKey, int> _index;
    private TKey[] _keys;
    private TValue[] _values;
    private int[] _weights;
    private int[] _prev;
    private int[] _next;
    private int _head = None; // most recently used
    private int _tail = None; // least recently used
    private int _free = None; // chain of unused slots through _next
    private int _used;        // slots ever handed out (the rest of the arrays are fresh)
    private long _weight;

    public LruCache(int maxEntries, long maxWeight = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWeight, 1);
        _maxEntries = maxEntries;
        _maxWeight = maxWeight;
        int initial = Math.Min(maxEntries, 1024);
        _index = new Dictionary<TKey, int>(initial);
        _keys = new TKey[initial];
        _values = new TValue[initial];
        _weights = new int[initial];
        _prev = new int[initial];
        _next = new int[initial];
    }

    public int Count => _index.Count;
    public long Weight => _weight;

    public bool TryGet(in TKey key, out TValue value)
    {
        if (_index.TryGetValue(key, out int i))
        {
            MoveToFront(i);
            value = _values[i];
            return true;
        }
        value = default!;
        return false;
    }

    /// <summary>A reference to a cached value, to update it in place (no recency change); null ref when absent.</summary>
    public ref TValue Peek(in TKey key, out bool found)
    {
        if (_index.TryGetValue(key, out int i))
        {
            found = true;
            return ref _values[i];
        }
        found = false;
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<TValue>();
    }

    /// <summary>Adds or replaces; evicts the least recently used entries to stay in bounds. An entry heavier than the whole budget is not kept.</summary>
    public void Set(in TKey key, in TValue value, int weight = 1)
    {
        if (weight > _maxWeight)
        {
            Remove(key);
            return;
        }
        if (_index.TryGetValue(key, out int i))
        {
            _weight += weight - _weights[i];
            _values[i] = value;
            _weights[i] = weight;
            MoveToFront(i);
            while (_weight > _maxWeight) RemoveAt(_tail); // never reaches i: it alone fits
            return;
        }
        while (_index.Count >= _maxEntries || _weight + weight > _maxWeight) RemoveAt(_tail);
        i = Allocate();
        _keys[i] = key;
        _values[i] = value;
        _weights[i] = weight;
        _weight += weight;
        _index.Add(key, i);
        LinkFront(i);
    }

    public bool Remove(in TKey key)
    {
        if (!_index.TryGetValue(key, out int i)) return false;
        RemoveAt(i);
        return true;
    }

    public void Clear()
    {
        _index.Clear();
        Array.Clear(_keys);
        Array.Clear(_values);
        _head = _tail = _free = None;
        _used = 0;
        _weight = 0;
    }

    private int Allocate()
    {
        if (_free != None)
        {
            int slot = _free;
            _free = _next[slot];
            return slot;
        }
        if (_used == _keys.Length)
        {
            int size = (int)Math.Min((long)_keys.Length * 2, _maxEntries);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _values, size);
            Array.Resize(ref _weights, size);
            Array.Resize(ref _prev, size);
            Array.Resize(ref _next, size);
        }
        return _used++;
    }

    private void RemoveAt(int i)
    {
        _index.Remove(_keys[i]);
        Unlink(i);
        _weight -= _weights[i];
        _keys[i] = default!;
        _values[i] = default!; // drop references (code arrays) for the GC
        _next[i] = _free;
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
        _prev[i] = None;
        _next[i] = _head;
        if (_head != None) _prev[_head] = i;
        _head = i;
        if (_tail == None) _tail = i;
    }

    private void Unlink(int i)
    {
        int p = _prev[i], n = _next[i];
        if (p != None) _next[p] = n; else _head = n;
        if (n != None) _prev[n] = p; else _tail = p;
    }
}
