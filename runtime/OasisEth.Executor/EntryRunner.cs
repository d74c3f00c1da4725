using System.Text;
using OasisEth.Evm;
using OasisEth.Evm.Tracing;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>What one executed batch entry did (an invalid one has <see cref="Result"/>.IsInvalid).</summary>
internal readonly record struct EntryOutcome(TransactionResult Result, bool Success, byte[] RevertData, UInt256 Claimed);

/// <summary>
/// Runs one decoded transaction of a round the way the chain does, for round execution and for re-execution in
/// traces (so both give the same state): the transaction processor, then, for a successful transaction to
/// <see cref="OethClaims.Address"/>, the claim. A refused claim makes the receipt fail and is undone alone: the
/// gas stays paid and the nonce used. A claim carries no value; a transfer of value to the claims address is
/// refused and the value returned to the sender, so nothing is ever stranded there.
/// </summary>
internal sealed class EntryRunner(TransactionProcessor processor, ISupplyRules rules, ulong chainId)
{
    public TransactionProcessor Processor { get; } = processor;

    /// <param name="interrupt">RPC executions only (calls, estimates, traces); rounds pass none.</param>
    public EntryOutcome Run(InMemoryWorldState state, BlockContext block, Transaction tx, ITxTracer? tracer = null,
        CancellationToken interrupt = default)
    {
        TransactionResult result = Processor.Execute(state, block, tx, tracer, interrupt);
        if (result.IsInvalid) return new EntryOutcome(result, false, [], UInt256.Zero);
        if (!result.Success) return new EntryOutcome(result, false, result.Output, UInt256.Zero);
        if (tx.To != OethClaims.Address) return new EntryOutcome(result, true, [], UInt256.Zero);
        return RunClaim(state, tx, result);
    }

    private EntryOutcome RunClaim(InMemoryWorldState state, Transaction tx, TransactionResult result)
    {
        state.BeginTransaction();
        int snapshot = state.TakeSnapshot();
        string? refusal;
        UInt256 claimed = UInt256.Zero;
        if (!tx.Value.IsZero)
        {
            // The processor already moved the value; give it back (the claims address holds nothing).
            state.SubtractBalance(OethClaims.Address, tx.Value);
            state.AddBalance(tx.Sender, tx.Value);
            refusal = "a claim carries no value";
        }
        else
        {
            UInt256 unclaimedBefore = rules.ReadSupply(state).Unclaimed;
            refusal = rules.ApplyClaim(state, chainId, tx.Data);
            if (refusal is null)
            {
                UInt256 unclaimedAfter = rules.ReadSupply(state).Unclaimed;
                if (unclaimedAfter > unclaimedBefore)
                    throw new InvalidOperationException("A claim increased the unclaimed rewards; the supply rules are broken.");
                claimed = unclaimedBefore - unclaimedAfter;
            }
            else
            {
                state.Restore(snapshot); // Apply promises to change nothing on refusal; make sure.
            }
        }
        state.CommitTransaction(deleteTouchedEmpty: true);
        return refusal is null
            ? new EntryOutcome(result, true, [], claimed)
            : new EntryOutcome(result, false, AbiError("claim refused: " + refusal), UInt256.Zero);
    }

    /// <summary>Solidity's <c>Error(string)</c> encoding, so clients show the refusal as a revert reason.</summary>
    internal static byte[] AbiError(string message)
    {
        byte[] text = Encoding.UTF8.GetBytes(message);
        int padded = (text.Length + 31) / 32 * 32;
        var data = new byte[4 + 32 + 32 + padded];
        data[0] = 0x08; data[1] = 0xc3; data[2] = 0x79; data[3] = 0xa0;
        data[4 + 31] = 0x20;
        new UInt256((ulong)text.Length).WriteBigEndian(data.AsSpan(4 + 32, 32));
        text.CopyTo(data, 4 + 64);
        return data;
    }
}
