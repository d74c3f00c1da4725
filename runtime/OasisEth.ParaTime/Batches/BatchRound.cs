using OasisHeader = OasisEth.Host.Protocol.BlockHeader;
using System.Buffers.Binary;
using OasisEth.Executor;
using OasisEth.Host.Dispatch;
using OasisEth.Host.IoTree;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using BlockHeader = OasisEth.Executor.BlockHeader;

namespace OasisEth.ParaTime;

/// <summary>
/// One <c>RuntimeExecuteTxBatchRequest</c> turned into its response (rhp-spec §6.3, §10): the round executed on the
/// state at <c>block.header.state_root</c>, the I/O tree (inputs, then outputs and tags) and the compute results
/// header every executor of the committee must reproduce byte for byte.
/// <list type="bullet">
/// <item><b>Schedule mode</b> (proposer): chooses from the offered batch and, while it comes back full and the block
/// has room, from <c>HostFetchTxBatch</c>; a duplicate or an entry that cannot run yet (nonce ahead, no gas left in
/// this block, over the batch limits) stays in the pool; an invalid entry goes to <c>tx_reject_hashes</c>. Only
/// executed entries are proposed.</item>
/// <item><b>Execute mode</b> (replica): every input, in order; an entry that cannot run leaves a failure output. The
/// input root must equal the proposer's <c>io_root</c>, else the round is refused.</item>
/// </list>
/// A batch with nothing to execute changes nothing (§10.7), except on an empty state, where the round writes the
/// genesis.
/// </summary>
internal sealed class BatchRound
{
    /// <summary>I/O tag keys (rhp-spec §8). Tx tag: the Ethereum transaction hash; block tags: the block's hash and number.</summary>
    public static readonly byte[] TxHashTag = "eth.tx_hash"u8.ToArray();
    public static readonly byte[] BlockHashTag = "eth.block_hash"u8.ToArray();
    public static readonly byte[] BlockNumberTag = "eth.block_number"u8.ToArray();

    private readonly RoundExecutor _executor;
    private readonly RuntimeSettings _settings;
    private readonly Action<IReadOnlyList<byte[]>>? _prefetch;

    /// <param name="prefetch">For a tree that starts cold: fetches the accounts a decoded batch touches in one go.</param>
    public BatchRound(RoundExecutor executor, RuntimeSettings settings, Action<IReadOnlyList<byte[]>>? prefetch = null)
    {
        _executor = executor;
        _settings = settings;
        _prefetch = prefetch;
    }

    /// <summary>The account keys of every sender and recipient (sorted, distinct), for one prefix fetch.</summary>
    private void PrefetchAccounts(Transactions.Transaction?[] decoded)
    {
        if (_prefetch is null) return;
        var keys = new SortedSet<byte[]>(Comparer<byte[]>.Create(static (a, b) => a.AsSpan().SequenceCompareTo(b)));
        foreach (Transactions.Transaction? tx in decoded)
        {
            if (tx is null) continue;
            keys.Add(OasisEth.State.Mkvs.StateSchema.AccountKey(tx.Sender));
            if (tx.To is { } to) keys.Add(OasisEth.State.Mkvs.StateSchema.AccountKey(to));
        }
        _prefetch([.. keys]);
    }

    /// <summary>Runs the batch on <paramref name="tree"/> (at the request's state root; committed on return).</summary>
    public ExecuteTxBatchResponse Run(ExecuteTxBatchRequest request, MkvsTree tree, IHostCalls host, CancellationToken ct)
    {
        OasisHeader parentOasis = request.Block.Header;
        bool schedule = request.Mode == ExecutionMode.Schedule;
        ChainState chain = ChainState.At(tree);
        BlockHeader parent;
        if (chain.Head is { } head) parent = head;
        else parent = _executor.WriteGenesis(tree);

        // The parent Oasis block's timestamp (its finalization time) is the round's: the new block's own time is
        // set by consensus later. Never before the parent's, whatever consensus says.
        ulong timestamp = Math.Max(parentOasis.Timestamp, parent.Timestamp);
        var good = new byte[request.RoundResults.GoodComputeEntities.Count][];
        for (int i = 0; i < good.Length; i++) good[i] = request.RoundResults.GoodComputeEntities[i].ToArray();
        var context = new RoundContext(parent, timestamp, good, n => ChainRecords.ReadBlockHash(tree, n));
        OpenRound round = _executor.Begin(context, tree);

        var included = new List<byte[]>();
        var outputs = new List<byte[]>();
        var rejects = new List<Hash256>();
        if (schedule) Choose(request, round, host, included, outputs, rejects, ct);
        else Replay(request, round, included, outputs, ct);

        bool anyExecuted = round.ExecutedCount > 0;
        var io = new IoTreeBuilder();
        var txHashes = new List<Hash256>(included.Count);
        for (int i = 0; i < included.Count; i++) txHashes.Add(io.AddInput(included[i], (uint)i));
        MkvsCommitResult inputs = io.CommitInputs();
        if (!schedule && inputs.Root != request.IoRoot)
            throw new RuntimeErrorException(EvmErrors.Module, EvmErrors.Invalid,
                $"the batch's input root {inputs.Root} differs from the proposed io_root {request.IoRoot}");

        Hash256 stateRoot;
        IReadOnlyList<MkvsWriteLogEntry> stateLog;
        if (anyExecuted)
        {
            SealedRound sealedRound = round.Seal();
            stateRoot = sealedRound.StateRoot;
            stateLog = sealedRound.StateWriteLog;
            int executed = 0;
            for (int i = 0; i < included.Count; i++)
            {
                if (outputs[i] is { } failure)
                {
                    io.AddOutput(txHashes[i], failure);
                    continue;
                }
                StoredReceipt receipt = sealedRound.Receipts[executed++];
                io.AddOutput(txHashes[i], TxOutput.Executed(receipt));
                io.AddTxTag(txHashes[i], TxHashTag, receipt.TransactionHash.Bytes);
            }
            io.AddBlockTag(BlockHashTag, sealedRound.Header.Hash.Bytes);
            var number = new byte[8];
            BinaryPrimitives.WriteUInt64BigEndian(number, sealedRound.Header.Number);
            io.AddBlockTag(BlockNumberTag, number);
        }
        else
        {
            // Nothing ran: no block. Only the genesis (an empty state's first round) is written, and failure outputs
            // of a replayed batch whose entries all failed.
            if (tree.HasPendingChanges)
            {
                MkvsCommitResult genesis = tree.Commit();
                stateRoot = genesis.Root;
                stateLog = genesis.WriteLog;
            }
            else
            {
                stateRoot = tree.Root;
                stateLog = [];
            }
            for (int i = 0; i < included.Count; i++) io.AddOutput(txHashes[i], outputs[i]!);
        }
        MkvsCommitResult all = io.Commit();

        var header = new ComputeResultsHeader
        {
            Round = parentOasis.Round + 1,
            PreviousHash = parentOasis.Hash(),
            IoRoot = all.Root,
            StateRoot = stateRoot,
            MessagesHash = Sha512_256.EmptyHash,
            InMsgsHash = Sha512_256.EmptyHash,
            InMsgsCount = 0,
        };
        return new ExecuteTxBatchResponse
        {
            Batch = new ComputedBatch
            {
                Header = header,
                IoWriteLog = [.. all.WriteLog],
                StateWriteLog = [.. stateLog],
            },
            TxHashes = txHashes,
            TxRejectHashes = rejects,
            TxInputRoot = inputs.Root,
            TxInputWriteLog = [.. inputs.WriteLog],
        };
    }

