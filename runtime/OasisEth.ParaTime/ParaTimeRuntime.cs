using OasisHeader = OasisEth.Host.Protocol.BlockHeader;
using OasisEth.Executor;
using OasisEth.Host.Dispatch;
using OasisEth.Host.Protocol;
using OasisEth.Mkvs;
using OasisEth.Primitives;

namespace OasisEth.ParaTime;

/// <summary>
/// The Oasis-Eth ParaTime behind the runtime host protocol: the <see cref="IRuntimeLogic"/> the dispatcher calls.
/// Rounds run through the executor's <see cref="RoundExecutor"/> (the dev node's round logic) on trees whose nodes
/// come from the host (<see cref="IStateTreeSource"/>); calls through its <see cref="CallSimulator"/>. It keeps no
/// state of its own beyond caches keyed by root or node hash: any node of the committee, fresh or not, computes the
/// same answer from the same request. Batches run one at a time; CheckTx and queries run beside them on their own trees.
/// </summary>
public sealed class ParaTimeRuntime : IRuntimeLogic
{
    /// <summary>The version the runtime reports; must equal the bundle's RONL component and the registry deployment.</summary>
    public static readonly RhpVersion Version = new(0, 1, 0);

    private readonly GenesisConfig _genesis;
    private readonly IStateTreeSource _trees;
    private readonly RoundExecutor _executor;
    private readonly CallSimulator _calls;
    private readonly Lock _executeLock = new();

    /// <summary>The genesis state for CheckTx and queries before the first round (built once; every node of its tree
    /// is in memory, so concurrent reads never load or change it).</summary>
    private readonly Lazy<GenesisBlock> _genesisBlock;
    private RuntimeSettings _settings = new();
    private Hash256 _runtimeId;
    private volatile bool _initialized;

    /// <summary>The tree of the last committed round, reused when the next batch starts from its root.</summary>
    private MkvsTree? _warm;

    /// <summary>Where the runtime reports rounds and failures (level DEBG/INFO/WARN/ERRO, message); the executable
    /// writes them as the JSON lines oasis-node reads. Never consulted for a result.</summary>
    public Action<string, string>? Log { get; init; }

    /// <param name="engines">The EVM tier rounds and queries run on (<c>--evm-tier</c>; the interpreter by default).
    /// Every tier gives the same results.</param>
    public ParaTimeRuntime(GenesisConfig genesis, IStateTreeSource trees, EvmEngines? engines = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(trees);
        _genesis = genesis;
        _trees = trees;
        _executor = new RoundExecutor(genesis, engines);
        _calls = new CallSimulator(genesis, engines);
        _genesisBlock = new Lazy<GenesisBlock>(_executor.BuildGenesis);
    }

    public GenesisConfig Genesis => _genesis;

    public RuntimeSettings Settings => _settings;

    /// <summary>Batches executed from the warm tree vs from a tree opened through the host (for tests and figures).</summary>
    public (long Warm, long Cold) TreeReuse => (Interlocked.Read(ref _warmRounds), Interlocked.Read(ref _coldRounds));

    private long _warmRounds, _coldRounds;

    public RuntimeInfoResponse Initialize(RuntimeInfoRequest request)
    {
        RuntimeSettings settings;
        try
        {
            settings = RuntimeSettings.From(request.LocalConfig);
        }
        catch (FormatException e)
        {
            throw new RuntimeErrorException("runtime", 1, e.Message);
        }
        _settings = settings;
        _runtimeId = request.RuntimeId;
        _initialized = true;
        Log?.Invoke("INFO", $"runtime {request.RuntimeId} initialized: chain id {_genesis.ChainId}, consensus {request.ConsensusBackend}, initial batch {settings.InitialBatchSize}, max batch {settings.MaxBatchSize} txs / {settings.MaxBatchSizeBytes} bytes");
        return new RuntimeInfoResponse
        {
            ProtocolVersion = RhpVersion.RuntimeHostProtocol,
            RuntimeVersion = Version,
            Features = new Features { ScheduleControl = new ScheduleControl(settings.InitialBatchSize) },
        };
    }

    public CheckTxBatchResponse CheckTxBatch(CheckTxBatchRequest request, IHostCalls host, CancellationToken ct)
    {
        CheckNamespace(request.Block.Header);
        ChainState chain = OpenReadOnly(request.Block.Header, host, ct);
        return ParaTime.CheckTxBatch.Run(request, chain, _genesis, ct);
    }

    public ExecuteTxBatchResponse ExecuteTxBatch(ExecuteTxBatchRequest request, IHostCalls host, CancellationToken ct)
    {
        CheckNamespace(request.Block.Header);
        lock (_executeLock)
        {
            StorageRoot root = StorageRoot.StateOf(request.Block.Header);
            MkvsTree? tree = _warm;
            _warm = null; // a round that fails halfway must not leave a half-written tree for the next one
            Action<IReadOnlyList<byte[]>>? prefetch = null;
            if (tree is null || tree.Root != root.Hash || tree.HasPendingChanges)
            {
                tree = _trees.Open(root, host, ct);
                MkvsTree cold = tree;
                prefetch = keys => _trees.Prefetch(cold, keys);
                Interlocked.Increment(ref _coldRounds);
            }
            else
            {
                _trees.Rebind(tree, root, host, ct);
                Interlocked.Increment(ref _warmRounds);
            }
            long started = System.Diagnostics.Stopwatch.GetTimestamp();
            ExecuteTxBatchResponse response;
            try
            {
                response = new BatchRound(_executor, _settings, prefetch).Run(request, tree, host, ct);
            }
            catch (Exception e) when (Log is not null)
            {
                Log("ERRO", $"round {request.Block.Header.Round + 1} ({request.Mode}) failed: {e.Message}");
                throw;
            }
            _trees.Remember(tree);
            _warm = tree;
            Log?.Invoke("INFO", $"round {response.Batch.Header.Round} ({request.Mode}): {response.TxHashes.Count} txs, {response.TxRejectHashes.Count} rejected, state root {response.Batch.Header.StateRoot}, {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F1} ms");
            return response;
        }
    }

    public QueryResponse Query(QueryRequest request, IHostCalls host, CancellationToken ct)
    {
        CheckNamespace(request.Header);
        ChainState chain = OpenReadOnly(request.Header, host, ct);
        return new QueryResponse { Data = QueryMethods.Run(request.Method, request.Args, chain, _genesis, _calls, ct) };
    }

    /// <summary>The chain at a header's state root on a tree of its own; an empty state reads as the genesis.</summary>
    private ChainState OpenReadOnly(OasisHeader header, IHostCalls host, CancellationToken ct)
    {
        if (header.StateRoot == Sha512_256.EmptyHash || header.StateRoot == default)
        {
            GenesisBlock genesis = _genesisBlock.Value;
            return new ChainState(genesis.Tree, genesis.Header);
        }
        return ChainState.At(_trees.Open(StorageRoot.StateOf(header), host, ct));
    }

    private void CheckNamespace(OasisHeader header)
    {
        if (!_initialized) throw new RuntimeErrorException("runtime", 1, "host environment information not configured");
        if (header.Namespace != _runtimeId)
            throw new RuntimeErrorException("runtime", 2, $"block namespace {header.Namespace} is not this runtime's ({_runtimeId})");
    }
}
