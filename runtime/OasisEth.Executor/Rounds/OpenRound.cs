using OasisEth.Evm;
using OasisEth.Transactions;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

/// <summary>
/// A round in progress (<see cref="RoundExecutor.Begin"/>): entries are added one at a time, in block order, so a
/// proposer can keep choosing while it fetches more from the pool; <see cref="Seal"/> ends it. Nothing reaches the
/// tree before <see cref="Seal"/>: a round never sealed leaves the tree as it was.
/// </summary>
public sealed class OpenRound
{
    private readonly RoundExecutor _owner;
    private readonly EntryRunner _runner;
    private readonly RoundContext _context;
    private readonly MkvsTree _tree;
    private readonly IStateReader _treeReader;
    private readonly InMemoryWorldState _state;
    private readonly BlockContext _block;
    private readonly ulong _number;
    private readonly UInt256 _baseFee;

    private readonly List<RejectedTransaction> _rejected = [];
    private readonly List<Transaction> _executed = [];
    private readonly List<byte[]> _raws = [];
    private readonly List<StoredReceipt> _receipts = [];
    private readonly byte[] _blockBloom = new byte[LogsBloom.Size];
    private ulong _gasUsed;
    private int _logIndex;
    private int _entries;
    private UInt256 _claimed = UInt256.Zero;
    private UInt256 _feeBurn = UInt256.Zero;
    private bool _sealed;

    internal OpenRound(RoundExecutor owner, EntryRunner runner, RoundContext context, MkvsTree tree, IStateReader? cachedReader)
    {
        _owner = owner;
        _runner = runner;
        _context = context;
        _tree = tree;
        _treeReader = context.StateLayer?.Over(tree) ?? new MkvsStateReader(tree);
        _state = new InMemoryWorldState(cachedReader ?? _treeReader);
        GenesisConfig genesis = owner.Genesis;
        _number = context.Number;
        _baseFee = context.BaseFeeOverride ?? BaseFee.ForBlock(_number, genesis, context.Parent);
        _block = new BlockContext
        {
            Coinbase = context.Coinbase ?? OethLedger.FeeCollector,
            Number = _number,
            Timestamp = context.Timestamp,
            GasLimit = genesis.GasLimit,
            BaseFee = _baseFee,
            // PREVRANDAO is the parent block's hash: deterministic on every node, not random.
            PrevRandao = context.Parent.Hash.ToWord(),
            ChainId = genesis.ChainId,
            BlockHash = ParentOr(context.Parent, context.BlockHash),
        };
    }

    /// <summary>BLOCKHASH of the parent comes from the context itself: a driver reading hashes from the state finds
    /// it recorded there only once this round is sealed.</summary>
    private static Func<ulong, Hash256> ParentOr(BlockHeader parent, Func<ulong, Hash256> older) =>
        n => n == parent.Number ? parent.Hash : older(n);

    public ulong Number => _number;

    public UInt256 BlockBaseFee => _baseFee;

    /// <summary>Gas the block still has for transactions.</summary>
    public ulong GasLeft => BlockGas.Left(_owner.Genesis.GasLimit, _gasUsed);

    public int ExecutedCount => _executed.Count;

    /// <summary>The nonce the round's state holds for <paramref name="address"/> right now.</summary>
    public ulong NonceOf(in Address address) => _state.GetNonce(address);

    /// <summary>Decodes <paramref name="raw"/> (recovering the sender) and adds it.</summary>
    public EntryResult Add(byte[]? raw, RoundMode mode)
    {
        _owner.TryDecode(raw, out Transaction? tx, out string? error);
        return Add(raw, tx, error, mode);
    }

