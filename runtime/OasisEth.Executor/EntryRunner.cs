using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>What one executed batch entry did (an invalid one has <see cref="Result"/>.IsInvalid).</summary>
internal readonly record struct EntryOutcome(TransactionResult Result, bool Success, byte[] RevertData, UInt256 Claimed);

/// <summary>
/// Runs one decoded transaction of a round the way the chain does, for round execution, calls and re-execution in
/// traces (so all give the same state): the transaction processor with the chain's system contracts, the OETH
/// reward claims (<see cref="OethClaimHook"/>), as its execution-phase hook.
/// </summary>
internal sealed class EntryRunner(TransactionProcessor processor)
{
    public EntryRunner(GenesisConfig genesis, ISupplyRules rules, EvmEngines? engines = null)
        : this(new TransactionProcessor(genesis.Fork, new OethClaimHook(rules, genesis.ChainId),
            (engines ?? EvmEngines.Interpreter).ForProcessor())) { }

    public TransactionProcessor Processor { get; } = processor;

    /// <param name="interrupt">RPC executions only (calls, estimates, traces); rounds pass none.</param>
    public EntryOutcome Run(InMemoryWorldState state, BlockContext block, Transaction tx, ITxTracer? tracer = null,
        CancellationToken interrupt = default)
    {
        TransactionResult result = Processor.Execute(state, block, tx, tracer, interrupt);
        if (result.IsInvalid) return new EntryOutcome(result, false, [], UInt256.Zero);
        if (!result.Success) return new EntryOutcome(result, false, result.Output, UInt256.Zero);
        return new EntryOutcome(result, true, [], result.Issued);
    }

    /// <summary>Solidity's <c>Error(string)</c> encoding, so clients show the refusal as a revert reason.</summary>
    internal static byte[] AbiError(string message) => OethClaimHook.AbiError(message);
}
