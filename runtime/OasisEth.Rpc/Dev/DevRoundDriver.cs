using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// The dev chain's only writer: one thread runs rounds (automine, interval, evm_mine), snapshots and reverts in the
/// order they were asked for. RPC threads admit transactions into the pool and queue work; they never wait on a
/// round to read (the chain serves reads concurrently with <see cref="IChain.ExecuteRound"/>).
/// Transactions admitted while a round runs go into the next one, so under load one round carries many.
/// </summary>
internal sealed class DevRoundDriver
{
    private enum MiningMode { Auto, Interval, Manual }

    /// <summary>A snapshot also keeps the dev state edits not yet mined (anvil's snapshot holds its whole state).</summary>
    private sealed record Snapshot(ulong Id, ulong Head, DevClock.State Clock, StateEdits? Edits);

    private sealed class Work(Func<object?> run, bool sharedFlush = false)
    {
        public Func<object?> Run { get; } = run;
        public bool SharedFlush { get; } = sharedFlush;
        public TaskCompletionSource<object?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly IChain _chain;
    private readonly TxPool _pool;
    private readonly DevClock _clock;
    private readonly IReadOnlyList<byte[]> _entities;
    private readonly Action<string> _log;
    private readonly BlockingCollection<Work> _queue = [];
    private readonly Thread _thread;
    private readonly List<Snapshot> _snapshots = [];
    private ulong _nextSnapshotId;
    private int _roundQueued;
    private volatile MiningMode _mode;
    private ulong _intervalSeconds;
    private IntervalTimer? _timer;
    private volatile bool _stopping;
    /// <summary>Serialises mining-mode changes (RPC threads) so a timer is never replaced twice at once.</summary>
    private readonly Lock _modeLock = new();
    /// <summary>Orders the queueing of automine rounds and of the flush automine sends share (see <see cref="AfterQueuedRoundAsync"/>).</summary>
    private readonly Lock _roundQueueLock = new();
    /// <summary>The flush queued after the latest automine round request that has not started yet, or null.</summary>
    private Work? _sharedFlush;

    public DevRoundDriver(IChain chain, TxPool pool, DevClock clock, byte[] entity, ulong? blockTimeSeconds, Action<string> log)
    {
        _chain = chain;
        _pool = pool;
        _clock = clock;
        _entities = [entity];
        _log = log;
        _thread = new Thread(Loop) { Name = "dev-round-driver", IsBackground = true };
        _thread.Start();
        if (blockTimeSeconds is > 0) SetInterval(blockTimeSeconds.Value);
        else _mode = MiningMode.Auto;
    }

    /// <summary>After each committed round, on the driver thread (handlers only queue work).</summary>
    public event Action<RoundResult>? BlockCommitted;

    /// <summary>A transaction entered the pool (on the admitting RPC thread).</summary>
    public event Action<PoolTransaction>? TransactionAdded;

    /// <summary>The chain was rolled back to this head (evm_revert), on the driver thread.</summary>
    public event Action<ulong>? Reverted;

    public TxPool Pool => _pool;

    public bool Automine => _mode == MiningMode.Auto;

    /// <summary>The sender's next nonce counting its pool run.</summary>
    public ulong PendingNonce(Address sender) => AtConsistentHead(state => _pool.PendingNonce(sender, state.GetNonce(sender)));

    /// <summary>The pool split into pending and queued.</summary>
    public (List<(Address Sender, List<PoolTransaction> Txs)> Pending, List<(Address Sender, List<PoolTransaction> Txs)> Queued) PoolContent() =>
        AtConsistentHead(state => _pool.Partition(state.GetNonce));

    /// <summary>
    /// Reads the pool against the head's state nonces. A round can commit between reading the head and reading the
    /// pool, and then removes its transactions from the pool: the pair would be inconsistent (old nonces with the
    /// cleaned pool). The head is read again after the pool; if a round landed in between, read again.
    /// </summary>
    private T AtConsistentHead<T>(Func<IStateView, T> read)
    {
        while (true)
        {
            ulong head = _chain.Head.Number;
            T result = read(_chain.OpenState(head));
            if (_chain.Head.Number == head) return result;
        }
    }

