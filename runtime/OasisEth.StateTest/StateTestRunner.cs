using OasisEth.Ewasm.Execution;
using System.Text;
using OasisEth.Evm;
using OasisEth.Evm.Compiler;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Mkvs;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.State.Mkvs;

namespace OasisEth.StateTest;

/// <summary>
/// Runs state-test fixtures: for every (test, fork, post entry) it loads <c>pre</c> into a fresh
/// <see cref="InMemoryWorldState"/> (or an MKVS tree it reads through, see <see cref="StateTestOptions.Backend"/>), builds the block and the transaction from the fixture, executes it with
/// <see cref="TransactionProcessor"/>, and compares the state root, the logs hash and the expected rejection.
/// Anything that goes wrong with one case (a malformed field, an exception from the processor) becomes that
/// case's error; the runner itself never stops on a case.
/// </summary>
public sealed class StateTestRunner(StateTestOptions options) : IDisposable
{
    public StateTestOptions Options { get; } = options;

    /// <summary>The run's node stores (<see cref="StateBackend.Rocks"/>), made on first use.</summary>
    private RocksStatePool? _rocks;
    private readonly Lock _rocksLock = new();

    /// <summary>
    /// Deletes the temporary node stores of a <see cref="StateBackend.Rocks"/> run. They outlive each
    /// <see cref="RunFiles"/> call, so several calls share them; dispose the runner when done.
    /// </summary>
    public void Dispose()
    {
        lock (_rocksLock)
        {
            _rocks?.Dispose();
            _rocks = null;
        }
    }

    private RocksStatePool Rocks()
    {
        lock (_rocksLock) return _rocks ??= new RocksStatePool();
    }

    /// <summary>
    /// Runs the files one after the other, the cases inside each in parallel (<see cref="StateTestOptions.MaxParallelism"/>
    /// at once; one at a time when tracing), and hands each file's results to <paramref name="onFileDone"/> in the order
    /// of <paramref name="files"/>. The next file is read and parsed while the current one runs.
    /// </summary>
    /// <remarks>Cases, not files, are the unit of parallel work: a few files (stTimeConsuming, vmPerformance) hold most
    /// of the run time, and this way the number of worker threads (each keeping a processor with its VM's frame pool)
    /// stays at the degree of parallelism instead of growing with nested loops.</remarks>
    public void RunFiles(IReadOnlyList<FixturePath> files, Action<IReadOnlyList<CaseResult>> onFileDone)
    {
        if (files.Count == 0) return;
        Task<FixtureFile> next = Load(files[0]);
        for (int i = 0; i < files.Count; i++)
        {
            FixtureFile file = next.GetAwaiter().GetResult();
            if (i + 1 < files.Count) next = Load(files[i + 1]);
            onFileDone(Run(file));
        }
    }

    private static Task<FixtureFile> Load(FixturePath path) =>
        Task.Run(() => FixtureLoader.LoadFile(path.FullPath, path.DisplayName));

    /// <summary>Runs every file and returns all results in file order.</summary>
    public List<CaseResult> RunAll(IReadOnlyList<FixturePath> files)
    {
        var all = new List<CaseResult>();
        RunFiles(files, all.AddRange);
        return all;
    }

    public IReadOnlyList<CaseResult> RunFile(FixturePath file) => Run(FixtureLoader.LoadFile(file.FullPath, file.DisplayName));

