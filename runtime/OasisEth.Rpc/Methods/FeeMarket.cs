using OasisEth.Executor;
using OasisEth.Primitives;

namespace OasisEth.Rpc;

/// <summary>Fee suggestions for wallets (eth_gasPrice, eth_maxPriorityFeePerGas, eth_sendTransaction's defaults).</summary>
internal static class FeeMarket
{
    /// <summary>1 gwei: the tip most wallets and dev nodes suggest, so scripts written for them behave the same here.</summary>
    public static readonly UInt256 SuggestedTip = 1_000_000_000UL;

    /// <summary>The base fee the next round will charge: the executor's own rule, so suggestions never undershoot it.</summary>
    public static UInt256 NextBaseFee(BlockHeader parent, GenesisConfig genesis) => BaseFee.ForBlock(parent.Number + 1, genesis, parent);

    /// <summary>The next block's base fee as the chain will charge it: with the dev override
    /// (anvil_setNextBlockBaseFeePerGas) when one is set and <paramref name="parent"/> is still the head.</summary>
    public static UInt256 NextBaseFee(IChain chain, BlockHeader parent) =>
        chain is IDevChain { NextBaseFeeOverride: { } fee } && chain.Head.Number == parent.Number ? fee : NextBaseFee(parent, chain.Genesis);
}
