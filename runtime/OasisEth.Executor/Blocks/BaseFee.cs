using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// The base fee of each block: EIP-1559's adjustment (at most ±1/8 per block towards a target of half the gas
/// limit) from the parent's gas used, never below the genesis floor <see cref="GenesisConfig.MinGasPrice"/>.
/// Block 1 starts at <see cref="GenesisConfig.InitialBaseFee"/> (the genesis block has no transactions to adjust from).
/// </summary>
public static class BaseFee
{
    /// <summary>EIP-1559 BASE_FEE_MAX_CHANGE_DENOMINATOR.</summary>
    public const ulong ChangeDenominator = 8;

    /// <summary>EIP-1559 ELASTICITY_MULTIPLIER: the target is gasLimit / 2.</summary>
    public const ulong ElasticityMultiplier = 2;

    /// <summary>The base fee of block <paramref name="number"/> whose parent is <paramref name="parent"/>.</summary>
    public static UInt256 ForBlock(ulong number, GenesisConfig genesis, BlockHeader? parent)
    {
        if (number <= 1 || parent is null) return Floor(genesis.InitialBaseFee, genesis);
        return Next(parent.BaseFee, parent.GasUsed, parent.GasLimit, genesis.MinGasPrice);
    }

    /// <summary>The EIP-1559 successor of <paramref name="parentBaseFee"/>, floored at <paramref name="minimum"/>.</summary>
    public static UInt256 Next(in UInt256 parentBaseFee, ulong parentGasUsed, ulong parentGasLimit, in UInt256 minimum)
    {
        ulong target = parentGasLimit / ElasticityMultiplier;
        UInt256 next;
        if (target == 0 || parentGasUsed == target)
        {
            next = parentBaseFee;
        }
        else if (parentGasUsed > target)
        {
            UInt256 delta = parentBaseFee * (UInt256)(parentGasUsed - target) / (UInt256)target / (UInt256)ChangeDenominator;
            if (delta.IsZero) delta = UInt256.One;
            next = parentBaseFee + delta;
        }
        else
        {
            UInt256 delta = parentBaseFee * (UInt256)(target - parentGasUsed) / (UInt256)target / (UInt256)ChangeDenominator;
            next = parentBaseFee - delta;
        }
        return next < minimum ? minimum : next;
    }

    private static UInt256 Floor(in UInt256 value, GenesisConfig genesis) => value < genesis.MinGasPrice ? genesis.MinGasPrice : value;
}
