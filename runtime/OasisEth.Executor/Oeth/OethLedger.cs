using OasisEth.Primitives;
using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// OETH supply accounting kept in the world state (so it is committed, rolled back and proven with it).
/// 
/// </summary>
public static class OethLedger
{
    /// <summary>21,000,000 OETH in wei.</summary>
    public static readonly UInt256 TotalSupply = UInt256.Parse("21000000000000000000000000");

    /// <summary>System account whose storage holds the figures (pool, unclaimed, burned, per-entity rewards).</summary>
    public static readonly Address LedgerAddress = Address.Parse("0x4f45544800000000000000000000000000000001");

    /// <summary>The coinbase of every block: collects the priority fees of the round until <see cref="EndRound"/>.</summary>
    public static readonly Address FeeCollector = Address.Parse("0x4f45544800000000000000000000000000000002");

    /// <summary>Writes the genesis state: the pool (21M minus allocations) and the allocations.</summary>
    public static void ApplyGenesis(IWorldState state, GenesisConfig genesis) => throw new NotImplementedException();

    /// <summary>
    /// Closes a round (after its last transaction): moves the priority fees collected at <see cref="FeeCollector"/>
    /// (the coinbase of every block) to the operators' rewards, adds <paramref name="burnedThisRound"/> to the burned
    /// total, counts a good round for each entity and, at an epoch's end, releases that epoch's rewards from the pool.
    /// </summary>
    public static void EndRound(IWorldState state, GenesisConfig genesis, ulong round, in UInt256 burnedThisRound,
        IReadOnlyList<byte[]> goodComputeEntities) => throw new NotImplementedException();

    /// <summary>Pool, unclaimed, burned as stored; circulating = total - the three (the invariant test checks it
    /// against the sum of all balances).</summary>
    public static SupplyFigures ReadSupply(IWorldState state) => throw new NotImplementedException();
}
