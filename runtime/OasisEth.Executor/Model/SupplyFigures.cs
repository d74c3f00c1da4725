using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// OETH supply after a block, in wei: the protocol reward pool, operator rewards accrued but not yet claimed,
/// the sum of all account balances, and the total burned. They always add up to 21,000,000 OETH.
/// </summary>
public sealed record SupplyFigures(UInt256 RewardPool, UInt256 Unclaimed, UInt256 Circulating, UInt256 Burned);