    /// <summary>
    /// Adds an entry already decoded by the driver (<paramref name="decoded"/> null: undecodable, for
    /// <paramref name="decodeError"/>). Decoding is a pure function of the bytes, the fork and the chain id, so a
    /// driver may do it ahead, in parallel or from a cache.
    /// </summary>
    public EntryResult Add(byte[]? raw, Transaction? decoded, string? decodeError, RoundMode mode)
    {
        if (_sealed) throw new InvalidOperationException("The round is sealed.");
        int batchIndex = _entries++;
        if (decoded is null)
            return Reject(batchIndex, Keccak.Compute(raw ?? []), decodeError ?? "TransactionException.RLP_ERROR: undecodable transaction");
        Transaction tx = decoded;
        if (!BlockGas.Fits(tx.GasLimit, _owner.Genesis.GasLimit, _gasUsed))
        {
            ulong remaining = GasLeft;
            string reason = $"TransactionException.GAS_ALLOWANCE_EXCEEDED: gas limit {tx.GasLimit} exceeds the {remaining} gas left in block {_number}";
            // A transaction larger than a whole block can never fit; one that merely does not fit now can wait.
            if (mode == RoundMode.Schedule && BlockGas.Fits(tx.GasLimit, _owner.Genesis.GasLimit, gasUsed: 0))
                return new EntryResult(EntryDisposition.Deferred, tx.Hash, -1, reason);
            return Reject(batchIndex, tx.Hash, reason);
        }
        if (mode == RoundMode.Schedule && tx.Nonce > _state.GetNonce(tx.Sender))
            return new EntryResult(EntryDisposition.Deferred, tx.Hash, -1, $"nonce {tx.Nonce} is ahead of the sender's {_state.GetNonce(tx.Sender)}");

        EntryOutcome outcome = _runner.Run(_state, _block, tx);
        TransactionResult result = outcome.Result;
        if (result.IsInvalid) return Reject(batchIndex, tx.Hash, result.InvalidReason!);

        int index = _executed.Count;
        _gasUsed += result.GasUsed;
        _claimed += outcome.Claimed;
        _feeBurn += (UInt256)result.GasUsed * _baseFee;
        var bloom = new byte[LogsBloom.Size];
        var logs = new StoredLog[outcome.Success ? result.Logs.Count : 0];
        for (int l = 0; l < logs.Length; l++)
        {
            LogEntry log = result.Logs[l];
            LogsBloom.AddLog(bloom, log.Address, log.Topics);
            // Block hash filled in once the header is sealed.
            logs[l] = new StoredLog(log.Address, log.Topics, log.Data, _number, default, tx.Hash, index, _logIndex++);
        }
        LogsBloom.Or(_blockBloom, bloom);
        _receipts.Add(new StoredReceipt
        {
            TransactionHash = tx.Hash, TransactionIndex = index, BlockNumber = _number, BlockHash = default, Type = tx.Type,
            From = tx.Sender, To = tx.To, ContractAddress = outcome.Success ? result.ContractAddress : null,
            Success = outcome.Success, GasUsed = result.GasUsed, CumulativeGasUsed = _gasUsed,
            EffectiveGasPrice = FeeRules.EffectiveGasPrice(tx, _baseFee), Logs = logs, LogsBloom = bloom,
            RevertData = outcome.RevertData,
        });
        _executed.Add(tx);
        _raws.Add(raw!);
        return new EntryResult(EntryDisposition.Executed, tx.Hash, index, null);
    }

    private EntryResult Reject(int batchIndex, Hash256 hash, string reason)
    {
        _rejected.Add(new RejectedTransaction(batchIndex, hash, reason));
        return new EntryResult(EntryDisposition.Rejected, hash, -1, reason);
    }

