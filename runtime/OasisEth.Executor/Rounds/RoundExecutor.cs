using OasisEth.Transactions;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

/// <summary>
/// The round logic both drivers share: the dev node (state in its RocksDB node store) and the ParaTime runtime
/// (state fetched from oasis-node through HostStorageSync). A driver hands it an MKVS tree at the parent's state, from
/// whatever node source it has; the executor decodes, runs and settles the entries, ends the round (OETH ledger),
/// writes the chain records and commits the tree: the new root, the write log and the block. It stores nothing.
/// One round at a time per instance (it keeps one transaction processor); see docs/executor.md.
/// </summary>
public sealed class RoundExecutor
{
    private readonly ISupplyRules _rules;
    private readonly EntryRunner _runner;

    /// <param name="engines">The EVM tier rounds run on (the interpreter by default); results do not depend on it.</param>
    public RoundExecutor(GenesisConfig genesis, EvmEngines? engines = null) : this(genesis, OethSupplyRules.Instance, engines) { }

    internal RoundExecutor(GenesisConfig genesis, ISupplyRules rules, EvmEngines? engines = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        Genesis = genesis;
        _rules = rules;
        _runner = new EntryRunner(genesis, rules, engines);
    }

    public GenesisConfig Genesis { get; }

    internal ISupplyRules Rules => _rules;

    /// <summary>
    /// Starts a round on <paramref name="tree"/> (the parent's state, no pending changes). Account reads go through
    /// <paramref name="cachedReader"/> when the driver keeps one in front of the tree (it must reflect exactly the
    /// tree's committed state), else straight to the tree.
    /// </summary>
    public OpenRound Begin(RoundContext context, MkvsTree tree, IStateReader? cachedReader = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(context.GoodComputeEntities);
        for (int i = 0; i < context.GoodComputeEntities.Count; i++)
        {
            if (context.GoodComputeEntities[i] is not { Length: 32 })
                throw new ArgumentException($"Good compute entity {i} is not a 32-byte Ed25519 public key.", nameof(context));
        }
        if (context.Timestamp < context.Parent.Timestamp)
            throw new ArgumentException($"Round {context.Number}'s timestamp {context.Timestamp} is before its parent's ({context.Parent.Timestamp}).", nameof(context));
        if (context.Parent.Number == ulong.MaxValue)
            throw new ArgumentException("The parent block is the last the 64-bit block number allows.", nameof(context));
        return new OpenRound(this, _runner, context, tree, cachedReader);
    }

    /// <summary>
    /// The genesis block: the state the genesis describes (OETH ledger and allocations, written by the ledger rules)
    /// plus the chain's head record, committed on a fresh tree. The dev node stores it as block 0; the runtime builds
    /// it in the first round on an empty state (<see cref="WriteGenesis"/>). Both give the same root and hash.
    /// </summary>
    public GenesisBlock BuildGenesis()
    {
        var tree = new MkvsTree();
        var state = new InMemoryWorldState(new MkvsStateReader(tree));
        _rules.ApplyGenesis(state, Genesis);
        MkvsStateWriter.Apply(tree, state.CollectChanges());
        BlockHeader unsealed = HeaderCodec.Seal(0, Hash256.Zero, Genesis.Timestamp, Hash256.Zero, Hash256.EmptyTrie,
            Hash256.EmptyTrie, new byte[LogsBloom.Size], 0, Genesis.GasLimit, BaseFee.ForBlock(1, Genesis, null),
            OethLedger.FeeCollector, Hash256.Zero, [], length => HeaderCodec.BlockSize(length, []));
        tree.Insert(ChainRecords.HeadKey, ChainRecords.EncodeHead(unsealed));
        var (root, writeLog) = tree.Commit();
        BlockHeader header = ChainRecords.ReadHead(tree, root)!;
        return new GenesisBlock(header, tree, writeLog);
    }

    /// <summary>Writes the genesis state into <paramref name="emptyTree"/> (uncommitted) and returns the genesis
    /// header: the parent of the first round.</summary>
    public BlockHeader WriteGenesis(MkvsTree emptyTree)
    {
        ArgumentNullException.ThrowIfNull(emptyTree);
        if (emptyTree.Root != OasisEth.Mkvs.Sha512_256.EmptyHash || emptyTree.HasPendingChanges)
            throw new InvalidOperationException("The genesis is written only into an empty state.");
        GenesisBlock genesis = BuildGenesis();
        MkvsWriteLog.Apply(emptyTree, genesis.WriteLog);
        return genesis.Header;
    }

    /// <summary>Decodes one batch entry and recovers its sender; <paramref name="error"/> says why not.</summary>
    public bool TryDecode(byte[]? raw, out Transaction? tx, out string? error)
    {
        if (raw is null)
        {
            tx = null;
            error = "TransactionException.RLP_ERROR: missing transaction bytes";
            return false;
        }
        if (TransactionDecoder.TryDecode(raw, Genesis.Fork, Genesis.ChainId, out tx, out error))
        {
            error = null;
            return true;
        }
        return false;
    }

    /// <summary>Batches at least this long decode (recover senders) on all cores; each entry is independent, so
    /// the result is the same as a sequential decode.</summary>
    public const int ParallelDecodeThreshold = 16;

    /// <summary>
    /// Decodes a whole batch ahead of <see cref="OpenRound.Add(byte[], Transaction, string, RoundMode)"/>, on all cores
    /// for long batches (signature recovery is most of a transfer's cost). <paramref name="cached"/> may supply entries
    /// decoded earlier (a pool's check); decoding is a pure function of the bytes, so the result is the same.
    /// </summary>
    public void DecodeBatch(IReadOnlyList<byte[]> batch, Transaction?[] decoded, string?[] errors, Func<byte[], Transaction?>? cached = null)
    {
        void One(int i)
        {
            byte[] raw = batch[i];
            if (raw is not null && cached?.Invoke(raw) is { } hit)
            {
                decoded[i] = hit;
                errors[i] = null;
                return;
            }
            TryDecode(raw, out decoded[i], out errors[i]);
        }
        if (batch.Count >= ParallelDecodeThreshold) Parallel.For(0, batch.Count, One);
        else for (int i = 0; i < batch.Count; i++) One(i);
    }

}

/// <summary>The genesis block, the committed tree holding its state and the write log that built it.</summary>
public sealed record GenesisBlock(BlockHeader Header, MkvsTree Tree, IReadOnlyList<MkvsWriteLogEntry> WriteLog);
