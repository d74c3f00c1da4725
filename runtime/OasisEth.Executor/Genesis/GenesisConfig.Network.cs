using OasisEth.Primitives;

namespace OasisEth.Executor;

public sealed partial record GenesisConfig
{
    /// <summary>Chain id of the OasisEth network genesis: 0xa515, the production network id of the original
    /// Oasis-Eth (docs/genesis.md).</summary>
    public const ulong NetworkChainId = 0xa515;

    /// <summary>
    /// The network genesis the bundle carries by default (docs/oeth.md): no allocation at all (no pre-mine, no
    /// sale: all 21M OETH start in the pool), the original halving release (<see cref="RewardSchedule.Original"/>),
    /// Prague, 30M gas per round, min gas price and first base fee 1 gwei, Ewasm contracts on.
    /// </summary>
    public static GenesisConfig Network(ulong chainId = NetworkChainId)
    {
        // The dev chain's rules (Prague, 30M gas, 1 gwei floor and first base fee) with the original halving release
        // and no allocation.
        GenesisConfig config = Dev([], chainId) with { Rewards = RewardSchedule.Original };
        config.Validate();
        return config;
    }
}
