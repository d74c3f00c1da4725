using OasisEth.Primitives;

namespace OasisEth.Executor;

public sealed partial record GenesisConfig
{
    /// <summary>1 gwei: the dev chain's minimum gas price and first base fee. Low, but not zero, so the base fee
    /// is burned and the fee rules run in development as they do in production.</summary>
    public static readonly UInt256 DevMinGasPrice = new(1_000_000_000);

    /// <summary>One OETH in wei (10^18).</summary>
    public static readonly UInt256 Oeth = new(1_000_000_000_000_000_000);

    /// <summary>
    /// A development chain: Prague, timestamp 0, 30M gas per round, min gas price and initial base fee 1 gwei,
    /// rewards of 10,000 OETH per epoch of 100 rounds for 1,000 epochs (10M OETH, under half the pool), and the
    /// <paramref name="prefunded"/> accounts funded from the pool, Ewasm contracts on.
    /// </summary>
    /// <exception cref="FormatException">A duplicate or reserved address, or more than 21M OETH in total.</exception>
    public static GenesisConfig Dev(IReadOnlyList<(Address Address, UInt256 Balance)> prefunded, ulong chainId = 31337)
    {
        ArgumentNullException.ThrowIfNull(prefunded);
        var allocations = new GenesisAllocation[prefunded.Count];
        for (int i = 0; i < allocations.Length; i++) allocations[i] = new GenesisAllocation(prefunded[i].Address, prefunded[i].Balance);
        var config = new GenesisConfig
        {
            ChainId = chainId,
            Fork = Fork.Prague,
            Timestamp = 0,
            GasLimit = 30_000_000,
            MinGasPrice = DevMinGasPrice,
            InitialBaseFee = DevMinGasPrice,
            Rewards = new RewardSchedule(new UInt256(10_000) * Oeth, 1_000, 100),
            Allocations = allocations,
            Ewasm = true,
        };
        config.Validate();
        return config with { Allocations = config.SortedAllocations() };
    }
}
