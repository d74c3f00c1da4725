using BenchmarkDotNet.Attributes;
using OasisEth.Bench.Executor;
using OasisEth.Executor;
using OasisEth.Host.Protocol;
using OasisEth.ParaTime;
using OasisEth.Primitives;
using BlockHeader = OasisEth.Host.Protocol.BlockHeader;
using Block = OasisEth.Host.Protocol.Block;

namespace OasisEth.Bench.ParaTime;

/// <summary>
/// One ParaTime round (<c>RuntimeExecuteTxBatchRequest</c>, Schedule mode) of 1,000 signed transfers from 1,000 funded
/// senders to 1,000 new accounts, on a state of 1,000 + system accounts, through <see cref="ParaTimeRuntime"/> exactly
/// as the dispatcher calls it. <b>Cold</b>: a fresh node cache, so every state node the round reads comes through the
/// host (SyncGet, proof decoded and verified). <b>Warm</b>: the cache already holds the state (a runtime whose previous
/// round was at this root, or whose cache survived). Both include decoding and signature recovery, execution, the OETH
/// end of round, the MKVS commit, the I/O tree and the response. Run:
/// <c>dotnet run -c Release --project bench/OasisEth.Bench -- --filter '*ParaTimeRound*' --inProcess</c>
/// </summary>
[MemoryDiagnoser]
public class ParaTimeRoundBenchmarks
{
    private const int Senders = 1000;
    private const ulong ChainId = 31337;

    [Params(false, true)]
    public bool Warm { get; set; }

    private readonly InMemoryHost _host = new();
    private GenesisConfig _genesis = null!;
    private BlockHeader _head = null!;
    private byte[][] _batch = [];
    private ParaTimeRuntime _runtime = null!;
    private HostStateTrees _warmTrees = null!;

    [GlobalSetup]
    public void Setup()
    {
        var funded = new (Address, UInt256)[Senders];
        for (int i = 0; i < Senders; i++) funded[i] = (BenchSigner.AddressOf(i), new UInt256(1000) * GenesisConfig.Oeth);
        _genesis = GenesisConfig.Dev(funded, ChainId);
        _head = new BlockHeader
        {
            Namespace = RuntimeId, Round = 0, Timestamp = 1_700_000_000, HeaderType = HeaderType.Normal,
            PreviousHash = OasisEth.Mkvs.Sha512_256.EmptyHash, IoRoot = OasisEth.Mkvs.Sha512_256.EmptyHash,
            StateRoot = OasisEth.Mkvs.Sha512_256.EmptyHash, MessagesHash = OasisEth.Mkvs.Sha512_256.EmptyHash,
            InMsgsHash = OasisEth.Mkvs.Sha512_256.EmptyHash,
        };
        // The genesis round, applied to the host's database as oasis-node applies write logs.
        ExecuteTxBatchResponse genesis = NewRuntime(new HostStateTrees()).ExecuteTxBatch(Request([]), _host, default);
        Hash256 root = _host.Apply(_head.StateRoot, genesis.Batch.StateWriteLog);
        _head = new BlockHeader
        {
            Namespace = RuntimeId, Round = 1, Timestamp = _head.Timestamp + 6, HeaderType = HeaderType.Normal,
            PreviousHash = _head.Hash(), IoRoot = genesis.Batch.Header.IoRoot!.Value, StateRoot = root,
            MessagesHash = OasisEth.Mkvs.Sha512_256.EmptyHash, InMsgsHash = OasisEth.Mkvs.Sha512_256.EmptyHash,
        };
        _batch = new byte[Senders][];
        for (int i = 0; i < Senders; i++)
            _batch[i] = BenchSigner.Sign(i, ChainId, 0, Address.FromLowUlong(0x10_0000UL + (ulong)i), [], 21_000);
        _warmTrees = new HostStateTrees();
        Run(NewRuntime(_warmTrees)); // fills the warm cache and checks the round
    }

    private static readonly Hash256 RuntimeId = new(Hex.Decode("8000000000000000000000000000000000000000000000000000000001234567"));

    private ParaTimeRuntime NewRuntime(HostStateTrees trees)
    {
        var runtime = new ParaTimeRuntime(_genesis, trees);
        runtime.Initialize(new RuntimeInfoRequest { RuntimeId = RuntimeId, ConsensusBackend = "tendermint" });
        return runtime;
    }

    private ExecuteTxBatchRequest Request(byte[][] inputs) => new()
    {
        Mode = ExecutionMode.Schedule,
        Block = new Block { Header = _head },
        Inputs = [.. inputs],
    };

    [IterationSetup]
    public void NewRuntimeForIteration() => _runtime = NewRuntime(Warm ? _warmTrees : new HostStateTrees());

    [Benchmark(Description = "ParaTime round of 1,000 transfers")]
    public ExecuteTxBatchResponse Round() => Run(_runtime);

    private ExecuteTxBatchResponse Run(ParaTimeRuntime runtime)
    {
        ExecuteTxBatchResponse response = runtime.ExecuteTxBatch(Request(_batch), _host, default);
        if (response.TxHashes.Count != Senders) throw new InvalidOperationException($"only {response.TxHashes.Count} of {Senders} proposed");
        return response;
    }
}