    /// <summary>Checks and admits a raw transaction; throws the client's -32000 error when refused.</summary>
    public PoolTransaction Submit(byte[] raw)
    {
        if (_stopping) throw RpcException.Server("the node is stopping");
        // Before the signature is recovered: an oversized transaction costs nothing more (the pool checks it again).
        if (raw.Length > _pool.MaxTransactionBytes)
            throw RpcException.Server($"oversized data: transaction size {raw.Length}, limit {_pool.MaxTransactionBytes}");
        CheckTxResult check = _chain.CheckTx(raw);
        if (!check.Ok || check.Transaction is null) throw RpcException.Server(check.Error ?? "invalid transaction");
        if (_pool.Add(check.Transaction, raw, out PoolTransaction? added, out PoolTransaction? replaced) is { } error)
            throw RpcException.Server(error);
        PoolTransaction entry = added!;
        if (replaced is not null) _log($"pool: {replaced.Hash} replaced by {entry.Hash}");
        TransactionAdded?.Invoke(entry);
        if (_mode == MiningMode.Auto) RequestRound(onlyWithTransactions: true);
        return entry;
    }

    /// <summary>Mines <paramref name="count"/> blocks; the first at <paramref name="timestamp"/> if given, the next
    /// ones <paramref name="interval"/> seconds apart (or by the clock when no interval is given).</summary>
    public Task<object?> MineAsync(ulong count, ulong? timestamp, ulong? interval) => Enqueue(() =>
    {
        BlockHeader parent = _chain.Head;
        if (timestamp is { } t) CheckTimestamp(t, parent.Timestamp);
        // The last block's time must stay in range too: first + (count - 1) × interval, computed without overflow.
        if (count > 1 && interval is { } step)
        {
            ulong first = timestamp ?? _clock.NextTimestamp(parent.Timestamp);
            ulong span = DevClock.MaxTimestamp - Math.Min(first, DevClock.MaxTimestamp);
            if (Math.Max(step, 1) > span / (count - 1))
                throw RpcException.InvalidParams($"invalid argument: {count} blocks {Math.Max(step, 1)} s apart from {first} would pass the "
                    + $"largest block timestamp {DevClock.MaxTimestamp}; at most {span / (count - 1)} s apart");
        }
        ulong? next = timestamp;
        for (ulong i = 0; i < count && !_stopping; i++)
        {
            RoundResult result = RunRound(next, skipIfEmpty: false)!;
            next = interval is { } gap ? result.Block.Header.Timestamp + Math.Max(gap, 1) : null;
        }
        return null;
    });

    public Task<object?> SnapshotAsync() => Enqueue(() =>
    {
        ulong id = _nextSnapshotId++;
        _snapshots.Add(new Snapshot(id, _chain.Head.Number, _clock.Save(), (_chain as IDevChain)?.PendingEdits));
        return id;
    });

    /// <summary>Back to the snapshot: chain, clock and pool as they were; the snapshot and later ones are used up.</summary>
    public Task<object?> RevertAsync(ulong id) => Enqueue(() =>
    {
        int index = _snapshots.FindIndex(s => s.Id == id);
        if (index < 0) return false;
        Snapshot snapshot = _snapshots[index];
        _snapshots.RemoveRange(index, _snapshots.Count - index);
        if (_chain.Head.Number != snapshot.Head) _chain.RollbackTo(snapshot.Head);
        if (_chain is IDevChain dev && snapshot.Edits is not null) dev.RestoreEdits(snapshot.Edits);
        _clock.Restore(snapshot.Clock);
        _pool.Clear($"the pool was cleared by evm_revert to snapshot {id}");
        _log($"dev: reverted to snapshot {id} (head {snapshot.Head})");
        Reverted?.Invoke(snapshot.Head);
        return true;
    });

    /// <summary>anvil_reset: <paramref name="reset"/> starts the chain over (on the driver thread, between rounds); the
    /// snapshots, the pool and the clock's offset belonged to the old chain and go with it.</summary>
    public Task<object?> ResetAsync(Action reset) => Enqueue(() =>
    {
        reset();
        _snapshots.Clear();
        _clock.Restore(default);
        _pool.Clear("the pool was cleared by anvil_reset");
        _log($"dev: reset, head {_chain.Head.Number} ({_chain.Head.Hash})");
        Reverted?.Invoke(_chain.Head.Number);
        return null;
    });

