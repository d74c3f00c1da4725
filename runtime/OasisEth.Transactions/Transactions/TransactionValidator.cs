using System.Diagnostics.CodeAnalysis;
using OasisEth.Evm.Specs;
using OasisEth.Primitives;

namespace OasisEth.Transactions;

/// <summary>
/// The validity rules a transaction must meet whatever the state: the ones a node applies before it looks at the
/// sender's account (what ethereum/tests TransactionTests check). Rules that need state (nonce, balance, sender code,
/// base fee) stay in the processor's validation phase.
/// </summary>
public static class TransactionValidator
{
    /// <summary>
    /// Null reason and true when <paramref name="tx"/> is valid under <paramref name="spec"/>. The intrinsic gas is
    /// computed first and returned either way, so a caller can report it for a rejected transaction too.
    /// </summary>
    public static bool TryValidate(Transaction tx, ForkSpec spec, out IntrinsicGas intrinsic, [NotNullWhen(false)] out string? error)
    {
        intrinsic = IntrinsicGas.Of(tx, spec);
        error = Check(tx, spec, intrinsic);
        return error is null;
    }

    private static string? Check(Transaction tx, ForkSpec spec, in IntrinsicGas intrinsic)
    {
        // EIP-2681: a nonce of 2^64-1 could never be followed by another, so no transaction may carry it.
        if (tx.Nonce == ulong.MaxValue) return "TransactionException.NONCE_TOO_BIG: nonce 2^64-1 is reserved (EIP-2681)";

        // Every sender must be able to pay gasLimit * fee cap; a product beyond 256 bits can never be paid.
        UInt256 feeCap = FeeRules.FeeCap(tx);
        if (UInt256.MultiplyOverflow((UInt256)tx.GasLimit, feeCap, out _))
            return "TransactionException.GASLIMIT_PRICE_PRODUCT_OVERFLOW: gasLimit * fee cap exceeds 2^256-1";
        if (tx.IsDynamicFee && UInt256.LessThan(tx.MaxFeePerGas, tx.MaxPriorityFeePerGas))
            return $"TransactionException.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS: maxPriorityFeePerGas {tx.MaxPriorityFeePerGas} > maxFeePerGas {tx.MaxFeePerGas}";

        if (tx.To is null && spec.IsShanghai && tx.Data.Length > spec.MaxInitCodeSize)
            return $"TransactionException.INITCODE_SIZE_EXCEEDED: init code of {tx.Data.Length} bytes exceeds {spec.MaxInitCodeSize} (EIP-3860)";

        // EIP-7623 (Prague): the gas limit must also cover the calldata floor.
        long required = Math.Max(intrinsic.Gas, intrinsic.FloorGas);
        if ((ulong)required > tx.GasLimit)
            return $"TransactionException.INTRINSIC_GAS_TOO_LOW: gas limit {tx.GasLimit} is below the intrinsic gas {intrinsic.Gas}"
                + (intrinsic.FloorGas > intrinsic.Gas ? $" (calldata floor {intrinsic.FloorGas}, EIP-7623)" : "");

        if (tx.Type == TxType.Blob)
        {
            if (tx.BlobVersionedHashes.Length == 0) return "TransactionException.TYPE_3_TX_ZERO_BLOBS: a blob transaction carries at least one blob";
            if (tx.BlobVersionedHashes.Length > spec.MaxBlobsPerBlock)
                return $"TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED: {tx.BlobVersionedHashes.Length} blobs, at most {spec.MaxBlobsPerBlock} per block";
            foreach (Hash256 hash in tx.BlobVersionedHashes)
                if (hash.Bytes[0] != KzgVersionByte)
                    return $"TransactionException.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH: versioned hash {hash} does not start with 0x01";
        }
        if (tx.Type == TxType.SetCode && tx.AuthorizationList.Length == 0)
            return "TransactionException.TYPE_4_EMPTY_AUTHORIZATION_LIST: a set-code transaction carries at least one authorization (EIP-7702)";
        return null;
    }

    /// <summary>EIP-4844's VERSIONED_HASH_VERSION_KZG.</summary>
    private const byte KzgVersionByte = 0x01;
}
