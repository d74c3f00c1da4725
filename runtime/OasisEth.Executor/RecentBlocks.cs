namespace OasisEth.Executor;

/// <summary>A block with its decoded transactions and receipts, as the round produced it.</summary>
internal sealed record CachedBlock(Block Block, IReadOnlyList<StoredReceipt> Receipts);

/// <summary>
/// The last committed blocks, decoded (senders recovered, receipts built), so RPC reads near the tip need no
/// signature recovery or record decoding. Thread-safe; the writer adds and trims, readers look up.
/// </summary>
/// <remarks>
/// The last <c>blocks</c> blocks are always kept; older ones stay while the cache holds at most
/// <c>transactions</c> transactions. A chain of small blocks (an automining dev node under load: a few transactions
/// a block) then keeps thousands of blocks for the same memory as a few full ones: a client that polls receipts
/// after sending a burst (every load test, every deploy script) used to find most blocks already evicted, and each
/// receipt cost reading and decoding its whole block again.
/// </remarks>
internal sealed class RecentBlocks(int blocks, int transactions = 0)
{
    private readonly Dictionary<ulong, CachedBlock> _blocks = [];
    private readonly Queue<CachedBlock> _order = new();
    private readonly Lock _lock = new();
    private long _held;

    public void Add(CachedBlock block)
    {
        if (blocks <= 0) return;
        ulong number = block.Block.Header.Number;
        lock (_lock)
        {
            if (_blocks.Remove(number, out CachedBlock? replaced)) Forget(replaced);
            _blocks[number] = block;
            _order.Enqueue(block);
            _held += block.Block.Transactions.Count;
            while (_order.Count > blocks && (_held > transactions || _order.Count > MaxBlocks))
            {
                CachedBlock oldest = _order.Dequeue();
                ulong n = oldest.Block.Header.Number;
                if (_blocks.TryGetValue(n, out CachedBlock? current) && ReferenceEquals(current, oldest))
                {
                    _blocks.Remove(n);
                    _held -= oldest.Block.Transactions.Count;
                }
            }
        }
    }

    /// <summary>Most blocks kept however small they are, so the cache's own bookkeeping stays bounded.</summary>
    private const int MaxBlocks = 16_384;

    /// <summary>A block replaced under its number (never by the writer: a rollback clears first) leaves a stale entry in
    /// the order queue; it is skipped when it reaches the front.</summary>
    private void Forget(CachedBlock replaced) => _held -= replaced.Block.Transactions.Count;

    public CachedBlock? TryGet(ulong number)
    {
        lock (_lock) return _blocks.GetValueOrDefault(number);
    }

    public void Clear()
    {
        lock (_lock)
        {
            _blocks.Clear();
            _order.Clear();
            _held = 0;
        }
    }
}