    /// <summary>
    /// Ends the round: measures the burn, applies the transactions' changes, runs the OETH end of round, writes the
    /// head record and commits the tree. The block hash is filled into the receipts, logs and stored transactions.
    /// </summary>
    public SealedRound Seal()
    {
        if (_sealed) throw new InvalidOperationException("The round is sealed.");
        _sealed = true;
        GenesisConfig genesis = _owner.Genesis;

        // Burned = what left the balances beyond what the round explains: the base fees and any ether destroyed
        // (e.g. self-destructed to itself). Measured, not summed from rules, so the supply invariant holds exactly.
        BlockChanges changes = _state.CollectChanges();
        UInt256 burned = MeasureBurn(_treeReader, changes, _claimed, _feeBurn, _number);
        MkvsStateWriter.Apply(_tree, changes);
        _context.StateLayer?.Record(_tree, changes);
        _owner.Rules.EndRound(_state, genesis, _number, burned, _context.GoodComputeEntities);
        BlockChanges ledgerChanges = _state.CollectChanges();
        MkvsStateWriter.Apply(_tree, ledgerChanges);
        _context.StateLayer?.Record(_tree, ledgerChanges);
        ChainRecords.AdvanceBlockHashes(_tree, _number, _context.Parent.Hash);

        Hash256 transactionsRoot = BlockRoots.Transactions(_raws);
        Hash256 receiptsRoot = BlockRoots.Receipts(_receipts);
        BlockHeader unsealed = HeaderCodec.Seal(_number, _context.Parent.Hash, _context.Timestamp, Hash256.Zero,
            transactionsRoot, receiptsRoot, _blockBloom, _gasUsed, genesis.GasLimit, _baseFee, _block.Coinbase,
            _context.Parent.Hash, [], length => HeaderCodec.BlockSize(length, _raws));
        _tree.Insert(ChainRecords.HeadKey, ChainRecords.EncodeHead(unsealed));
        var (root, writeLog) = _tree.Commit();
        BlockHeader header = HeaderCodec.Seal(_number, _context.Parent.Hash, _context.Timestamp, root, transactionsRoot, receiptsRoot,
            _blockBloom, _gasUsed, genesis.GasLimit, _baseFee, _block.Coinbase, _context.Parent.Hash, [], _ => unsealed.Size);

        var finalReceipts = new StoredReceipt[_receipts.Count];
        var stored = new StoredTransaction[_executed.Count];
        for (int i = 0; i < finalReceipts.Length; i++)
        {
            StoredReceipt r = _receipts[i];
            var logs = new StoredLog[r.Logs.Count];
            for (int l = 0; l < logs.Length; l++) logs[l] = r.Logs[l] with { BlockHash = header.Hash };
            finalReceipts[i] = r with { BlockHash = header.Hash, Logs = logs };
            stored[i] = new StoredTransaction(_executed[i], _raws[i], _number, header.Hash, i);
        }
        return new SealedRound(new Block(header, stored), finalReceipts, _raws, _rejected, root, writeLog, [changes, ledgerChanges]);
    }

    /// <summary>
    /// Σ balances before − Σ balances after over the accounts the transactions changed, plus the rewards claims
    /// moved into balances: the ether that left circulation. It covers the base fees (<paramref name="feeBurn"/>)
    /// at least; less would mean ether was minted, a bug this refuses to commit.
    /// </summary>
    private static UInt256 MeasureBurn(IStateReader before, BlockChanges changes, in UInt256 claimed, in UInt256 feeBurn, ulong number)
    {
        UInt256 sumBefore = UInt256.Zero, sumAfter = UInt256.Zero;
        foreach (AccountUpdate account in changes.Accounts)
        {
            sumAfter += account.Balance;
            sumBefore += BalanceOf(before, account.Address);
        }
        foreach (Address address in changes.Deleted) sumBefore += BalanceOf(before, address);
        UInt256 explainedBefore = sumBefore + claimed;
        if (explainedBefore < sumAfter || explainedBefore - sumAfter < feeBurn)
            throw new InvalidOperationException($"Round {number} would create ether: balances {sumBefore} -> {sumAfter}, claims {claimed}, base fees {feeBurn}.");
        return explainedBefore - sumAfter;
    }

    /// <summary>The tree's balance without the storage seek an account read makes; a fork's layered reader otherwise.</summary>
    private static UInt256 BalanceOf(IStateReader reader, in Address address) =>
        reader is MkvsStateReader tree ? tree.GetBalance(address)
        : reader.TryGetAccount(address, out AccountData account) ? account.Balance : UInt256.Zero;
}
