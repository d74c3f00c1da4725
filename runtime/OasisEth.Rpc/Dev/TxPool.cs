using OasisEth.Primitives;
using OasisEth.Transactions;

namespace OasisEth.Rpc;

/// <summary>
/// The dev node's mempool: per sender ordered by nonce; a nonce above the sender's next one waits until the gap
/// fills. One lock guards it: RPC threads admit and read, the round driver takes and removes; every operation is
/// short (no chain access under the lock, the caller passes the state nonces in).
/// </summary>
internal sealed class TxPool(int capacity, long maxBytes = long.MaxValue, int maxTransactionBytes = int.MaxValue)
{
    /// <summary>Largest encoded transaction admitted.</summary>
    public int MaxTransactionBytes => maxTransactionBytes;

    private readonly Lock _lock = new();
    private readonly Dictionary<Hash256, PoolTransaction> _byHash = [];
    private readonly Dictionary<Address, SortedList<ulong, PoolTransaction>> _bySender = [];
    private long _sequence;
    private long _bytes;

    /// <summary>Encoded bytes of the pooled transactions.</summary>
    public long Bytes
    {
        get { lock (_lock) return _bytes; }
    }

    public int Count
    {
        get { lock (_lock) return _byHash.Count; }
    }

    /// <summary>Admits a checked transaction; null on success, else the error clients know ("already known",
    /// "replacement transaction underpriced", "txpool is full"). <paramref name="added"/> is the new entry: a round
    /// running on another thread may take it out of the pool before the caller could look it up again.</summary>
    public string? Add(Transactions.Transaction tx, byte[] raw, out PoolTransaction? added, out PoolTransaction? replaced)
    {
        added = null;
        replaced = null;
        lock (_lock)
        {
            if (_byHash.ContainsKey(tx.Hash)) return "already known";
            if (raw.Length > maxTransactionBytes) return $"oversized data: transaction size {raw.Length}, limit {maxTransactionBytes}";
            var entry = new PoolTransaction(tx, raw, ++_sequence);
            if (!_bySender.TryGetValue(tx.Sender, out SortedList<ulong, PoolTransaction>? queue))
            {
                if (_byHash.Count >= capacity) return "txpool is full";
                _bySender[tx.Sender] = queue = new SortedList<ulong, PoolTransaction>();
            }
            else if (queue.TryGetValue(tx.Nonce, out PoolTransaction? old))
            {
                // Same nonce: the newcomer must pay more on both the cap and the tip, else it is refused.
                if (entry.FeeCap <= old.FeeCap || entry.Tip < old.Tip) return "replacement transaction underpriced";
                if (_bytes - old.Raw.Length + raw.Length > maxBytes) return "txpool is full";
                _byHash.Remove(old.Hash);
                _bytes -= old.Raw.Length;
                old.Dropped($"replaced by {tx.Hash}");
                replaced = old;
            }
            else if (_byHash.Count >= capacity)
            {
                return "txpool is full";
            }
            if (replaced is null && _bytes + raw.Length > maxBytes)
            {
                if (queue.Count == 0) _bySender.Remove(tx.Sender);
                return "txpool is full";
            }
            queue[tx.Nonce] = entry;
            _byHash[tx.Hash] = entry;
            _bytes += raw.Length;
            added = entry;
            return null;
        }
    }

    public PoolTransaction? Get(in Hash256 hash)
    {
        lock (_lock) return _byHash.GetValueOrDefault(hash);
    }

    /// <summary>The nonce after the sender's run of consecutive pool transactions starting at <paramref name="stateNonce"/>.</summary>
    public ulong PendingNonce(in Address sender, ulong stateNonce)
    {
        lock (_lock)
        {
            if (!_bySender.TryGetValue(sender, out SortedList<ulong, PoolTransaction>? queue)) return stateNonce;
            ulong next = stateNonce;
            while (queue.ContainsKey(next)) next++;
            return next;
        }
    }

