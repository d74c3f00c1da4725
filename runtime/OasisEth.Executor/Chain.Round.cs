using OasisEth.Evm;
using OasisEth.Transactions;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    public RoundResult ExecuteRound(RoundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Transactions);
        ArgumentNullException.ThrowIfNull(input.GoodComputeEntities);
        lock (_writeLock)
        {
            ThrowIfDisposed();
            BlockHeader parent = _head;
            if (input.Number != parent.Number + 1)
                throw new ArgumentException($"Round {input.Number} cannot follow block {parent.Number}: rounds execute in order, the next is {parent.Number + 1}.", nameof(input));
            try
            {
                return ExecuteLocked(input, parent);
            }
            catch
            {
                // The tree may hold half a round: start the next attempt from the committed state.
                _tree = null;
                throw;
            }
        }
    }

    private RoundResult ExecuteLocked(RoundInput input, BlockHeader parent)
    {
        MkvsTree tree = WriterTree();
        // A fork reads through its layer (ForkStateReader keeps its own cache of the remote): no latest-state cache.
        CachingStateReader? latest = _options.LatestStateCache && _forkLayer is null ? _latest : null;
        // Dev state edits go into the tree first; the cache does not hold them yet, so this round reads the tree.
        StateEdits? edits = EditsFor(parent.Number);
        BlockChanges? editChanges = edits is null ? null : WriteEdits(tree, edits);
        var context = new RoundContext(parent, input.Timestamp, input.GoodComputeEntities, BlockHashOf)
        {
            BaseFeeOverride = _nextBaseFee?.Value,
            Coinbase = _coinbase?.Value,
            StateLayer = _forkLayer,
        };
        OpenRound round = _rounds.Begin(context, tree, editChanges is null ? latest : null);

        IReadOnlyList<byte[]> batch = input.Transactions;
        var decoded = new Transaction?[batch.Count];
        var errors = new string?[batch.Count];
        _rounds.DecodeBatch(batch, decoded, errors, raw => _checked.TryTake(raw, out Transaction? tx) ? tx : DecodeImpersonated(raw));
        for (int i = 0; i < batch.Count; i++) round.Add(batch[i], decoded[i], errors[i], RoundMode.Replay);
        SealedRound sealedRound = round.Seal();

        BlockHeader header = sealedRound.Header;
        var aux = new List<KeyValuePair<byte[], byte[]?>>(8 + 2 * sealedRound.RawTransactions.Count);
        AddBlockRecords(aux, header, sealedRound.RawTransactions, sealedRound.Receipts);
        if (edits is not null) aux.Add(new(ChainKeys.ByNumber(ChainKeys.DevEdits, header.Number), StateEditsCodec.Encode(edits)));
        _store.CommitRound(header.Number, sealedRound.StateRoot, header.Hash, tree.NewNodes, sealedRound.StateWriteLog, aux);
        // Durable: bring the latest-state cache forward (in order: the ledger's changes follow the transactions').
        if (latest is not null)
        {
            if (editChanges is not null) latest.Apply(editChanges);
            foreach (BlockChanges changes in sealedRound.Changes) latest.Apply(changes);
        }

        var cached = new CachedBlock(sealedRound.Block, sealedRound.Receipts);
        _recent.Add(cached);
        _head = header;
        // The edits are in this block's state now (reads of the new head no longer overlay them: EditsFor).
        _edits = null;
        _nextBaseFee = null;
        _roundsOnTree++;
        _store.Prune(_options.KeptRounds);
        return new RoundResult(sealedRound.Block, sealedRound.Receipts, sealedRound.Rejected);
    }

    /// <summary>A dev transaction from an impersonated sender (it passed CheckTx, but the decoded cache may have
    /// dropped it); null for anything else, which the round then decodes as usual.</summary>
    private Transaction? DecodeImpersonated(byte[] raw) =>
        raw is not null && ImpersonatedTransactions.IsMarked(raw, out _) && ImpersonatedTransactions.TryDecode(raw, Genesis, out Transaction? tx, out _)
            ? tx
            : null;

    /// <summary>
    /// The writer's tree at the head; reopened from the store now and then so loaded nodes do not pile up (and after
    /// a failed round). The latest-state cache then reads through the new tree; it stays valid, because it only
    /// ever reflects committed rounds.
    /// </summary>
    private MkvsTree WriterTree()
    {
        if (_tree is null || _roundsOnTree >= _options.TreeReopenInterval)
        {
            _tree = _store.OpenTree(_head.Number);
            _treeReader = new MkvsStateReader(_tree);
            if (_latest is null) _latest = new CachingStateReader(_treeReader);
            else _latest.Apply(BlockChanges.Empty, _treeReader);
            _roundsOnTree = 0;
        }
        return _tree;
    }
}