    /// <summary>Removes a pooled transaction (hardhat_dropTransaction): true when it was pooled, false when unknown; a
    /// mined one is an error. On the driver thread, so a round never runs half-way through it.</summary>
    public Task<object?> DropAsync(Hash256 hash) => Enqueue(() =>
    {
        if (_pool.Get(hash) is null)
        {
            if (_chain.GetTransaction(hash) is not null) throw RpcException.Server("transaction already mined");
            return false;
        }
        _pool.Get(hash)?.Dropped("dropped by hardhat_dropTransaction");
        _pool.Remove(hash);
        _log($"dev: dropped {hash} from the pool");
        return true;
    });

    public Task<object?> IncreaseTimeAsync(ulong seconds) => Enqueue(() =>
    {
        ulong room = _clock.RoomToIncrease;
        if (seconds > room)
            throw RpcException.InvalidParams($"invalid argument 0: time can be increased by 0 to {room} seconds (the largest block timestamp is {DevClock.MaxTimestamp})");
        return _clock.IncreaseTime(seconds);
    });

    public Task<object?> SetNextTimestampAsync(ulong timestamp) => Enqueue(() =>
    {
        CheckTimestamp(timestamp, _chain.Head.Timestamp);
        _clock.SetNext(timestamp);
        return null;
    });

    /// <summary>
    /// The block timestamp rules, checked where a timestamp is set so that a bad one is the caller's error and
    /// never a block no other can follow: strictly after the parent, and at most <see cref="DevClock.MaxTimestamp"/>
    /// (a block at 2^64 - 1 wedged the chain: every later round failed).
    /// </summary>
    private static void CheckTimestamp(ulong timestamp, ulong parent)
    {
        if (parent >= DevClock.MaxTimestamp)
            throw RpcException.InvalidParams($"invalid argument 0: no timestamp can be set after the head block's {parent}: the largest settable is {DevClock.MaxTimestamp} "
                + "(later blocks follow at parent + 1)");
        if (timestamp <= parent || timestamp > DevClock.MaxTimestamp)
            throw RpcException.InvalidParams($"invalid argument 0: timestamp {timestamp} is out of range: it must be from {parent + 1} to {DevClock.MaxTimestamp} "
                + (timestamp <= parent ? $"(lower than or equal to the previous block's timestamp {parent})" : "(the largest block timestamp, which leaves room for the chain to continue)"));
    }

    public void SetAutomine(bool on)
    {
        lock (_modeLock) SetAutomineLocked(on);
    }

    private void SetAutomineLocked(bool on)
    {
        if (on)
        {
            StopTimer();
            _mode = MiningMode.Auto;
            RequestRound(onlyWithTransactions: true);
        }
        else if (_mode == MiningMode.Auto)
        {
            _mode = MiningMode.Manual;
        }
    }

    /// <summary>A round every <paramref name="seconds"/> (empty ones too); 0 = manual mining.</summary>
    public void SetInterval(ulong seconds)
    {
        lock (_modeLock) SetIntervalLocked(seconds);
    }

    private void SetIntervalLocked(ulong seconds)
    {
        if (_stopping) return;
        StopTimer();
        if (seconds == 0)
        {
            _mode = MiningMode.Manual;
            return;
        }
        if (seconds > DevNodeOptions.MaxBlockTimeSeconds)
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"block time must be 0 to {DevNodeOptions.MaxBlockTimeSeconds} seconds");
        _intervalSeconds = seconds;
        _mode = MiningMode.Interval;
        _timer = new IntervalTimer(TimeSpan.FromSeconds(seconds), () => RequestRound(onlyWithTransactions: false));
    }

    /// <summary>The interval of interval mining in seconds; null under automine or manual mining (anvil_getIntervalMining).</summary>
    public ulong? IntervalSeconds
    {
        get
        {
            lock (_modeLock) return _mode == MiningMode.Interval ? _intervalSeconds : null;
        }
    }

    public string MiningModeName => _mode switch
    {
        MiningMode.Auto => "auto",
        MiningMode.Interval => "interval " + _intervalSeconds.ToString(CultureInfo.InvariantCulture) + "s",
        _ => "manual",
    };

