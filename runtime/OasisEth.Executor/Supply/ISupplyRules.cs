using OasisEth.State;

namespace OasisEth.Executor;

/// <summary>
/// The seam between round execution and the OETH supply rules (<see cref="OethLedger"/>, <see cref="OethClaims"/>).
/// A node always uses <see cref="OethSupplyRules"/>; executor tests can run the batch logic on their own rules.
/// </summary>
internal interface ISupplyRules
{
    void ApplyGenesis(IWorldState state, GenesisConfig genesis);
    void EndRound(IWorldState state, GenesisConfig genesis, ulong round, in OasisEth.Primitives.UInt256 burnedThisRound,
        IReadOnlyList<byte[]> goodComputeEntities);
    /// <summary>Null on success, else why the claim is refused (state untouched).</summary>
    string? ApplyClaim(IWorldState state, ulong chainId, ReadOnlySpan<byte> calldata);
    SupplyFigures ReadSupply(IWorldState state);
}
