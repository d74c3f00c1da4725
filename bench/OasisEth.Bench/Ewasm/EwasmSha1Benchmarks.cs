using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using OasisEth.Bench.Interpreter;
using OasisEth.Evm;
using OasisEth.Ewasm.Execution;
using OasisEth.Primitives;
using OasisEth.State;
using OasisEth.Transactions;

namespace OasisEth.Bench.Ewasm;

/// <summary>
/// The same algorithm on both engines: SHA-1 of 5,311 bytes as an Ewasm contract (C, tests/OasisEth.Ewasm.Tests/
/// Contracts/sha1.c, built here with its build.sh) and as EVM bytecode (evmone's sha1_divs and sha1_shifts cases on
/// the same input length), each one whole transaction through the processor. <c>EwasmColdCall</c> is the first call
/// of the contract in a process: validation and Wasmtime compilation included (a fresh contract cache each time).
/// Gas of each is printed in the setup.
/// </summary>
[MemoryDiagnoser]
public class EwasmSha1Benchmarks
{
    private static readonly Address Sender = Address.Parse("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    private static readonly Address Contract = Address.Parse("0x0000000000000000000000000000000000005a11");

    private RestoringWorldState _wasmState = null!;
    private TransactionProcessor _chain = null!;
    private TransactionProcessor _reference = null!;
    private Transaction _wasmTx = null!;
    private BlockContext _block = null!;
    private EvmoneCase _evmDivs = null!, _evmShifts = null!;
    private RestoringWorldState _divsState = null!, _shiftsState = null!;
    private TransactionProcessor _evm = null!;
    private byte[] _sha1 = [];

    [GlobalSetup]
    public void Setup()
    {
        _sha1 = File.ReadAllBytes(Path.Combine(BuildContracts(), "sha1.wasm"));
        var state = new InMemoryWorldState();
        state.SetAccount(Sender, 0, UInt256.Parse("1000000000000000000000"), [], []);
        state.SetAccount(Contract, 1, UInt256.Zero, _sha1, []);
        _wasmState = new RestoringWorldState(state);
        byte[] input = [.. Enumerable.Range(0, 5311).Select(i => (byte)(i * 31 + 7))];
        _wasmTx = new Transaction
        {
            Type = TxType.Legacy, Nonce = 0, GasPrice = UInt256.Zero, GasLimit = 30_000_000, To = Contract, Data = input, Sender = Sender,
        };
        _block = new BlockContext { Coinbase = Sender, Number = 1, Timestamp = 1, GasLimit = 30_000_000, BaseFee = UInt256.Zero };
        _chain = new TransactionProcessor(Fork.Prague, null, new EwasmExecutionEngine(MeteringMode.Chain));
        _reference = new TransactionProcessor(Fork.Prague, null, new EwasmExecutionEngine(MeteringMode.Reference));
        TransactionResult chain = Check(_chain.Execute(_wasmState, _block, _wasmTx), System.Security.Cryptography.SHA1.HashData(input));
        TransactionResult reference = Check(_reference.Execute(_wasmState, _block, _wasmTx), System.Security.Cryptography.SHA1.HashData(input));

        _evmDivs = EvmoneCase.Get(EvmoneCase.Names.First(n => n.Contains("sha1_divs", StringComparison.Ordinal) && n.Contains("5311", StringComparison.Ordinal)));
        _evmShifts = EvmoneCase.Get(EvmoneCase.Names.First(n => n.Contains("sha1_shifts", StringComparison.Ordinal) && n.Contains("5311", StringComparison.Ordinal)));
        _divsState = new RestoringWorldState(_evmDivs.CreatePreState());
        _shiftsState = new RestoringWorldState(_evmShifts.CreatePreState());
        _evm = new TransactionProcessor(_evmDivs.Fork);
        Console.WriteLine($"// sha1 of 5311 bytes: Ewasm chain metering gas {chain.GasUsed}, Ewasm reference metering gas {reference.GasUsed}, " +
            $"EVM sha1_divs gas {_evmDivs.GasUsed}, EVM sha1_shifts gas {_evmShifts.GasUsed}; module {_sha1.Length} bytes");
    }

    [Benchmark]
    public TransactionResult EwasmChainMetering() => _chain.Execute(_wasmState, _block, _wasmTx);

    [Benchmark]
    public TransactionResult EwasmReferenceMetering() => _reference.Execute(_wasmState, _block, _wasmTx);

    [Benchmark]
    public TransactionResult EwasmColdCall() =>
        new TransactionProcessor(Fork.Prague, null, new EwasmExecutionEngine(MeteringMode.Chain, new ContractCache(EwasmEngine.Instance)))
            .Execute(_wasmState, _block, _wasmTx);

    [Benchmark(Baseline = true)]
    public TransactionResult EvmSha1Divs() => _evm.Execute(_divsState, _evmDivs.Block, _evmDivs.Transaction);

    [Benchmark]
    public TransactionResult EvmSha1Shifts() => _evm.Execute(_shiftsState, _evmShifts.Block, _evmShifts.Transaction);

    private static TransactionResult Check(TransactionResult r, byte[] digest)
    {
        if (!r.Success || !r.Output.AsSpan().SequenceEqual(digest)) throw new InvalidOperationException($"Ewasm sha1 is wrong: {r.Error}");
        return r;
    }

    /// <summary>Runs the test contracts' build.sh (clang wasm32 + wasm-ld) into a temporary folder.</summary>
    private static string BuildContracts()
    {
        string? dir = AppContext.BaseDirectory;
        string script = "";
        while (dir is not null && !File.Exists(script = Path.Combine(dir, "tests", "OasisEth.Ewasm.Tests", "Contracts", "build.sh")))
            dir = Path.GetDirectoryName(dir);
        if (dir is null) throw new FileNotFoundException("tests/OasisEth.Ewasm.Tests/Contracts/build.sh not found above " + AppContext.BaseDirectory);
        string output = Path.Combine(Path.GetTempPath(), "oasiseth-bench-ewasm-" + Environment.ProcessId);
        using Process p = Process.Start(new ProcessStartInfo("bash", [script, output]))!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("building the Ewasm contracts failed");
        return output;
    }
}
