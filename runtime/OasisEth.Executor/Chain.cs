using System.Collections.Concurrent;
using OasisEth.Evm;
using OasisEth.Transactions;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State.Mkvs;
using OasisEth.Store.Rocks;

namespace OasisEth.Executor;

/// <summary>
/// The chain on one data directory: a RocksDB <see cref="NodeStore"/> holding the MKVS state of the last kept rounds
/// and, in the same atomic round batches, the blocks, transactions, receipts and their indexes (<see cref="ChainKeys"/>).
/// One writer (<see cref="ExecuteRound"/>, <see cref="RollbackTo"/>, serialised by a lock) and any number of
/// concurrent readers; <see cref="Head"/> moves only after a round's batch is durable. See docs/executor.md.
/// </summary>
public sealed partial class Chain : IChain, IForkChain
{
    /// <summary>Replaced only by <see cref="Reset"/> (anvil_reset), under the write lock.</summary>
    private volatile NodeStore _store;
    private readonly ChainOptions _options;
    private readonly ISupplyRules _rules;
    private readonly RecentBlocks _recent;
    private readonly DecodedTransactions _checked;
    private readonly Lock _writeLock = new();
    private readonly CallSimulator _calls;
    private readonly RoundExecutor _rounds;
    private readonly ulong _chainId;
    private volatile BlockHeader _head;
    private volatile bool _disposed;

    /// <summary>The writer's tree at the head (null: reopen from the store before the next round).</summary>
    private MkvsTree? _tree;
    private MkvsStateReader? _treeReader;
    private int _roundsOnTree;

    /// <summary>Decoded accounts, slots and code of the latest state in front of the writer's tree, brought
    /// forward by each committed round (the next round's hot state is read from memory).</summary>
    private CachingStateReader? _latest;

    private Chain(string dataDir, GenesisConfig genesis, ChainOptions options, NodeStore store, BlockHeader head, ForkSource? fork)
    {
        _forkLayer = fork is null ? null : new ForkStateLayer(fork);
        _startFork = fork is null ? null : new ForkConfig(fork.Point.Url, fork.Point.Number);
        DataDirectory = dataDir;
        Genesis = genesis;
        _options = options;
        _store = store;
        _rules = options.SupplyRules ?? OethSupplyRules.Instance;
        _recent = new RecentBlocks(options.RecentBlocks, options.RecentTransactions);
        _checked = new DecodedTransactions(options.CheckedTransactionCache);
        _chainId = genesis.ChainId;
        Engines = new EvmEngines(options.EvmTier);
        _rounds = new RoundExecutor(genesis, _rules, Engines);
        _calls = new CallSimulator(genesis, _rules, Engines);
        _head = head;
    }

    public string DataDirectory { get; }

    /// <summary>The EVM tier rounds and calls run on, and its compiled code (tests look at what was compiled).</summary>
    internal EvmEngines Engines { get; }

    public GenesisConfig Genesis { get; }

    public BlockHeader Head => _head;

    /// <summary>The oldest block whose state is still kept (calls, traces and state views reach back to it).</summary>
    public ulong OldestStateBlock => _store.FirstRound ?? 0;

    /// <summary>RPC executions (calls, estimates, access lists, traces) running right now: for monitoring, and the
    /// proof in tests that a timed-out call stopped rather than ran on in the background.</summary>
    public int RunningCalls => _calls.RunningCalls;

    /// <summary>The block environment of a stored block (re-execution in traces): the coinbase is the header's (the
    /// OETH fee collector, unless a dev node's anvil_setCoinbase chose another), PREVRANDAO is the header's mix hash (the parent block's hash: deterministic, not random), BLOCKHASH
    /// reads the stored headers.</summary>
    private BlockContext BlockContextOf(BlockHeader header) => new()
    {
        Coinbase = header.Coinbase,
        Number = header.Number,
        Timestamp = header.Timestamp,
        GasLimit = header.GasLimit,
        BaseFee = header.BaseFee,
        PrevRandao = header.MixHash.ToWord(),
        ChainId = _chainId,
        BlockHash = BlockHashOf,
    };

    public void Dispose()
    {
        lock (_writeLock)
        {
            if (_disposed) return;
            _disposed = true;
            _store.Dispose();
            _forkLayer?.Source.Dispose();
        }
    }

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new ObjectDisposedException($"Chain({DataDirectory})");
    }
}
