using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Ewasm.Execution;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>What one executed batch entry did (an invalid one has <see cref="Result"/>.IsInvalid).</summary>
internal readonly record struct EntryOutcome(TransactionResult Result, bool Success, byte[] RevertData, UInt256 Claimed);

/// <summary>
/// Runs one decoded transaction of a round the way the chain does, for round execution, calls and re-execution in
/// traces (so all give the same state): the transaction processor with the chain's system contracts, the OETH
/// reward claims (<see cref="OethClaimHook"/>), as its execution-phase hook, and the Ewasm engine in the chain
/// metering when the genesis turns it on (<see cref="GenesisConfig.Ewasm"/>).
/// </summary>
internal sealed class EntryRunner(TransactionProcessor processor)
{
    public EntryRunner(GenesisConfig genesis, ISupplyRules rules, EvmEngines? engines = null)
        : this(ChainProcessor(genesis, rules, engines ?? EvmEngines.Interpreter)) { }

    /// <summary>The processor every node of the chain runs: the same engines in every runner (rounds, calls, traces),
    /// or a call could succeed where the round fails. Senders must have no code (EIP-3607) on the chain. The EVM tier
    /// (<see cref="EvmEngines"/>) changes speed only, never a result.</summary>
    private static TransactionProcessor ChainProcessor(GenesisConfig genesis, ISupplyRules rules, EvmEngines engines)
    {
        var claims = new OethClaimHook(rules, genesis.ChainId);
        IExecutionEngine[] evm = engines.ForProcessor();
        IExecutionEngine[] all = genesis.Ewasm ? [new EwasmExecutionEngine(MeteringMode.Chain), .. evm] : evm;
        return new TransactionProcessor(genesis.Fork, claims, all) { SenderMustBeEoa = true };
    }

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
