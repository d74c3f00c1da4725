using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;
using OasisEth.Store.Rocks;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>Sub-directory of the data directory holding the RocksDB node store.</summary>
    public const string StoreDirectoryName = "store";

    /// <summary>
    /// Opens the chain in <paramref name="dataDir"/>. A fresh (missing or empty) directory gets the genesis state
    /// and block 0; an existing one resumes at its last block, after checking it was made with the same genesis
    /// (<see cref="GenesisConfig.Hash"/>): another genesis, or a directory whose records are damaged, is refused
    /// with a <see cref="ChainOpenException"/> naming the directory.
    /// </summary>
    public static Chain Open(string dataDir, GenesisConfig genesis, ChainOptions? options = null) => Open(dataDir, genesis, options, fork: null);

    /// <summary>
    /// <see cref="Open(string, GenesisConfig, ChainOptions?)"/>, forking <paramref name="fork"/>'s node when the
    /// directory is new: the chain's first block is then the remote's fork block and its state the remote's, read
    /// lazily, under the genesis allocations (docs/dev-node.md, "Forking"). A directory made as a fork resumes as
    /// that fork (with <paramref name="fork"/> null too); a plain chain's directory is refused a fork and the
    /// reverse, as another genesis is.
    /// </summary>
    public static Chain Open(string dataDir, GenesisConfig genesis, ChainOptions? options, ForkConfig? fork)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(genesis);
        options ??= new ChainOptions();
        if (options.KeptRounds < 1) throw new ArgumentOutOfRangeException(nameof(options), "KeptRounds must be at least 1.");
        string full = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(full);
        string storePath = Path.Combine(full, StoreDirectoryName);
        if (fork is not null && !NodeStore.WouldCreate(storePath) && !ForkSource.IsFork(full))
            throw new ChainOpenException($"The chain data directory '{full}' holds a dev chain that is not a fork; fork into another --datadir, or --reset.");
        ForkSource? source = ForkSource.Open(full, fork);
        // A new chain's genesis state needs no store: it is built on another core while RocksDB opens (both are
        // mostly cold code at start). The result is the same whichever thread builds it.
        ISupplyRules rules = options.SupplyRules ?? OethSupplyRules.Instance;
        Task<GenesisBlock>? genesisBlock = source is null && NodeStore.WouldCreate(storePath)
            ? Task.Run(() => new RoundExecutor(genesis, rules).BuildGenesis())
            : null;
        try
        {
            NodeStore store = OpenStore(full, options);
            try
            {
                BlockHeader head = InitialHead(full, store, genesis, options, source, genesisBlock);
                return new Chain(full, genesis, options, store, head, source);
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }
        catch
        {
            source?.Dispose();
            throw;
        }
    }

    private static NodeStore OpenStore(string full, ChainOptions options)
    {
        try
        {
            return NodeStore.Open(Path.Combine(full, StoreDirectoryName),
                new NodeStoreOptions
                {
                    SyncCommits = options.SyncCommits, NodeCacheBytes = options.NodeCacheBytes,
                    BlockCacheBytes = options.BlockCacheBytes, WriteBufferBytes = options.WriteBufferBytes,
                });
        }
        catch (NodeStoreException e)
        {
            throw new ChainOpenException($"Cannot open the chain data directory '{full}': {e.Message}", e);
        }
    }

    /// <summary>The head of an opened store: block 0 (or a fork's first block) written when the store is new, else
    /// the stored head, once the genesis record says the store was made with this genesis (and fork).</summary>
    private static BlockHeader InitialHead(string full, NodeStore store, GenesisConfig genesis, ChainOptions options, ForkSource? fork,
        Task<GenesisBlock>? genesisBlock = null)
    {
        ISupplyRules rules = options.SupplyRules ?? OethSupplyRules.Instance;
        Hash256 genesisHash = GenesisRecord(genesis, fork?.Point);
        if (store.LastRound is not { } last)
        {
            return fork is null
                ? WriteGenesis(store, genesisBlock is not null ? genesisBlock.GetAwaiter().GetResult() : new RoundExecutor(genesis, rules).BuildGenesis(), genesisHash)
                : WriteForkBase(store, genesis, rules, fork, genesisHash);
        }
        byte[]? stored = store.GetAux(ChainKeys.GenesisKey);
        if (stored is null || stored.Length != Hash256.Size)
            throw new ChainOpenException($"The chain data directory '{full}' has state but no genesis record; it was not made by this chain (or is damaged).");
        var storedHash = new Hash256(stored);
        if (storedHash != genesisHash)
            throw new ChainOpenException($"The chain data directory '{full}' was created with a different genesis (hash {storedHash}); this genesis hashes to {genesisHash}. Use another directory, or the genesis it was made with.");
        return ReadHeaderRecord(store, last, fork?.Point)
            ?? throw new ChainOpenException($"The chain data directory '{full}' is at round {last} but has no block {last}; it is damaged.");
    }

    /// <summary>What the store's genesis record holds: the genesis hash, and for a fork the hash of it with the fork
    /// block's hash (a fork of another block, or no fork, is another chain).</summary>
    private static Hash256 GenesisRecord(GenesisConfig genesis, ForkPoint? fork)
    {
        if (fork is null) return genesis.Hash;
        var both = new byte[2 * Hash256.Size];
        genesis.Hash.CopyTo(both);
        fork.Hash.CopyTo(both.AsSpan(Hash256.Size));
        return Keccak.Compute(both);
    }

    /// <summary>Round 0: the genesis state (pool and allocations, written by the ledger) and the genesis block.</summary>
    private static BlockHeader WriteGenesis(NodeStore store, GenesisBlock block, Hash256 genesisHash)
    {
        BlockHeader header = block.Header;
        var aux = new List<KeyValuePair<byte[], byte[]?>> { new(ChainKeys.GenesisKey, genesisHash.ToArray()) };
        AddBlockRecords(aux, header, [], []);
        store.CommitRound(0, header.StateRoot, header.Hash, block.Tree.NewNodes, block.WriteLog, aux);
        return header;
    }

    /// <summary>
    /// A fork's first round, numbered as the remote's fork block: the genesis written over the remote's state (the
    /// OETH ledger, and the dev accounts' balances set as the genesis allocates them; their nonces and code stay the
    /// remote's), marked as local (<see cref="ForkShadow"/>), and the head record of the remote block (its parent
    /// hash, timestamp and base fee). The stored header's hash is the remote block's, so the next block's parent
    /// hash is the fork block's hash.
    /// </summary>
    private static BlockHeader WriteForkBase(NodeStore store, GenesisConfig genesis, ISupplyRules rules, ForkSource fork, Hash256 genesisHash)
    {
        ForkPoint point = fork.Point;
        var tree = new MkvsTree();
        var layer = new ForkStateLayer(fork);
        var state = new InMemoryWorldState(layer.Over(tree));
        try
        {
            rules.ApplyGenesis(state, genesis);
        }
        catch (ForkRemoteException e)
        {
            throw new ChainOpenException($"Cannot fork: {e.Message}", e);
        }
        BlockChanges changes = state.CollectChanges();
        MkvsStateWriter.Apply(tree, changes);
        layer.Record(tree, changes);
        BlockHeader unsealed = HeaderCodec.Seal(point.Number, point.ParentHash, point.Timestamp, Hash256.Zero, Hash256.EmptyTrie,
            Hash256.EmptyTrie, new byte[LogsBloom.Size], 0, genesis.GasLimit, point.BaseFee, OethLedger.FeeCollector, Hash256.Zero, [],
            length => HeaderCodec.BlockSize(length, []));
        tree.Insert(ChainRecords.HeadKey, ChainRecords.EncodeHead(unsealed));
        var (root, writeLog) = tree.Commit();
        BlockHeader header = ChainRecords.ReadHead(tree, root)! with { Hash = point.Hash };
        var aux = new List<KeyValuePair<byte[], byte[]?>> { new(ChainKeys.GenesisKey, genesisHash.ToArray()) };
        AddBlockRecords(aux, header, [], []);
        store.CommitRound(point.Number, root, header.Hash, tree.NewNodes, writeLog, aux);
        return header;
    }
}
