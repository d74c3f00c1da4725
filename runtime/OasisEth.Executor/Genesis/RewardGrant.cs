using OasisEth.Primitives;

namespace OasisEth.Executor;

/// <summary>
/// A fixed share of every epoch's release paid straight to an address (a developers' or community fund, e.g. a
/// multisig contract), in basis points of the epoch's amount (10,000 = all of it). What is left after the grants
/// goes to the operators who served the epoch (docs/oeth.md).
/// </summary>
public sealed record RewardGrant(Address Address, ushort BasisPoints)
{
    public const ushort AllBasisPoints = 10_000;
}
