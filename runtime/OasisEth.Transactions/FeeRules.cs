using OasisEth.Primitives;

namespace OasisEth.Transactions;

/// <summary>
/// EIP-1559's per-gas price rules, written once: the processor charges with them, receipts and RPC objects report
/// them, CheckTx and the dev pool rank and admit with them.
/// </summary>
/// <remarks>
/// Every transaction type is read as EIP-1559 does: a fee cap and a tip cap, which for legacy and EIP-2930
/// transactions are both the gas price. The effective price is then <c>min(feeCap, baseFee + tipCap)</c> for all of
/// them, and a legacy transaction whose price covers the base fee pays exactly its price.
/// <para>A fee cap below the base fee makes a transaction invalid in that block
/// (<c>INSUFFICIENT_MAX_FEE_PER_GAS</c>; <see cref="CoversBaseFee"/> is the test): the processor and pool admission
/// refuse it, and eth_call refuses it too when the call names a fee, as geth does. An eth_call that names no fee
/// runs at base fee zero, where every cap covers it. <see cref="EffectiveGasPrice"/> is still defined there (it
/// gives the fee cap, the min rule's value) so a display of such a transaction needs no special case, and
/// <see cref="EffectiveTip"/> is zero.</para>
/// Pre-London blocks have no base fee: callers pass zero, and the price is the gas price, all of it tip.
/// </remarks>
public static class FeeRules
{
    /// <summary>The most the sender pays per gas: <c>maxFeePerGas</c> (types 2, 3, 4), else the gas price.</summary>
    public static UInt256 FeeCap(Transaction tx) => tx.IsDynamicFee ? tx.MaxFeePerGas : tx.GasPrice;

    /// <summary>The most the sender tips per gas: <c>maxPriorityFeePerGas</c> (types 2, 3, 4), else the gas price.</summary>
    public static UInt256 TipCap(Transaction tx) => tx.IsDynamicFee ? tx.MaxPriorityFeePerGas : tx.GasPrice;

    /// <summary>Whether the fee cap covers <paramref name="baseFee"/>: else the transaction is invalid in the block.</summary>
    public static bool CoversBaseFee(Transaction tx, in UInt256 baseFee) => !UInt256.LessThan(FeeCap(tx), baseFee);

    /// <summary>
    /// The price per gas the sender pays in a block with <paramref name="baseFee"/>: <c>min(feeCap, baseFee + tipCap)</c>
    /// (the gas price for legacy and EIP-2930 transactions), computed without overflow. A fee cap at or below the base
    /// fee gives the fee cap (see the remarks: below it, the transaction is not includable).
    /// </summary>
    public static UInt256 EffectiveGasPrice(Transaction tx, in UInt256 baseFee)
    {
        UInt256 feeCap = FeeCap(tx);
        if (!UInt256.LessThan(baseFee, feeCap)) return feeCap;
        UInt256 headroom = feeCap - baseFee;
        UInt256 tipCap = TipCap(tx);
        return baseFee + (UInt256.LessThan(tipCap, headroom) ? tipCap : headroom);
    }

    /// <summary>The tip per gas (to the block's coinbase): the effective price above <paramref name="baseFee"/>; zero
    /// when the fee cap does not cover the base fee.</summary>
    public static UInt256 EffectiveTip(Transaction tx, in UInt256 baseFee)
    {
        UInt256 price = EffectiveGasPrice(tx, baseFee);
        return UInt256.LessThan(baseFee, price) ? price - baseFee : UInt256.Zero;
    }
}
