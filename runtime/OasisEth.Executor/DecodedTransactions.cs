using System.Collections.Concurrent;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// Transactions that passed <see cref="Chain.CheckTx"/>, decoded with their senders, by hash (keccak of the raw
/// bytes), so the round that includes them skips the signature recovery the mempool already paid for (it is most
/// of a transfer's cost). Decoding is a pure function of the bytes, the fork and the chain id, so a hit gives exactly
/// what a fresh decode would: the round's result does not depend on what is cached. Bounded, first in first out;
/// thread-safe (RPC threads add, the round writer takes).
/// </summary>
internal sealed class DecodedTransactions(int capacity)
{
    private readonly ConcurrentDictionary<Hash256, Transaction> _byHash = new();
    private readonly ConcurrentQueue<Hash256> _order = new();

    public void Add(Transaction tx)
    {
        if (capacity <= 0 || !_byHash.TryAdd(tx.Hash, tx)) return;
        _order.Enqueue(tx.Hash);
        while (_order.Count > capacity && _order.TryDequeue(out Hash256 old)) _byHash.TryRemove(old, out _);
    }

    /// <summary>The decoded transaction for these bytes, removed from the cache (a transaction is included once).</summary>
    public bool TryTake(ReadOnlySpan<byte> raw, out Transaction? tx)
    {
        tx = null;
        return !_byHash.IsEmpty && _byHash.TryRemove(Keccak.Compute(raw), out tx);
    }

    public void Clear()
    {
        _byHash.Clear();
        _order.Clear();
    }
}
