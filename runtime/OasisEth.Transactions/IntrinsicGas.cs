using OasisEth.Evm.Gas;
using OasisEth.Evm.Specs;

namespace OasisEth.Transactions;

/// <summary>The gas a transaction costs before any code runs, and (Prague, EIP-7623) the floor it must pay at least.</summary>
public readonly record struct IntrinsicGas(long Gas, long FloorGas)
{
    public static IntrinsicGas Of(Transaction tx, ForkSpec spec)
    {
        long zeros = tx.Data.AsSpan().Count((byte)0); // vectorised: call data is often kilobytes
        long nonZeros = tx.Data.Length - zeros;
        bool isCreate = tx.To is null;
        long gas = isCreate && spec.IsHomestead ? GasCost.TransactionCreate : GasCost.Transaction;
        gas += zeros * GasCost.TxDataZero + nonZeros * spec.TxDataNonZeroCost;
        if (isCreate && spec.IsShanghai) gas += GasCost.InitCodeWord * ((tx.Data.Length + 31L) / 32);
        foreach (var item in tx.AccessList)
            gas += GasCost.AccessListAddress + GasCost.AccessListStorageKey * item.StorageKeys.Length;
        gas += GasCost.PerEmptyAccountEip7702 * tx.AuthorizationList.Length;

        long floor = 0;
        if (spec.IsPrague)
        {
            long tokens = zeros + nonZeros * 4;
            floor = GasCost.Transaction + GasCost.TotalCostFloorPerToken * tokens;
        }
        return new IntrinsicGas(gas, floor);
    }
}
