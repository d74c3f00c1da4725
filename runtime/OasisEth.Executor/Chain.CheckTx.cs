using OasisEth.Evm;
using OasisEth.Execution;
using OasisEth.Primitives;
using OasisEth.State.Mkvs;

namespace OasisEth.Executor;

public sealed partial class Chain
{
    /// <summary>
    /// Mempool admission against the latest committed state (read from the store's flat index, one lookup per key)
    /// and the next block's base fee. A nonce above the account's is accepted (the pool queues it); everything else
    /// that would make the transaction rejected in a round is an error here.
    /// </summary>
    public CheckTxResult CheckTx(ReadOnlySpan<byte> raw)
    {
        ThrowIfDisposed();
        if (!TransactionDecoder.TryDecodeAndRecover(raw, Genesis.Fork, _chainId, TxDecodePolicy.Default, out Transaction? tx, out string? error))
            return new CheckTxResult(null, GethErrors.FromReason(error));
        if (!TransactionValidator.TryValidate(tx, OasisEth.Evm.Specs.ForkSpec.Of(Genesis.Fork), out _, out error))
            return new CheckTxResult(tx, GethErrors.FromReason(error));
        // Statelessly valid: the round that includes it can skip decoding and recovery (state checks run there).
        _checked.Add(tx);

        BlockHeader head = _head;
        if (tx.GasLimit > Genesis.GasLimit) return new CheckTxResult(tx, "exceeds block gas limit");

        ReadLatestAccount(tx.Sender, out ulong nonce, out UInt256 balance, out Hash256 codeHash);
        if (tx.Nonce < nonce) return new CheckTxResult(tx, "nonce too low");
        if (codeHash != Hash256.EmptyCode)
        {
            byte[] code = _store.TryGetLatest(StateSchema.CodeKey(codeHash)) ?? [];
            if (!Delegation.IsDesignator(code)) return new CheckTxResult(tx, "sender not an eoa");
        }

        UInt256 baseFee = BaseFee.ForBlock(head.Number + 1, Genesis, head);
        UInt256 feeCap = tx.IsDynamicFee ? tx.MaxFeePerGas : tx.GasPrice;
        if (feeCap < baseFee) return new CheckTxResult(tx, "max fee per gas less than block base fee");

        if (UInt256.MultiplyOverflow((UInt256)tx.GasLimit, feeCap, out UInt256 cost)
            || UInt256.AddOverflow(cost, tx.Value, out cost)
            || balance < cost)
            return new CheckTxResult(tx, "insufficient funds for gas * price + value");
        return new CheckTxResult(tx, null);
    }

    private void ReadLatestAccount(in Address address, out ulong nonce, out UInt256 balance, out Hash256 codeHash)
    {
        byte[]? value = _store.TryGetLatest(StateSchema.AccountKey(address));
        if (value is null)
        {
            nonce = 0;
            balance = UInt256.Zero;
            codeHash = Hash256.EmptyCode;
            return;
        }
        StateSchema.DecodeAccount(value, out nonce, out balance, out codeHash);
    }
}