    private void Replay(ExecuteTxBatchRequest request, OpenRound round, List<byte[]> included, List<byte[]> outputs, CancellationToken ct)
    {
        var decoded = new Transactions.Transaction?[request.Inputs.Count];
        var errors = new string?[request.Inputs.Count];
        _executor.DecodeBatch(request.Inputs, decoded, errors);
        PrefetchAccounts(decoded);
        for (int i = 0; i < request.Inputs.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            byte[] raw = request.Inputs[i];
            EntryResult r = round.Add(raw, decoded[i], errors[i], RoundMode.Replay);
            included.Add(raw);
            outputs.Add(r.Disposition == EntryDisposition.Executed ? null! : TxOutput.Failed(r.Reason!));
        }
    }

    private void Choose(ExecuteTxBatchRequest request, OpenRound round, IHostCalls host, List<byte[]> included,
        List<byte[]> outputs, List<Hash256> rejects, CancellationToken ct)
    {
        var seen = new HashSet<Hash256>();
        var waiting = new List<Entry>();
        ulong bytes = 0;
        IReadOnlyList<byte[]> offered = request.Inputs;
        while (true)
        {
            var decoded = new Transactions.Transaction?[offered.Count];
            var errors = new string?[offered.Count];
            _executor.DecodeBatch(offered, decoded, errors);
            PrefetchAccounts(decoded);
            byte[]? last = null;
            for (int i = 0; i < offered.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                byte[] raw = offered[i];
                last = raw;
                if (!seen.Add(Sha512_256.Hash(raw))) continue;
                TryInclude(new Entry(raw, decoded[i], errors[i]), round, included, outputs, rejects, waiting, ref bytes);
            }
            // A nonce gap may have closed: retry what waited on one until nothing more runs.
            for (bool progress = true; progress && waiting.Count > 0;)
            {
                var again = waiting.ToArray();
                waiting.Clear();
                int before = included.Count;
                foreach (Entry entry in again) TryInclude(entry, round, included, outputs, rejects, waiting, ref bytes);
                progress = included.Count > before;
            }
            // oasis-sdk's rule: fetch more only when the last batch came back full and the block has room.
            bool full = offered.Count >= _settings.InitialBatchSize;
            if (!full || last is null || IsFull(round, included, bytes)) break;
            offered = host.FetchTxBatch(Sha512_256.Hash(last), _settings.InitialBatchSize, ct);
            if (offered.Count == 0) break;
        }
    }

    private bool IsFull(OpenRound round, List<byte[]> included, ulong bytes) =>
        included.Count >= _settings.MaxBatchSize || bytes >= _settings.MaxBatchSizeBytes || round.GasLeft < 21_000;

    /// <summary>An offered entry, decoded ahead (in parallel) once.</summary>
    private readonly record struct Entry(byte[] Raw, Transactions.Transaction? Decoded, string? Error);

    private void TryInclude(Entry entry, OpenRound round, List<byte[]> included, List<byte[]> outputs, List<Hash256> rejects,
        List<Entry> waiting, ref ulong bytes)
    {
        byte[] raw = entry.Raw;
        if (included.Count >= _settings.MaxBatchSize || bytes + (ulong)raw.Length > _settings.MaxBatchSizeBytes)
            return; // stays in the pool for a later round
        EntryResult r = round.Add(raw, entry.Decoded, entry.Error, RoundMode.Schedule);
        switch (r.Disposition)
        {
            case EntryDisposition.Executed:
                included.Add(raw);
                outputs.Add(null!);
                bytes += (ulong)raw.Length;
                break;
            case EntryDisposition.Rejected:
                rejects.Add(Sha512_256.Hash(raw));
                break;
            case EntryDisposition.Deferred:
                waiting.Add(entry);
                break;
        }
    }
}
