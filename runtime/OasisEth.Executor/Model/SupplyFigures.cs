using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// OETH supply after a block, in wei: the protocol reward pool, operator rewards accrued but not yet claimed,
/// the sum of all account balances, and the total burned. They always add up to 21,000,000 OETH, plus
/// <see cref="DevMinted"/> minus <see cref="DevDestroyed"/> on a dev node whose state was edited.
/// </summary>
public sealed record SupplyFigures(UInt256 RewardPool, UInt256 Unclaimed, UInt256 Circulating, UInt256 Burned)
{
    /// <summary>Dev node only: OETH created by balance edits (anvil_setBalance and friends); zero on a real chain.</summary>
    public UInt256 DevMinted { get; init; }

    /// <summary>Dev node only: OETH destroyed by balance edits.</summary>
    public UInt256 DevDestroyed { get; init; }

    /// <summary>21,000,000 OETH + <see cref="DevMinted"/> − <see cref="DevDestroyed"/>.</summary>
    public UInt256 Total => RewardPool + Unclaimed + Circulating + Burned;
}
