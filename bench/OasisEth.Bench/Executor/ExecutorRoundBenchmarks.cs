using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using OasisEth.Bench.Interpreter;
using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Bench.Executor;

/// <summary>
/// One round of 1,000 signed ERC-20 transfers (BenchToken, <c>shared/bench/contracts</c>) from 20 senders to holders:
/// decoding and signature recovery, execution, the OETH end of round, the MKVS commit and the RocksDB round batch
/// (state, blocks, receipts, indexes; fsynced or not), pruning. Transactions are signed in the iteration setup,
/// outside the timing (and, for <see cref="Prechecked"/>, admitted by CheckTx there too). Reports transactions/s and Mgas/s at the median. Run in-process:
/// <c>dotnet run -c Release --project bench/OasisEth.Bench -- --filter '*ExecutorRound*' --inProcess --artifacts /tmp/executor-bdn</c>
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public class ExecutorRoundBenchmarks
{
    public const int BatchSize = 1000;
    private const int Senders = 20;
    private const ulong ChainId = 31337;
    private const ulong TransferGas = 60_000;

    /// <summary>Gas of one measured batch, set by the setup (the columns read it; valid in-process).</summary>
    private static long s_gasPerBatch;

    /// <summary>The latest-state cache on (the node's setting); a scratch A/B run may turn it off.</summary>
    private static bool s_cache = true;

    [Params(true, false)]
    public bool SyncCommits { get; set; }

    /// <summary>True: the batch went through CheckTx first (outside the timing), as a mempool does, so the round
    /// reuses the recovered senders; false: the round recovers every signature itself.</summary>
    [Params(false, true)]
    public bool Prechecked { get; set; }

    private string _dir = "";
    private Chain _chain = null!;
    private Address _token;
    private readonly ulong[] _nonces = new ulong[Senders + 1];
    private byte[][] _batch = [];

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "oasiseth-bench-executor", Guid.NewGuid().ToString("N"));
        var funded = new (Address, UInt256)[Senders + 1];
        for (int i = 0; i <= Senders; i++) funded[i] = (BenchSigner.AddressOf(i), new UInt256(1_000_000) * GenesisConfig.Oeth);
        // 1,000 transfers use ~35M gas: more than the dev chain's 30M per round, so this chain's rounds take 100M.
        GenesisConfig genesis = GenesisConfig.Dev(funded, ChainId) with { GasLimit = 100_000_000 };
        _chain = Chain.Open(_dir, genesis, new ChainOptions { SyncCommits = SyncCommits, LatestStateCache = s_cache });
        Array.Clear(_nonces);

        // Deployer = account Senders; every sender and recipient holds tokens, so each transfer is nonzero → nonzero.
        string contracts = Path.Combine(Path.GetDirectoryName(EvmoneData.Root)!, "contracts");
        byte[] creation = [.. Hex.Decode(File.ReadAllText(Path.Combine(contracts, "BenchToken.bin")).Trim()), .. ConstructorArgs()];
        _token = OasisEth.Evm.ContractAddress.FromCreate(BenchSigner.AddressOf(Senders), 0);
        var setup = new List<byte[]> { BenchSigner.Sign(Senders, ChainId, _nonces[Senders]++, null, creation, 3_000_000) };
        for (int i = 0; i < Senders; i++)
            setup.Add(BenchSigner.Sign(Senders, ChainId, _nonces[Senders]++, _token, Call(0x40c10f19, BenchSigner.AddressOf(i), 1UL << 60), 200_000));
        Execute([.. setup]);

        // A first measured-size round checks the workload and fixes the gas per batch.
        MakeBatch();
        RoundResult probe = Execute(_batch);
        s_gasPerBatch = (long)probe.Block.Header.GasUsed;
    }

    [IterationSetup]
    public void MakeBatch()
    {
        _batch = new byte[BatchSize][];
        for (int i = 0; i < BatchSize; i++)
        {
            int from = i % Senders;
            Address to = BenchSigner.AddressOf((from + 1 + i / Senders % (Senders - 1)) % Senders);
            _batch[i] = BenchSigner.Sign(from, ChainId, _nonces[from]++, _token, Call(0xa9059cbb, to, 1), TransferGas);
        }
        if (Prechecked)
        {
            foreach (byte[] raw in _batch)
            {
                CheckTxResult check = _chain.CheckTx(raw);
                if (!check.Ok) throw new InvalidOperationException("CheckTx: " + check.Error);
            }
        }
    }

    [Benchmark(Description = "round of 1,000 ERC-20 transfers")]
    public RoundResult ExecuteBatch() => Execute(_batch);

    [GlobalCleanup]
    public void Cleanup()
    {
        _chain.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private RoundResult Execute(byte[][] batch)
    {
        ulong number = _chain.Head.Number + 1;
        RoundResult result = _chain.ExecuteRound(new RoundInput(number, number * 6, batch, []));
        if (result.Rejected.Count != 0) throw new InvalidOperationException("rejected: " + result.Rejected[0].Reason);
        foreach (StoredReceipt receipt in result.Receipts)
            if (!receipt.Success) throw new InvalidOperationException($"transaction {receipt.TransactionIndex} failed");
        return result;
    }

    private static byte[] ConstructorArgs()
    {
        var args = new byte[32 * 6];
        args[31] = 0x40;
        args[63] = 0x80;
        args[95] = 5;
        "Bench"u8.CopyTo(args.AsSpan(96));
        args[159] = 2;
        "BT"u8.CopyTo(args.AsSpan(160));
        return args;
    }

    private static byte[] Call(uint selector, Address address, UInt256 amount)
    {
        var data = new byte[68];
        data[0] = (byte)(selector >> 24);
        data[1] = (byte)(selector >> 16);
        data[2] = (byte)(selector >> 8);
        data[3] = (byte)selector;
        address.CopyTo(data.AsSpan(16));
        amount.WriteBigEndian(data.AsSpan(36));
        return data;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new RateColumn("TxPerSecond", "tx/s", "Transactions per second at the median", () => BatchSize, 1.0));
            AddColumn(new RateColumn("MgasPerSecond", "Mgas/s", "Million gas per second at the median", () => s_gasPerBatch, 1e-6));
        }
    }

    /// <summary>amount-per-batch ÷ median seconds × scale.</summary>
    private sealed class RateColumn(string id, string name, string legend, Func<long> perBatch, double scale) : IColumn
    {
        public string Id => id;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => legend;
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            double? medianNs = summary[benchmarkCase]?.ResultStatistics?.Median;
            long amount = perBatch();
            if (medianNs is not > 0 || amount <= 0) return "?";
            return (amount / (medianNs.Value / 1e9) * scale).ToString("F1", CultureInfo.InvariantCulture);
        }
    }
}
