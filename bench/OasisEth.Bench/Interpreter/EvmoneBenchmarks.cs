using BenchmarkDotNet.Attributes;
using OasisEth.Evm;
using OasisEth.Transactions;
using OasisEth.Primitives;

namespace OasisEth.Bench.Interpreter;

/// <summary>
/// evmone's benchmark suite (ipsilon/evm-benchmarks state tests, main and micro) through the real transaction
/// processor: one invocation executes the case's transaction on its pre-state. Loading, building and checking the
/// case happen in <see cref="Setup"/>; the timed call allocates only what the processor and interpreter allocate.
/// The state is put back by <see cref="RestoringWorldState"/> inside each call (see there for why), so every
/// invocation sees the same pre-state, nonce included.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EvmoneConfig))]
public class EvmoneBenchmarks
{
    public static IEnumerable<string> Cases => EvmoneCase.Names;

    [ParamsSource(nameof(Cases))]
    public string Case { get; set; } = "";

    private EvmoneCase _case = null!;
    private RestoringWorldState _state = null!;
    private TransactionProcessor _processor = null!;
    private BlockContext _block = null!;
    private Transaction _transaction = null!;
    private Hash256 _preStateRoot;

    [GlobalSetup]
    public void Setup()
    {
        _case = EvmoneCase.Get(Case); // throws if the reference run is wrong
        _state = new RestoringWorldState(_case.CreatePreState());
        _preStateRoot = _state.Inner.ComputeStateRoot();
        _processor = new TransactionProcessor(_case.Fork);
        _block = _case.Block;
        _transaction = _case.Transaction;
        // Twice: the second run proves the rollback left a state on which the case repeats exactly.
        Check("setup run 1");
        Check("setup run 2");
        Console.WriteLine($"// evmone {Case}: gas {_case.GasUsed}, exec gas {_case.ExecutionGas}, post-state root and logs match the fixture, " +
            (_case.ExpectedOutput is { } e ? $"output = legacy expected ({e.Length} bytes)" : "no legacy expected output"));
    }

    [Benchmark]
    public TransactionResult Execute() => _processor.Execute(_state, _block, _transaction);

    /// <summary>After timing, the state must still be the pre-state and the case must still give the same result.</summary>
    [GlobalCleanup]
    public void Cleanup() => Check("after the timed runs");

    private void Check(string when)
    {
        TransactionResult result = _processor.Execute(_state, _block, _transaction);
        string? error = null;
        if (result.IsInvalid) error = "rejected: " + result.InvalidReason;
        else if (!result.Success) error = "failed: " + result.Error;
        else if (result.GasUsed != _case.GasUsed) error = $"gas used {result.GasUsed}, reference run {_case.GasUsed}";
        else if (!result.Output.AsSpan().SequenceEqual(_case.Output)) error = $"output {Hex.Encode(result.Output)}, reference {Hex.Encode(_case.Output)}";
        else if (_state.Inner.ComputeStateRoot() != _preStateRoot) error = "the rollback did not restore the pre-state";
        if (error is not null) throw new InvalidOperationException($"evmone case {Case}, {when}: {error}");
    }
}
