namespace OasisEth.Executor;

/// <summary>A block with its decoded transactions and receipts, as the round produced it.</summary>
internal sealed record CachedBlock(Block Block, IReadOnlyList<StoredReceipt> Receipts);

/// <summary>
/// The last few committed blocks, decoded (senders recovered, receipts built), so RPC reads near the tip need no
/// signature recovery or record decoding. Thread-safe; the writer adds and trims, readers look up.
/// </summary>
internal sealed class RecentBlocks(int capacity)
{
    private readonly Dictionary<ulong, CachedBlock> _blocks = [];
    private readonly Lock _lock = new();

    public void Add(CachedBlock block)
    {
        if (capacity <= 0) return;
        ulong number = block.Block.Header.Number;
        lock (_lock)
        {
            _blocks[number] = block;
            if (number >= (ulong)capacity) _blocks.Remove(number - (ulong)capacity);
        }
    }

    public CachedBlock? TryGet(ulong number)
    {
        lock (_lock) return _blocks.GetValueOrDefault(number);
    }

    public void Clear()
    {
        lock (_lock) _blocks.Clear();
    }
}