    /// <summary>Runs a dev state change (anvil_setBalance and friends) on the driver thread, ordered with rounds,
    /// snapshots and reverts.</summary>
    public Task<object?> RunAsync(Func<object?> change) => Enqueue(change);

    /// <summary>Empties the pool (anvil_dropAllTransactions); waiting automine sends answer with the reason.</summary>
    public Task<object?> DropAllAsync(string reason) => Enqueue(() =>
    {
        int count = _pool.Count;
        _pool.Clear(reason);
        _log($"dev: dropped all {count} pooled transactions");
        return null;
    });

    /// <summary>Waits until every piece of work queued before this call is done (tests; shutdown).</summary>
    public Task<object?> FlushAsync() => Enqueue(() => null);

    /// <summary>
    /// For an automine send after its admission: completes once the round that reads the pool after the admission has
    /// run. That round was queued before this call (by the admission, or it was queued and had not started), so a
    /// flush queued after it completes after it. Concurrent sends share one flush: a pending one was queued after the
    /// latest round request (each request clears it), so after the round every one of them waits for. Under 32 sends
    /// in flight this replaced a queued item and a wake-up of the driver per send with one per round.
    /// </summary>
    public Task<object?> AfterQueuedRoundAsync()
    {
        lock (_roundQueueLock)
        {
            if (_sharedFlush is { } pending) return pending.Done.Task;
            var work = new Work(() => null, sharedFlush: true);
            if (TryEnqueue(work)) _sharedFlush = work;
            return work.Done.Task;
        }
    }

    /// <summary>Finishes the round in progress, cancels queued work and ends the thread.</summary>
    public async Task StopAsync()
    {
        if (_stopping) return;
        lock (_modeLock)
        {
            _stopping = true;
            StopTimer();
        }
        _queue.CompleteAdding();
        await Task.Run(() => _thread.Join());
    }

    private void StopTimer()
    {
        IntervalTimer? timer = Interlocked.Exchange(ref _timer, null);
        timer?.Dispose();
    }

    private void RequestRound(bool onlyWithTransactions)
    {
        // The flag and the queueing under one lock: a send that finds the flag set knows the round is already queued
        // (not about to be), so a flush it shares, queued after the latest request, runs after that round.
        lock (_roundQueueLock)
        {
            if (Interlocked.Exchange(ref _roundQueued, 1) != 0) return;
            _ = Enqueue(() =>
            {
                Volatile.Write(ref _roundQueued, 0);
                if (onlyWithTransactions && _pool.Count == 0) return null;
                RunRound(null, skipIfEmpty: onlyWithTransactions);
                return null;
            });
            // A send admitted from now on may be taken by this round: it must not share a flush queued before it.
            _sharedFlush = null;
        }
    }

    private Task<object?> Enqueue(Func<object?> run)
    {
        var work = new Work(run);
        TryEnqueue(work);
        return work.Done.Task;
    }

    private bool TryEnqueue(Work work)
    {
        try
        {
            _queue.Add(work);
            return true;
        }
        catch (InvalidOperationException)
        {
            work.Done.TrySetException(RpcException.Server("the node is stopping"));
            return false;
        }
    }

    private void Loop()
    {
        foreach (Work work in _queue.GetConsumingEnumerable())
        {
            if (work.SharedFlush)
            {
                // Started: later sends queue their own (their round may come after this point).
                lock (_roundQueueLock)
                {
                    if (_sharedFlush == work) _sharedFlush = null;
                }
            }
            if (_stopping)
            {
                work.Done.TrySetException(RpcException.Server("the node is stopping"));
                continue;
            }
            try
            {
                work.Done.TrySetResult(work.Run());
            }
            catch (Exception e)
            {
                if (e is not RpcException) _log($"dev: driver work failed: {e}");
                work.Done.TrySetException(e);
            }
        }
    }

