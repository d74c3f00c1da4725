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
    public static Chain Open(string dataDir, GenesisConfig genesis, ChainOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(genesis);
        options ??= new ChainOptions();
        if (options.KeptRounds < 1) throw new ArgumentOutOfRangeException(nameof(options), "KeptRounds must be at least 1.");
        string full = Path.GetFullPath(dataDir);
        Hash256 genesisHash = genesis.Hash;
        Directory.CreateDirectory(full);
        ISupplyRules rules = options.SupplyRules ?? OethSupplyRules.Instance;
        // A new chain's genesis state needs no store: it is built on another core while RocksDB opens (both are
        // mostly cold code at start). The result is the same whichever thread builds it.
        Task<GenesisBlock>? genesisBlock = NodeStore.WouldCreate(Path.Combine(full, StoreDirectoryName))
            ? Task.Run(() => new RoundExecutor(genesis, rules).BuildGenesis())
            : null;
        NodeStore store;
        try
        {
            store = NodeStore.Open(Path.Combine(full, StoreDirectoryName),
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
        try
        {
            BlockHeader head;
            if (store.LastRound is not { } last)
            {
                GenesisBlock block = genesisBlock is not null ? genesisBlock.GetAwaiter().GetResult() : new RoundExecutor(genesis, rules).BuildGenesis();
                head = WriteGenesis(store, block, genesisHash);
            }
            else
            {
                byte[]? stored = store.GetAux(ChainKeys.GenesisKey);
                if (stored is null || stored.Length != Hash256.Size)
                    throw new ChainOpenException($"The chain data directory '{full}' has state but no genesis record; it was not made by this chain (or is damaged).");
                var storedHash = new Hash256(stored);
                if (storedHash != genesisHash)
                    throw new ChainOpenException($"The chain data directory '{full}' was created with a different genesis (hash {storedHash}); this genesis hashes to {genesisHash}. Use another directory, or the genesis it was made with.");
                head = ReadHeaderRecord(store, last)
                    ?? throw new ChainOpenException($"The chain data directory '{full}' is at round {last} but has no block {last}; it is damaged.");
            }
            return new Chain(full, genesis, options, store, head);
        }
        catch
        {
            store.Dispose();
            throw;
        }
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
}