    /// <summary>
    /// The transactions a round can run: each sender's consecutive run from its state nonce, merged across senders in
    /// arrival order, until the block gas limit is reached (a sender whose next transaction does not fit stops there,
    /// keeping its nonce order). The pool is not changed.
    /// </summary>
    public List<PoolTransaction> SelectExecutable(Func<Address, ulong> stateNonce, ulong gasLimit)
    {
        var selected = new List<PoolTransaction>();
        lock (_lock)
        {
            // Heads of each sender's runnable run, ordered by arrival: the oldest runnable transaction goes first.
            var heads = new PriorityQueue<(SortedList<ulong, PoolTransaction> Queue, int Index), long>();
            foreach ((Address sender, SortedList<ulong, PoolTransaction> queue) in _bySender)
            {
                int start = queue.IndexOfKey(stateNonce(sender));
                if (start >= 0) heads.Enqueue((queue, start), queue.Values[start].Sequence);
            }
            ulong gas = 0;
            while (heads.TryDequeue(out (SortedList<ulong, PoolTransaction> Queue, int Index) head, out _))
            {
                PoolTransaction tx = head.Queue.Values[head.Index];
                if (!BlockGas.Fits(tx.Transaction.GasLimit, gasLimit, gas)) continue;
                gas += tx.Transaction.GasLimit;
                selected.Add(tx);
                int next = head.Index + 1;
                if (next < head.Queue.Count && head.Queue.Keys[next] == tx.Nonce + 1)
                    heads.Enqueue((head.Queue, next), head.Queue.Values[next].Sequence);
            }
        }
        return selected;
    }

    public void Remove(in Hash256 hash)
    {
        lock (_lock) RemoveLocked(hash);
    }

    /// <summary>Drops every transaction whose nonce is below its sender's state nonce (mined or made stale).</summary>
    public List<PoolTransaction> RemoveStale(Func<Address, ulong> stateNonce)
    {
        var dropped = new List<PoolTransaction>();
        lock (_lock)
        {
            foreach ((Address sender, SortedList<ulong, PoolTransaction> queue) in _bySender)
            {
                ulong nonce = stateNonce(sender);
                while (queue.Count > 0 && queue.Keys[0] < nonce)
                {
                    dropped.Add(queue.Values[0]);
                    _byHash.Remove(queue.Values[0].Hash);
                    _bytes -= queue.Values[0].Raw.Length;
                    queue.RemoveAt(0);
                }
            }
            RemoveEmptySenders();
        }
        return dropped;
    }

    /// <summary>Empties the pool; every transaction's fate is <paramref name="reason"/>.</summary>
    public void Clear(string reason)
    {
        lock (_lock)
        {
            foreach (PoolTransaction tx in _byHash.Values) tx.Dropped(reason);
            _byHash.Clear();
            _bytes = 0;
            _bySender.Clear();
        }
    }

    /// <summary>
    /// The pool as the txpool_* methods show it, senders in address order: per sender the consecutive run from its
    /// state nonce is pending (a round can take it), the rest waits behind a nonce gap and is queued.
    /// </summary>
    public (List<(Address Sender, List<PoolTransaction> Txs)> Pending, List<(Address Sender, List<PoolTransaction> Txs)> Queued)
        Partition(Func<Address, ulong> stateNonce)
    {
        var pending = new List<(Address, List<PoolTransaction>)>();
        var queued = new List<(Address, List<PoolTransaction>)>();
        lock (_lock)
        {
            var senders = new List<Address>(_bySender.Keys);
            senders.Sort();
            foreach (Address sender in senders)
            {
                SortedList<ulong, PoolTransaction> queue = _bySender[sender];
                ulong next = stateNonce(sender);
                List<PoolTransaction>? run = null, waiting = null;
                foreach ((ulong nonce, PoolTransaction tx) in queue)
                {
                    if (nonce == next) { (run ??= []).Add(tx); next++; }
                    else if (nonce > next) (waiting ??= []).Add(tx);
                }
                if (run is not null) pending.Add((sender, run));
                if (waiting is not null) queued.Add((sender, waiting));
            }
        }
        return (pending, queued);
    }

    /// <summary>Senders with transactions in the pool (a copy).</summary>
    public Address[] Senders()
    {
        lock (_lock) return [.. _bySender.Keys];
    }

    private void RemoveLocked(in Hash256 hash)
    {
        if (!_byHash.Remove(hash, out PoolTransaction? tx)) return;
        _bytes -= tx.Raw.Length;
        if (_bySender.TryGetValue(tx.Sender, out SortedList<ulong, PoolTransaction>? queue)
            && queue.TryGetValue(tx.Nonce, out PoolTransaction? same) && same.Hash == hash)
        {
            queue.Remove(tx.Nonce);
            if (queue.Count == 0) _bySender.Remove(tx.Sender);
        }
    }

    private void RemoveEmptySenders()
    {
        List<Address>? empty = null;
        foreach ((Address sender, SortedList<ulong, PoolTransaction> queue) in _bySender)
            if (queue.Count == 0) (empty ??= []).Add(sender);
        if (empty is null) return;
        foreach (Address sender in empty) _bySender.Remove(sender);
    }
}
