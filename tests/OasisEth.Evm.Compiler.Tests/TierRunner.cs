using OasisEth.Evm.Compiler;
using OasisEth.Primitives;
using OasisEth.Tests.Shared;
using OasisEth.Transactions;

namespace OasisEth.Evm.Compiler.Tests;

/// <summary>One transaction on a fresh test state, run by the interpreter or by the compiled tier.</summary>
internal static class TierRunner
{
    public sealed record Outcome(TransactionResult Result, Hash256 StateRoot, CompiledExecutionEngine? Engine);

    public static Outcome Run(EvmTier tier, Fork fork, Action<EvmTestHost> deploy, Address? to, byte[] data, ulong gas,
        ulong value = 0, CancellationToken interrupt = default, CompiledCodeCache? cache = null)
    {
        var host = new EvmTestHost { Fork = fork };
        deploy(host);
        var tx = new Transaction
        {
            Type = TxType.Legacy,
            Nonce = host.State.GetNonce(EvmTestHost.Sender),
            GasPrice = UInt256.Zero,
            GasLimit = gas,
            To = to,
            Value = new UInt256(value),
            Data = data,
            Sender = EvmTestHost.Sender,
        };
        CompiledExecutionEngine? engine = tier == EvmTier.Interpreter ? null : new CompiledExecutionEngine(tier, cache);
        var processor = engine is null ? new TransactionProcessor(fork) : new TransactionProcessor(fork, null, engine);
        TransactionResult result = processor.Execute(host.State, host.Block(gas), tx, null, interrupt);
        return new Outcome(result, host.State.ComputeStateRoot(), engine);
    }

    /// <summary>What must agree between the tiers, as text (a failing comparison prints both).</summary>
    public static string Describe(Outcome o) => OutcomeText.Describe(o.Result, o.StateRoot);
}
