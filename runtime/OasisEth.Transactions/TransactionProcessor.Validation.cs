using OasisEth.Evm;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Transactions;

public sealed partial class TransactionProcessor
{
    /// <summary>
    /// The checks that make a transaction invalid (it is then not included and changes nothing). Returns the
    /// reason in the execution-spec-tests naming, or null, and the gas price the sender pays.
    /// </summary>
    private string? Validate(IWorldState state, BlockContext block, Transaction tx, out IntrinsicGas intrinsic, out UInt256 effectiveGasPrice)
    {
        effectiveGasPrice = UInt256.Zero;
        intrinsic = default;
        var spec = _spec;
        switch (tx.Type)
        {
            case TxType.AccessList when !spec.IsBerlin:
            case TxType.DynamicFee when !spec.IsLondon:
            case TxType.Blob when !spec.IsCancun:
            case TxType.SetCode when !spec.IsPrague:
                return "TransactionException.TYPE_NOT_SUPPORTED";
        }

        // The rules that need no state (intrinsic gas and floor, init-code size, fee-cap shape, blob and
        // authorization-list shape) are the decoder's too: one implementation.
        if (!TransactionValidator.TryValidate(tx, spec, out intrinsic, out string? statelessError)) return statelessError;
        // A lone transaction: the block has used nothing yet (a round checks each entry against what it has left).
        if (!BlockGas.Fits(tx.GasLimit, block.GasLimit, gasUsed: 0))
            return "TransactionException.GAS_ALLOWANCE_EXCEEDED";

        ulong nonce = state.GetNonce(tx.Sender);
        if (nonce == ulong.MaxValue) return "TransactionException.NONCE_IS_MAX"; // EIP-2681
        if (tx.Nonce < nonce) return "TransactionException.NONCE_MISMATCH_TOO_LOW";
        if (tx.Nonce > nonce) return "TransactionException.NONCE_MISMATCH_TOO_HIGH";

        // EIP-3607: only accounts without code send transactions (an EIP-7702 delegation does not count as code).
        byte[] senderCode = state.GetCode(tx.Sender);
        if (SenderMustBeEoa && senderCode.Length > 0 && !(spec.IsPrague && Delegation.IsDesignator(senderCode)))
            return "TransactionException.SENDER_NOT_EOA";

        // EIP-1559 (FeeRules): the fee cap must cover the base fee; the price is min(fee cap, base fee + tip cap).
        UInt256 baseFee = BaseFeeOf(block);
        if (!FeeRules.CoversBaseFee(tx, baseFee)) return "TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS";
        effectiveGasPrice = FeeRules.EffectiveGasPrice(tx, baseFee);
        UInt256 feeCap = FeeRules.FeeCap(tx);

        UInt256 blobCost = UInt256.Zero;
        if (tx.Type == TxType.Blob)
        {
            if (tx.To is null) return "TransactionException.TYPE_3_TX_CONTRACT_CREATION";
            if (UInt256.LessThan(tx.MaxFeePerBlobGas, block.BlobBaseFee))
                return "TransactionException.INSUFFICIENT_MAX_FEE_PER_BLOB_GAS";
            if (UInt256.MultiplyOverflow(BlobGasUsed(tx), tx.MaxFeePerBlobGas, out blobCost))
                return "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS";
        }
        if (tx.Type == TxType.SetCode)
        {
            if (tx.To is null) return "TransactionException.TYPE_4_TX_CONTRACT_CREATION";
        }

        // The sender must afford the whole gas limit at the fee cap, the value and the blob fee cap.
        if (UInt256.MultiplyOverflow((UInt256)tx.GasLimit, feeCap, out UInt256 maxGasCost)
            || UInt256.AddOverflow(maxGasCost, tx.Value, out UInt256 total)
            || UInt256.AddOverflow(total, blobCost, out total)
            || UInt256.LessThan(state.GetBalance(tx.Sender), total))
            return "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS";

        return null;
    }

    /// <summary>The base fee the fee rules apply: the block's from London (EIP-1559), none before it.</summary>
    private UInt256 BaseFeeOf(BlockContext block) => _spec.IsLondon ? block.BaseFee : UInt256.Zero;
}
