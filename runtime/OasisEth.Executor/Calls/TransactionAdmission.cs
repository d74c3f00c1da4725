using OasisEth.Evm;
using OasisEth.Evm.Specs;
using OasisEth.Transactions;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// Pool admission (the dev node's mempool, the ParaTime's CheckTx): everything that would make a transaction rejected
/// by the next round, checked against a state and the head block, except a nonce ahead of the account's, which a
/// pool queues. Reads only; the same answer on every node for the same state.
/// </summary>
public static class TransactionAdmission
{
    /// <param name="stateNonce">The sender's nonce in <paramref name="state"/> (0 when the bytes did not decode).</param>
    /// <param name="statelesslyValid">Called once the transaction decoded and passed the stateless checks.</param>
    /// <param name="nextBaseFee">The next block's base fee when the driver knows it differs from the EIP-1559 rule
    /// (the dev node's anvil_setNextBlockBaseFeePerGas); null: the rule.</param>
    public static CheckTxResult Check(ReadOnlySpan<byte> raw, GenesisConfig genesis, BlockHeader head, IStateReader state,
        out ulong stateNonce, Action<Transaction>? statelesslyValid = null, UInt256? nextBaseFee = null)
    {
        stateNonce = 0;
        if (!TransactionDecoder.TryDecodeAndRecover(raw, genesis.Fork, genesis.ChainId, TxDecodePolicy.Default, out Transaction? tx, out string? error))
            return new CheckTxResult(null, GethErrors.FromReason(error));
        return CheckDecoded(tx, genesis, state, nextBaseFee ?? BaseFee.ForBlock(head.Number + 1, genesis, head), out stateNonce, statelesslyValid);
    }

    /// <summary>The checks after decoding, for a transaction the caller decoded (the dev node's impersonated ones).</summary>
    public static CheckTxResult CheckDecoded(Transaction tx, GenesisConfig genesis, IStateReader state, UInt256 baseFee,
        out ulong stateNonce, Action<Transaction>? statelesslyValid = null)
    {
        ArgumentNullException.ThrowIfNull(tx);
        stateNonce = 0;
        string? error;
        if (!TransactionValidator.TryValidate(tx, ForkSpec.Of(genesis.Fork), out _, out error))
            return new CheckTxResult(tx, GethErrors.FromReason(error));
        statelesslyValid?.Invoke(tx);

        // Fits an empty next block (a round's own gas is the round's concern).
        if (!BlockGas.Fits(tx.GasLimit, genesis.GasLimit, gasUsed: 0)) return new CheckTxResult(tx, "exceeds block gas limit");

        state.TryGetAccount(tx.Sender, out AccountData account);
        stateNonce = account.Nonce;
        if (tx.Nonce < account.Nonce) return new CheckTxResult(tx, "nonce too low");
        if (account.CodeHash != Hash256.EmptyCode && account.CodeHash != default
            && !Delegation.IsDesignator(state.GetCode(account.CodeHash)))
            return new CheckTxResult(tx, "sender not an eoa");

        if (!FeeRules.CoversBaseFee(tx, baseFee)) return new CheckTxResult(tx, "max fee per gas less than block base fee");
        UInt256 feeCap = FeeRules.FeeCap(tx);

        if (UInt256.MultiplyOverflow((UInt256)tx.GasLimit, feeCap, out UInt256 cost)
            || UInt256.AddOverflow(cost, tx.Value, out cost)
            || account.Balance < cost)
            return new CheckTxResult(tx, "insufficient funds for gas * price + value");
        return new CheckTxResult(tx, null);
    }
}
