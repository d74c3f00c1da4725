using OasisEth.Evm.Compiler;
using OasisEth.Store.Rocks;

namespace OasisEth.Executor;

/// <summary>Tuning of a <see cref="Chain"/>; the defaults suit a node. Nothing here changes consensus results.</summary>
public sealed record ChainOptions
{
    /// <summary>Rounds of state kept readable (eth_call at a past block, traces); older state is pruned.</summary>
    public int KeptRounds { get; init; } = NodeStore.DefaultKeptRounds;

    /// <summary>fsync every round's commit (a round reported committed survives a power cut). Tests and
    /// benchmarks may turn it off: a process kill still never loses or tears a round.</summary>
    public bool SyncCommits { get; init; } = true;

    /// <summary>Bytes of the node store's managed node cache.</summary>
    public long NodeCacheBytes { get; init; } = 64L << 20;

    /// <summary>RocksDB block cache of the node store (<see cref="NodeStoreOptions.BlockCacheBytes"/>).</summary>
    public long BlockCacheBytes { get; init; } = 128L << 20;

    /// <summary>Memtable size of the store's nodes family (<see cref="NodeStoreOptions.WriteBufferBytes"/>).</summary>
    public long WriteBufferBytes { get; init; } = 64L << 20;

    /// <summary>Recent blocks kept decoded in memory (their transactions and receipts), so RPC reads of the
    /// chain's tip need no signature recovery.</summary>
    public int RecentBlocks { get; init; } = 64;

    /// <summary>Older blocks than <see cref="RecentBlocks"/> stay decoded in memory while all kept blocks hold at most this
    /// many transactions (a chain of small blocks keeps many; 0 = only <see cref="RecentBlocks"/>).</summary>
    public int RecentTransactions { get; init; } = 8_192;

    /// <summary>The writer's state tree keeps every node it loaded; it is reopened from the store after this many
    /// rounds so its memory stays bounded by what recent rounds touched.</summary>
    public int TreeReopenInterval { get; init; } = 64;

    /// <summary>Transactions that passed CheckTx kept decoded (senders recovered) for the round that includes them.</summary>
    public int CheckedTransactionCache { get; init; } = 65_536;

    /// <summary>Read the latest state through a cache of decoded accounts, slots and code brought forward by each
    /// round (<c>CachingStateReader</c>). Off only to compare against the plain path (tests, benchmarks).</summary>
    public bool LatestStateCache { get; init; } = true;

    /// <summary>Largest block range one <see cref="IChain.GetLogs"/> call may scan.</summary>
    public ulong MaxLogBlockRange { get; init; } = 100_000;

    /// <summary>The EVM tier blocks, calls and estimates run on (<c>--evm-tier</c>); traces always run interpreted.</summary>
    public EvmTier EvmTier { get; init; } = EvmTier.Interpreter;

    /// <summary>The OETH supply rules; tests may replace them, a node never does.</summary>
    internal ISupplyRules? SupplyRules { get; init; }
}
