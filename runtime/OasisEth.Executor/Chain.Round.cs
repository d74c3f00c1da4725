using OasisEth.Evm;
using OasisEth.Execution;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>Batches at least this long decode (recover senders) on all cores; each entry is independent, so
    /// the result is the same as a sequential decode.</summary>
    private const int ParallelDecodeThreshold = 16;

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
            if (input.Timestamp < parent.Timestamp)
                throw new ArgumentException($"Round {input.Number}'s timestamp {input.Timestamp} is before its parent's ({parent.Timestamp}).", nameof(input));
            for (int i = 0; i < input.GoodComputeEntities.Count; i++)
            {
                if (input.GoodComputeEntities[i] is not { Length: 32 })
                    throw new ArgumentException($"Good compute entity {i} is not a 32-byte Ed25519 public key.", nameof(input));
            }
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
        ulong number = input.Number;
        ulong gasLimit = Genesis.GasLimit;
        UInt256 baseFee = BaseFee.ForBlock(number, Genesis, parent);
        Hash256 mixHash = parent.Hash;
        BlockContext block = MakeBlockContext(number, input.Timestamp, gasLimit, baseFee, mixHash);

        MkvsTree tree = WriterTree();
        MkvsStateReader reader = _treeReader!;
        CachingStateReader? latest = _options.LatestStateCache ? _latest : null;
        var state = new InMemoryWorldState(latest ?? (IStateReader)reader);

        IReadOnlyList<byte[]> batch = input.Transactions;
        var decoded = new Transaction?[batch.Count];
        var errors = new string?[batch.Count];
        DecodeBatch(batch, decoded, errors);

        var rejected = new List<RejectedTransaction>();
        var executed = new List<Transaction>();
        var raws = new List<byte[]>();
        var receipts = new List<StoredReceipt>();
        var blockBloom = new byte[LogsBloom.Size];
        ulong gasUsed = 0;
        int logIndex = 0;
        UInt256 claimed = UInt256.Zero;
        UInt256 feeBurn = UInt256.Zero;

        for (int i = 0; i < batch.Count; i++)
        {
            Transaction? tx = decoded[i];
            if (tx is null)
            {
                rejected.Add(new RejectedTransaction(i, HashOf(batch[i]), errors[i]!));
                continue;
            }
            ulong remaining = gasLimit - gasUsed;
            if (tx.GasLimit > remaining)
            {
                rejected.Add(new RejectedTransaction(i, tx.Hash,
                    $"TransactionException.GAS_ALLOWANCE_EXCEEDED: gas limit {tx.GasLimit} exceeds the {remaining} gas left in block {number}"));
                continue;
            }
            EntryOutcome outcome = _writeRunner.Run(state, block, tx);
            TransactionResult result = outcome.Result;
            if (result.IsInvalid)
            {
                rejected.Add(new RejectedTransaction(i, tx.Hash, result.InvalidReason!));
                continue;
            }

            int index = executed.Count;
            gasUsed += result.GasUsed;
            claimed += outcome.Claimed;
            feeBurn += (UInt256)result.GasUsed * baseFee;
            var bloom = new byte[LogsBloom.Size];
            var logs = new StoredLog[outcome.Success ? result.Logs.Count : 0];
            for (int l = 0; l < logs.Length; l++)
            {
                LogEntry log = result.Logs[l];
                LogsBloom.AddLog(bloom, log.Address, log.Topics);
                // Block hash filled in once the header is sealed.
                logs[l] = new StoredLog(log.Address, log.Topics, log.Data, number, default, tx.Hash, index, logIndex++);
            }
            LogsBloom.Or(blockBloom, bloom);
            receipts.Add(new StoredReceipt
            {
                TransactionHash = tx.Hash, TransactionIndex = index, BlockNumber = number, BlockHash = default, Type = tx.Type,
                From = tx.Sender, To = tx.To, ContractAddress = outcome.Success ? result.ContractAddress : null,
                Success = outcome.Success, GasUsed = result.GasUsed, CumulativeGasUsed = gasUsed,
                EffectiveGasPrice = EffectiveGasPrice(tx, baseFee), Logs = logs, LogsBloom = bloom, RevertData = outcome.RevertData,
            });
            executed.Add(tx);
            raws.Add(batch[i]);
        }

        // Burned = what left the balances beyond what the round explains: the base fees and any ether destroyed
        // (e.g. self-destructed to itself). Measured, not summed from rules, so the supply invariant holds exactly.
        BlockChanges changes = state.CollectChanges();
        UInt256 burned = MeasureBurn(reader, changes, claimed, feeBurn, number);
        MkvsStateWriter.Apply(tree, changes);
        _rules.EndRound(state, Genesis, number, burned, input.GoodComputeEntities);
        BlockChanges ledgerChanges = state.CollectChanges();
        MkvsStateWriter.Apply(tree, ledgerChanges);
        var (root, writeLog) = tree.Commit();

        BlockHeader header = HeaderCodec.Seal(number, parent.Hash, input.Timestamp, root, BlockRoots.Transactions(raws),
            BlockRoots.Receipts(receipts), blockBloom, gasUsed, gasLimit, baseFee, OethLedger.FeeCollector, mixHash, [],
            length => HeaderCodec.BlockSize(length, raws));

        var finalReceipts = new StoredReceipt[receipts.Count];
        var stored = new StoredTransaction[executed.Count];
        for (int i = 0; i < finalReceipts.Length; i++)
        {
            StoredReceipt r = receipts[i];
            var logs = new StoredLog[r.Logs.Count];
            for (int l = 0; l < logs.Length; l++) logs[l] = r.Logs[l] with { BlockHash = header.Hash };
            finalReceipts[i] = r with { BlockHash = header.Hash, Logs = logs };
            stored[i] = new StoredTransaction(executed[i], raws[i], number, header.Hash, i);
        }

        var aux = new List<KeyValuePair<byte[], byte[]?>>(8 + 2 * raws.Count);
        AddBlockRecords(aux, header, raws, finalReceipts);
        _store.CommitRound(number, root, header.Hash, tree.NewNodes, writeLog, aux);
        // Durable: bring the latest-state cache forward (in order: the ledger's changes follow the transactions').
        latest?.Apply(changes);
        latest?.Apply(ledgerChanges);

        var result2 = new CachedBlock(new Block(header, stored), finalReceipts);
        _recent.Add(result2);
        _head = header;
        _roundsOnTree++;
        _store.Prune(_options.KeptRounds);
        return new RoundResult(result2.Block, finalReceipts, rejected);
    }

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

    private void DecodeBatch(IReadOnlyList<byte[]> batch, Transaction?[] decoded, string?[] errors)
    {
        if (batch.Count >= ParallelDecodeThreshold)
            Parallel.For(0, batch.Count, i => DecodeEntry(batch[i], out decoded[i], out errors[i]));
        else
            for (int i = 0; i < batch.Count; i++) DecodeEntry(batch[i], out decoded[i], out errors[i]);
    }

    private void DecodeEntry(byte[]? raw, out Transaction? tx, out string? error)
    {
        if (raw is null)
        {
            tx = null;
            error = "TransactionException.RLP_ERROR: missing transaction bytes";
            return;
        }
        if (_checked.TryTake(raw, out tx))
        {
            error = null;
            return;
        }
        if (TransactionDecoder.TryDecode(raw, Genesis.Fork, _chainId, out tx, out error)) error = null;
    }

    private static Hash256 HashOf(byte[]? raw) => Keccak.Compute(raw ?? []);

    internal static UInt256 EffectiveGasPrice(Transaction tx, in UInt256 baseFee)
    {
        if (!tx.IsDynamicFee) return tx.GasPrice;
        UInt256 headroom = tx.MaxFeePerGas - baseFee;
        return baseFee + (tx.MaxPriorityFeePerGas < headroom ? tx.MaxPriorityFeePerGas : headroom);
    }

    /// <summary>
    /// Σ balances before − Σ balances after over the accounts the transactions changed, plus the rewards claims
    /// moved into balances: the ether that left circulation. It covers the base fees (<paramref name="feeBurn"/>)
    /// at least; less would mean ether was minted, a bug this refuses to commit.
    /// </summary>
    private static UInt256 MeasureBurn(MkvsStateReader before, BlockChanges changes, in UInt256 claimed, in UInt256 feeBurn, ulong number)
    {
        UInt256 sumBefore = UInt256.Zero, sumAfter = UInt256.Zero;
        foreach (AccountUpdate account in changes.Accounts)
        {
            sumAfter += account.Balance;
            sumBefore += before.GetBalance(account.Address);
        }
        foreach (Address address in changes.Deleted) sumBefore += before.GetBalance(address);
        UInt256 explainedBefore = sumBefore + claimed;
        if (explainedBefore < sumAfter || explainedBefore - sumAfter < feeBurn)
            throw new InvalidOperationException($"Round {number} would create ether: balances {sumBefore} -> {sumAfter}, claims {claimed}, base fees {feeBurn}.");
        return explainedBefore - sumAfter;
    }
}