    public IReadOnlyList<CaseResult> Run(FixtureFile file)
    {
        var results = new List<CaseResult>();
        if (file.FileError is not null)
        {
            if (Matches(file.File)) results.Add(CaseResult.Broken(file.File, file.File, file.File, file.FileError));
            return results;
        }
        foreach (KeyValuePair<string, string> broken in file.TestErrors)
        {
            string id = $"{file.File}::{broken.Key}";
            if (Matches(id)) results.Add(CaseResult.Broken(id, file.File, broken.Key, broken.Value));
        }
        var work = new List<CaseWork>();
        foreach (StateTestFixture test in file.Tests) Select(test, work);
        var caseResults = new CaseResult[work.Count];
        if (Options.TraceOutput is not null || work.Count < 2 || Options.MaxParallelism <= 1)
        {
            for (int i = 0; i < work.Count; i++) caseResults[i] = RunWorkItem(work[i]);
        }
        else
        {
            Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallelism },
                i => caseResults[i] = RunWorkItem(work[i]));
        }
        results.AddRange(caseResults);
        return results;
    }

    /// <summary>Runs the selected post entries of one test, one after the other, appending their results.</summary>
    public void Run(StateTestFixture test, List<CaseResult> results)
    {
        var work = new List<CaseWork>();
        Select(test, work);
        foreach (var item in work) results.Add(RunWorkItem(item));
    }

    private CaseResult RunWorkItem(CaseWork item) =>
        item.SenderError is not null ? Failed(item.Test, item.Post, item.SenderError) : RunCase(item.Test, item.Post, item.Sender!.Value);

    /// <summary>The post entries of a test that pass the fork and id filters, with the sender derived once per test.</summary>
    private void Select(StateTestFixture test, List<CaseWork> work)
    {
        Address? sender = null;
        string? senderError = null;
        foreach (PostEntry post in test.Post)
        {
            if (post.Fork is { } f ? Options.ForkFilter is { } keep && !keep(f) : Options.ForkFilter is not null) continue;
            if (!Matches(post.CaseId)) continue;
            if (sender is null && senderError is null)
            {
                try { sender = test.Transaction.Sender ?? SecretKeys.ToAddress(test.Transaction.SecretKey!); }
                catch (FixtureFormatException e) { senderError = "malformed fixture: " + e.Message; }
            }
            work.Add(new CaseWork(test, post, sender, senderError));
        }
    }

    /// <summary>One selected case, with its test's sender (or why it could not be derived).</summary>
    private readonly record struct CaseWork(StateTestFixture Test, PostEntry Post, Address? Sender, string? SenderError);

    /// <summary>Runs one case on a fresh state.</summary>
    public CaseResult RunCase(StateTestFixture test, PostEntry post, Address sender)
    {
        if (post.Fork is not { } fork) return Failed(test, post, $"unknown fork \"{post.ForkName}\"");

        TransactionTemplate t = test.Transaction;
        if (post.DataIndex >= t.Data.Count || post.GasIndex >= t.GasLimit.Count || post.ValueIndex >= t.Value.Count)
            return Failed(test, post, $"malformed fixture: indexes d{post.DataIndex} g{post.GasIndex} v{post.ValueIndex} out of range " +
                $"(data {t.Data.Count}, gasLimit {t.GasLimit.Count}, value {t.Value.Count})");

        InMemoryWorldState state = null!;
        MkvsTree? tree = null;
        StoreCase? stored = null;
        Eip3155Tracer? tracer = Options.TraceOutput is { } traceOutput ? new Eip3155Tracer(traceOutput) : null;
        string? rejected;
        IReadOnlyList<LogEntry> logs = [];
        try
        {
            state = OpenState(test, out tree, out stored);

            ulong? gasLimit = t.GasLimit[post.GasIndex];
            UInt256? value = t.Value[post.ValueIndex];
            if (gasLimit is null || value is null)
            {
                // Such a transaction cannot even be encoded (RLP_INVALID_VALUE / gas above 2^64-1): the reference
                // runners reject it while decoding. Frontier through EIP150 still touch the coinbase with a zero reward,
                // and before EIP158 that leaves an empty coinbase account behind (see the fixtures' README).
                rejected = gasLimit is null ? "gas limit does not fit 64 bits" : "value does not fit 256 bits";
                if (fork < Fork.SpuriousDragon && !state.Exists(test.Env.Coinbase))
                    state.SetAccount(test.Env.Coinbase, 0, UInt256.Zero, [], []);
            }
            else
            {
                Transaction tx = BuildTransaction(test, post, fork, sender, gasLimit.Value, value.Value);
                BlockContext block = BuildBlock(test, post, fork);
                TransactionResult result = Processor(fork, EwasmFor(test), Options.Tier).Execute(state, block, tx, tracer);
                rejected = result.InvalidReason;
                logs = result.Logs;
                // As the reference runner does, the block then pays its coinbase a zero reward, valid transaction or not:
                // this touch creates an empty coinbase account before Spurious Dragon and deletes an empty one after it.
                state.AddBalance(block.Coinbase, UInt256.Zero);
                state.CommitTransaction(fork >= Fork.SpuriousDragon);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            DiscardProcessor();
            tracer?.Flush();
            stored?.Release();
            return Failed(test, post, $"{e.GetType().Name}: {e.Message}");
        }
        tracer?.Flush();

        Hash256 root;
        try
        {
            if (stored is not null) tree = stored.CommitPost(state);
            root = tree is null ? state.ComputeStateRoot() : stored is null ? CommitToTree(state, tree) : EthereumRoot.Compute(tree);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stored?.Release();
            return Failed(test, post, $"computing the state root: {e.GetType().Name}: {e.Message}");
        }
        Hash256 logsHash = rejected is null ? LogsHash.Compute(logs) : Hash256.EmptyList;

        var error = new StringBuilder();
        if (post.ExpectException is not null && rejected is null)
            error.Append("expected exception ").Append(post.ExpectException).Append(", got none");
        else if (post.ExpectException is null && rejected is not null)
            error.Append("unexpected exception: ").Append(rejected);
        if (root != post.Hash)
            Append(error, $"state root mismatch: got {root}, want {post.Hash}");
        if (logsHash != post.Logs)
            Append(error, $"logs hash mismatch: got {logsHash}, want {post.Logs}");

        bool pass = error.Length == 0;
        try
        {
            return new CaseResult
            {
                Id = post.CaseId,
                File = test.File,
                Name = test.Name,
                Fork = post.ForkName,
                DataIndex = post.DataIndex,
                GasIndex = post.GasIndex,
                ValueIndex = post.ValueIndex,
                Pass = pass,
                StateRoot = root,
                ExpectedRoot = post.Hash,
                LogsHash = logsHash,
                ExpectedLogs = post.Logs,
                // A passing rejection still says which rule we applied (useful when checking exception names).
                Error = pass ? rejected : error.ToString(),
                Diff = !pass && root != post.Hash && post.State is not null
                    ? StateDiff.Compute(tree is null ? state.Dump() : MkvsStateDump.Dump(tree), post.State)
                    : [],
            };
        }
        finally
        {
            // The diff above still reads the reopened tree: the store goes back to the pool only now.
            stored?.Release();
        }
    }

    /// <summary>A fresh state holding <c>pre</c>: in memory, or (<see cref="StateBackend.Mkvs"/>) read through an MKVS
    /// tree that holds <c>pre</c> committed, so the case exercises lazy loads and an incremental second commit.</summary>
    private InMemoryWorldState OpenState(StateTestFixture test, out MkvsTree? tree, out StoreCase? stored)
    {
        stored = null;
        if (Options.Backend == StateBackend.Rocks)
        {
            stored = StoreCase.Begin(Rocks(), test);
            tree = stored.Tree;
            return new InMemoryWorldState(new MkvsStateReader(tree));
        }
        if (Options.Backend == StateBackend.Mkvs)
        {
            tree = new MkvsTree();
            foreach (PreAccount a in test.Pre) MkvsStateWriter.PutAccount(tree, a.Address, a.Nonce, a.Balance, a.Code, a.Storage);
            tree.Commit();
            return new InMemoryWorldState(new MkvsStateReader(tree));
        }
        tree = null;
        var state = new InMemoryWorldState();
        foreach (PreAccount a in test.Pre) state.SetAccount(a.Address, a.Nonce, a.Balance, a.Code, a.Storage);
        return state;
    }

    /// <summary>Ends the block on the MKVS backend: collect, apply, commit; the Ethereum root is read off the tree.</summary>
    private static Hash256 CommitToTree(InMemoryWorldState state, MkvsTree tree)
    {
        MkvsStateWriter.Apply(tree, state.CollectChanges());
        tree.Commit();
        return EthereumRoot.Compute(tree);
    }

    /// <summary>
    /// The transaction type follows the fields present, as the reference fillers chose it: 4 with an authorization
    /// list, 3 with blob fields, 2 with fee caps, 1 with an access list for this data index (and a gas price), else
    /// legacy. (Checked against every fixture's <c>txbytes</c>: they agree.)
    /// </summary>
    public static TxType ChooseType(TransactionTemplate t, int dataIndex)
    {
        if (t.AuthorizationList is not null) return TxType.SetCode;
        if (t.BlobVersionedHashes is not null || t.MaxFeePerBlobGas is not null) return TxType.Blob;
        if (t.MaxFeePerGas is not null) return TxType.DynamicFee;
        if (t.AccessLists is not null && dataIndex < t.AccessLists.Count && t.AccessLists[dataIndex] is not null) return TxType.AccessList;
        return TxType.Legacy;
    }

    public static Transaction BuildTransaction(StateTestFixture test, PostEntry post, Fork fork, Address sender, ulong gasLimit, in UInt256 value)
    {
        _ = fork; // the fork's rules are the processor's; the transaction is the same for every fork
        TransactionTemplate t = test.Transaction;
        TxType type = ChooseType(t, post.DataIndex);

        AccessListItem[] accessList = [];
        if (t.AccessLists is not null && post.DataIndex < t.AccessLists.Count && t.AccessLists[post.DataIndex] is { } list)
        {
            accessList = new AccessListItem[list.Count];
            for (int i = 0; i < list.Count; i++) accessList[i] = new AccessListItem(list[i].Address, [.. list[i].StorageKeys]);
        }

        AuthorizationTuple[] authorizations = [];
        if (t.AuthorizationList is { } auths)
        {
            authorizations = new AuthorizationTuple[auths.Count];
            for (int i = 0; i < auths.Count; i++)
            {
                AuthorizationEntry a = auths[i];
                authorizations[i] = new AuthorizationTuple(a.ChainId, a.Address, a.Nonce, a.V, a.R, a.S);
            }
        }

        // Legacy and access-list transactions pay gasPrice for both fee fields (fee cap = tip cap = gas price), as in
        // EIP-1559's treatment of old transactions, so the processor may use either view.
        UInt256 gasPrice = t.GasPrice ?? UInt256.Zero;
        return new Transaction
        {
            Type = type,
            Nonce = t.Nonce,
            GasPrice = gasPrice,
            MaxFeePerGas = t.MaxFeePerGas ?? gasPrice,
            MaxPriorityFeePerGas = t.MaxPriorityFeePerGas ?? gasPrice,
            GasLimit = gasLimit,
            To = t.To,
            Value = value,
            Data = t.Data[post.DataIndex],
            AccessList = accessList,
            MaxFeePerBlobGas = t.MaxFeePerBlobGas ?? UInt256.Zero,
            BlobVersionedHashes = t.BlobVersionedHashes is { } hashes ? [.. hashes] : [],
            AuthorizationList = authorizations,
            Sender = sender,
        };
    }

    public static BlockContext BuildBlock(StateTestFixture test, PostEntry post, Fork fork)
    {
        StateTestEnv env = test.Env;
        return new BlockContext
        {
            Coinbase = env.Coinbase,
            Number = env.Number,
            Timestamp = env.Timestamp,
            GasLimit = env.GasLimit,
            BaseFee = env.BaseFee,
            Difficulty = env.Difficulty,
            PrevRandao = env.Random,
            ExcessBlobGas = env.ExcessBlobGas,
            BlobBaseFee = fork >= Fork.Cancun
                ? BlobGas.BaseFee(env.ExcessBlobGas, BlobGas.UpdateFraction(fork, post.ForkName, test.BlobUpdateFractions))
                : UInt256.Zero,
            ChainId = test.ChainId,
            BlockHash = BlockHashes.Of,
        };
    }

    /// <summary>A processor owns its VM (frame pool with stacks and memory) and is not thread-safe, so each worker thread
    /// keeps one, replaced when the fork changes (cases come grouped by fork), rather than building one per case or
    /// keeping one per fork per thread.</summary>
    [ThreadStatic] private static TransactionProcessor? t_processor;
    [ThreadStatic] private static MeteringMode? t_processorEwasm;
    [ThreadStatic] private static EvmTier t_processorTier;

    /// <summary>Compiled code is shared by every worker thread (each code compiled once per fork).</summary>
    private static readonly CompiledCodeCache SharedCompiledCode = new();

    /// <summary>Codes compiled so far by the compiled and auto tiers in this process (tests show the tier ran).</summary>
    public static int CompiledCodeCompilations => SharedCompiledCode.Compilations;

    private static TransactionProcessor Processor(Fork fork, MeteringMode? ewasm, EvmTier tier)
    {
        if (t_processor is not { } processor || processor.Fork != fork || t_processorEwasm != ewasm || t_processorTier != tier)
        {
            t_processor = processor = ewasm is { } mode
                ? new TransactionProcessor(fork, null, new EwasmExecutionEngine(mode)) { SenderMustBeEoa = mode != MeteringMode.Reference }
                : tier == EvmTier.Interpreter
                    ? new TransactionProcessor(fork)
                    : new TransactionProcessor(fork, null, new CompiledExecutionEngine(tier, SharedCompiledCode));
            t_processorEwasm = ewasm;
            t_processorTier = tier;
        }
        return processor;
    }

    private MeteringMode? EwasmFor(StateTestFixture test) => Options.Ewasm switch
    {
        EwasmSetting.Reference => MeteringMode.Reference,
        EwasmSetting.Chain => MeteringMode.Chain,
        EwasmSetting.Auto when test.UsesWasm => MeteringMode.Reference,
        _ => null,
    };

    /// <summary>After an exception escaped a processor, its VM may hold half-run frames: start afresh.</summary>
    private static void DiscardProcessor() => t_processor = null;

    private bool Matches(string id) => Options.Filter is not { } filter || id.Contains(filter, StringComparison.Ordinal);

    private static CaseResult Failed(StateTestFixture test, PostEntry post, string error) => new()
    {
        Id = post.CaseId,
        File = test.File,
        Name = test.Name,
        Fork = post.ForkName,
        DataIndex = post.DataIndex,
        GasIndex = post.GasIndex,
        ValueIndex = post.ValueIndex,
        Pass = false,
        ExpectedRoot = post.Hash,
        ExpectedLogs = post.Logs,
        Error = error,
    };

    private static void Append(StringBuilder error, string text)
    {
        if (error.Length > 0) error.Append("; ");
        error.Append(text);
    }
}