    /// <summary>One round on the driver thread: the pool's executable transactions at the clock's timestamp. With
    /// <paramref name="skipIfEmpty"/> (automine) no block is made when nothing can run yet (only nonce gaps wait).</summary>
    private RoundResult? RunRound(ulong? timestamp, bool skipIfEmpty)
    {
        BlockHeader parent = _chain.Head;
        Dictionary<Address, ulong> nonces = StateNonces(parent.Number, _pool.Senders());
        List<PoolTransaction> batch = _pool.SelectExecutable(a => nonces.GetValueOrDefault(a), _chain.Genesis.GasLimit);
        if (batch.Count == 0 && skipIfEmpty) return null;
        ulong number = parent.Number + 1;
        var raws = new byte[batch.Count][];
        for (int i = 0; i < raws.Length; i++) raws[i] = batch[i].Raw;

        RoundResult result;
        ulong time = 0;
        long started = Stopwatch.GetTimestamp();
        try
        {
            if (parent.Timestamp == ulong.MaxValue)
            {
                // A chain wedged by an older version (it let a block be stamped 2^64 - 1): say how to recover
                // rather than failing inside the executor.
                throw new InvalidOperationException($"the head block {parent.Number} has timestamp {parent.Timestamp}, which leaves "
                    + "no room for another block; restart the node with --rollback-to (docs/dev-node.md)");
            }
            time = timestamp ?? _clock.NextTimestamp(parent.Timestamp);
            result = _chain.ExecuteRound(new RoundInput(number, time, raws, _entities));
        }
        catch (Exception e)
        {
            // Never retry a batch that broke the executor: drop it so the next round can go on, and tell every send
            // waiting on it why (their hashes will never have receipts). The senders' pending nonces fall back to
            // their state nonces, so a resend with the same nonce is admitted.
            string reason = $"round {number} failed: {e.Message}";
            foreach (PoolTransaction tx in batch)
            {
                tx.Dropped(reason);
                _pool.Remove(tx.Hash);
            }
            _log($"dev: round {number} failed, {batch.Count} transactions dropped: {e.GetType().Name}: {e.Message}");
            throw RpcException.Server(reason);
        }
        TimeSpan executed = Stopwatch.GetElapsedTime(started);
        _clock.Used(time);

        foreach (StoredTransaction tx in result.Block.Transactions)
        {
            _pool.Get(tx.Hash)?.Mined();
            _pool.Remove(tx.Hash);
        }
        foreach (RejectedTransaction rejected in result.Rejected)
        {
            _pool.Get(rejected.Hash)?.Dropped($"rejected by round {number}: {rejected.Reason}");
            _pool.Remove(rejected.Hash);
            _log($"dev: round {result.Block.Header.Number} rejected {rejected.Hash}: {rejected.Reason}");
        }
        Dictionary<Address, ulong> after = StateNonces(number, _pool.Senders());
        foreach (PoolTransaction stale in _pool.RemoveStale(a => after.GetValueOrDefault(a)))
        {
            stale.Dropped($"nonce {stale.Nonce} already used");
            _log($"dev: dropped {stale.Hash} (nonce {stale.Nonce} already used)");
        }

        _log($"dev: round {number} committed: {result.Block.Transactions.Count} transactions, gas {result.Block.Header.GasUsed}, "
            + $"{result.Rejected.Count} rejected, block {result.Block.Header.Hash}, executed in {executed.TotalMilliseconds:F1} ms, "
            + $"round total {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms");
        LogEpochEnd(number);
        BlockCommitted?.Invoke(result);
        return result;
    }

    private Dictionary<Address, ulong> StateNonces(ulong block, Address[] senders)
    {
        var nonces = new Dictionary<Address, ulong>(senders.Length);
        if (senders.Length == 0) return nonces;
        IStateView state = _chain.OpenState(block);
        foreach (Address sender in senders) nonces[sender] = state.GetNonce(sender);
        return nonces;
    }

    private void LogEpochEnd(ulong round)
    {
        ulong perEpoch = _chain.Genesis.Rewards.RoundsPerEpoch;
        if (perEpoch == 0 || round % perEpoch != 0) return;
        try
        {
            SupplyFigures s = _chain.GetSupply(round);
            _log($"dev: epoch {round / perEpoch} ended at round {round}: reward pool {s.RewardPool} wei, unclaimed {s.Unclaimed} wei, "
                + $"circulating {s.Circulating} wei, burned {s.Burned} wei");
        }
        catch (Exception e)
        {
            _log($"dev: epoch {round / perEpoch} ended at round {round}; supply unavailable: {e.Message}");
        }
    }
}
