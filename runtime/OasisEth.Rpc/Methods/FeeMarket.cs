using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>
/// Fee suggestions for wallets (eth_gasPrice, eth_maxPriorityFeePerGas, eth_sendTransaction's defaults). Not
/// consensus: the executor sets the real base fee; this predicts it with the EIP-1559 rule and the chain's floor.
/// </summary>
internal static class FeeMarket
{
    /// <summary>1 gwei: the tip most wallets and dev nodes suggest, so scripts written for them behave the same here.</summary>
    public static readonly UInt256 SuggestedTip = 1_000_000_000UL;

    /// <summary>EIP-1559: the base fee moves by up to 1/8 toward the gas target (half the limit).</summary>
    public static UInt256 NextBaseFee(BlockHeader parent, GenesisConfig genesis)
    {
        if (parent.Number == 0) return Max(genesis.InitialBaseFee, genesis.MinGasPrice);
        ulong target = parent.GasLimit / 2;
        UInt256 baseFee = parent.BaseFee;
        UInt256 next;
        if (target == 0 || parent.GasUsed == target) next = baseFee;
        else if (parent.GasUsed > target)
        {
            UInt256 delta = baseFee * (ulong)(parent.GasUsed - target) / target / 8UL;
            next = baseFee + (delta.IsZero ? UInt256.One : delta);
        }
        else
        {
            UInt256 delta = baseFee * (ulong)(target - parent.GasUsed) / target / 8UL;
            next = baseFee - delta;
        }
        return Max(next, genesis.MinGasPrice);
    }

    private static UInt256 Max(in UInt256 a, in UInt256 b) => a > b ? a : b;
}
